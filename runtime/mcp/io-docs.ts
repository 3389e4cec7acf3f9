/**
 * Server-instruction lines for uploads, streams and binary responses: said
 * once for all tools, only when a selected tool has the feature, with the
 * values the operator chose (allowed directories, caps).
 */
import type { CallSpec, ToolDef, ToolTable } from './table.js';
import type { ServerOptions } from './options.js';
import type { FileAccess } from './files.js';
import { ENABLE_HINT } from './files.js';

interface IoView {
  table: ToolTable;
  selected: Map<string, ToolDef>;
  options: Pick<ServerOptions, 'maxBinaryBytes' | 'maxStreamBytes'>;
  files: Pick<FileAccess, 'enabled' | 'directories'>;
}

function selectedCalls(view: IoView): CallSpec[] {
  return [...view.selected.keys()].map((name) => view.table.calls[name]!).filter(Boolean);
}

export function ioLines(view: IoView): string[] {
  const calls = selectedCalls(view);
  const lines: string[] = [];
  if (calls.some((c) => c.files?.length)) {
    const paths = view.files.enabled
      ? `or {"path"} of a local file under ${view.files.directories.join(', ')} (a relative path is taken from the first)`
      : `or {"path"} of a local file once the operator allows it (${ENABLE_HINT}; off now)`;
    lines.push(`File arguments take {"base64", "filename", "mime_type"} (base64 content, or a data: URL), ${paths}.`);
  }
  if (calls.some((c) => c.stream)) {
    lines.push(
      `Streaming calls (stream: true, or tools that always stream) send a progress notification per event when the request has a progressToken, and return {final, count} with the last *.completed event, ` +
        `or else {events, count, truncated, max_bytes}: the events in order up to ${view.options.maxStreamBytes} bytes of JSON (--max-stream-bytes).`,
    );
  }
  if (calls.some((c) => c.response === 'binary')) {
    lines.push(
      `Binary responses come back as an embedded resource (base64 blob, or text for textual types, with its MIME type) up to ${view.options.maxBinaryBytes} bytes (--max-binary-bytes); larger ones are an error.`,
    );
  }
  return lines;
}
