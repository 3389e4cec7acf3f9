/**
 * Documents nobody on the team wrote, against a validator nobody on the team
 * wrote: for OpenAPI 3.0 documents of `@readme/oas-examples`, every MCP tool
 * of the generated server is called with arguments made from its own input
 * schema (required properties, their examples, enums, formats and bounds,
 * and the first form of a body that needs one of several: `requiredAnyOf`)
 * against `steady` serving the same document, which refuses a request that
 * breaks the document (path, query and header styles, bodies, media types,
 * auth). Every call must succeed; the few steady cannot judge are listed with
 * the reason. (steady does not serve the 3.1 examples;
 * the documents left out answer only errors by design, require what they do
 * not define, or hold schemas no value satisfies.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pointerSegments } from '../../generator/load/locate.js';
import type { ToolTable } from '../../runtime/mcp/table.js';
import { sampleArgs, sampleValue } from '../mcp/helpers.js';
import { startMockServer } from '../support/mock-server.js';
import { connectMcp, generateAndBuild, importAll, scratchDir } from '../support/pipeline.js';

const examples = join(dirname(createRequire(import.meta.url).resolve('@readme/oas-examples/package.json')), '3.0/json');

const DOCUMENTS = [
  'callbacks', 'circular', 'circular-paths', 'complex-nesting', 'discriminators', 'file-uploads', 'form-data', 'link-example',
  'parameters-common', 'parameters-cookies', 'parameters-extreme', 'petstore', 'petstore-expanded', 'readme-extensions', 'readme-legacy',
  'request-examples', 'response-empty-examples', 'response-examples', 'response-http-behavior', 'response-multiple-mediatypes',
  'schema-additional-properties', 'schema-circular', 'schema-deprecated', 'schema-encoding-style', 'schema-visibility', 'security', 'security-multiple',
  'server-path-level', 'server-variables', 'star-trek',
];

/** Tools whose call cannot succeed against the mock, and why. */
const KNOWN: Record<string, string> = {
  // The response example is a string of JSON text where the schema is an object: steady answers the string.
  support_for_request_body_and_edit_request_body_primitive_example: 'the example is JSON text in a string',
  // steady does not route a path item that is a $ref with servers of its own.
  path_level_server_declarations_retrieve_path_item_ref_server: 'steady: path item $ref',
  // OpenAPI selects a member by its schema name when no mapping names it, and a mapping may name schemas rather than
  // refs; steady knows neither (it lists no valid value), so it refuses the values the document allows.
  discriminator_support_one_top_level_discriminator_no_mapping: 'steady: implicit discriminator mapping',
  discriminator_support_update_oneof_allof_top_level_disc: 'steady: implicit discriminator mapping',
  discriminator_support_update_mapping_of_schema_name: 'steady: a mapping by schema name',
};

type Schema = Record<string, any>;

/** Whether the document says what a success looks like (an operation with only error responses cannot succeed). */
function documentsSuccess(doc: Schema, pointer: string): boolean {
  const [, path, method] = pointerSegments(pointer);
  const op = doc.paths[path!]?.[method!];
  return Object.keys(op?.responses ?? {}).some((status) => /^2|^default$/i.test(status));
}

describe('@readme/oas-examples 3.0: every MCP tool accepted by steady serving the same document', () => {
  it.each(DOCUMENTS)('%s', async (name) => {
    const file = join(examples, `${name}.json`);
    const { spec } = await importAll(file, `mock-${name}`);
    const built = await generateAndBuild(spec, join(scratchDir, `test-examples-mock-${name}`));
    const mock = await startMockServer(file);
    const env: Record<string, string> = { [spec.packages.baseURLEnv]: mock.url };
    for (const scheme of spec.auth) env[scheme.envVar] = scheme.kind === 'basic' ? 'user:secret' : 'test-key';
    const mcp = await connectMcp(built.mcpBin, ['--tools', 'all'], env);
    try {
      const { tools } = await mcp.client.listTools();
      expect(tools.length).toBe(spec.operations.length);
      const table = JSON.parse(readFileSync(join(built.dir, 'mcp/src/tools.json'), 'utf8')) as ToolTable;
      const doc = JSON.parse(readFileSync(file, 'utf8')) as Schema;
      const expected = new Map(spec.operations.map((o) => [o.names.mcpTool, documentsSuccess(doc, o.pointer)]));
      const failures: string[] = [];
      for (const tool of tools) {
        if (!expected.get(tool.name) || KNOWN[tool.name]) continue;
        const args = sampleArgs(tool.inputSchema as Schema);
        // A body that needs one of several forms (readme-legacy's doc: `category` or `categorySlug`): the first one,
        // as the description says; the listed schema cannot carry it (no top-level anyOf).
        for (const key of table.calls[tool.name]?.requiredAnyOf?.[0] ?? [])
          args[key] ??= sampleValue((tool.inputSchema as Schema).properties[key], tool.inputSchema as Schema, key);
        const result = (await mcp.client.callTool({ name: tool.name, arguments: args })) as { isError?: boolean; content: Array<{ text?: string }> };
        if (result.isError) failures.push(`${tool.name} ${JSON.stringify(args)}: ${result.content.map((c) => c.text).join(' ').slice(0, 400)}`);
      }
      expect(failures, mock.log().slice(-2000)).toEqual([]);
    } finally {
      await mcp.close();
      await mock.close();
    }
  }, 120_000);
});
