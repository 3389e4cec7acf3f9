/**
 * Media facts on real documents, imported whole (--scope all, a temp root):
 * the newest OpenAI document and Together's. The exact streaming operations
 * with their event types and switches, the multipart operations with their
 * upload fields, the binary/text/empty responses, the webhooks and their
 * union; and no operation "not represented" except WebSocket-only ones.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../generator/commands/import.js';
import type { NormalizedSpec, Operation, ReportEntry, Shape } from '../../generator/ir/types.js';
import { newestOpenaiSpecJson, otherSpecsDir } from '../support/shared.js';

const route = (o: Operation) => `${o.httpMethod.toUpperCase()} ${o.path}`;
const typeName = (s: Shape) => (s.kind === 'ref' ? s.name : s.kind);

function streams(spec: NormalizedSpec): Record<string, string> {
  return Object.fromEntries(
    spec.operations.filter((o) => o.stream).map((o) => [route(o), `${typeName(o.stream!.event)} ${o.stream!.switch ? `when ${o.stream!.switch.param} = ${JSON.stringify(o.stream!.switch.value)}` : 'always'}`]),
  );
}

function bodies(spec: NormalizedSpec): Record<string, string> {
  return Object.fromEntries(spec.operations.filter((o) => o.body?.encoding).map((o) => [route(o), `${o.body!.encoding} [${(o.body!.files ?? []).join(', ')}]`]));
}

function responseKinds(spec: NormalizedSpec): Record<string, string> {
  return Object.fromEntries(spec.operations.filter((o) => o.responseKind).map((o) => [route(o), o.responseKind!]));
}

describe('the newest OpenAI document', () => {
  let spec: NormalizedSpec;
  let report: ReportEntry[];
  beforeAll(async () => {
    ({ spec, report } = await importDocument({ from: newestOpenaiSpecJson(), target: 'openai-io', scope: 'all', root: mkdtempSync(join(tmpdir(), 'io-facts-')), configDir: '/nonexistent' }));
  });

  it('streams exactly these operations, with these event types and switches', () => {
    expect(streams(spec)).toEqual({
      'POST /audio/speech': 'CreateSpeechResponseStreamEvent when stream_format = "sse"',
      'POST /audio/transcriptions': 'CreateTranscriptionResponseStreamEvent when stream = true',
      'POST /chat/completions': 'CreateChatCompletionStreamResponse when stream = true',
      'POST /images/edits': 'ImageEditStreamEvent when stream = true',
      'POST /images/generations': 'ImageGenStreamEvent when stream = true',
      'POST /responses': 'ResponseStreamEvent when stream = true',
      'POST /responses?beta=true': 'BetaResponseStreamEvent when stream = true',
    });
    // The event types are named types of the spec (so every surface can name them), on the response side.
    for (const op of spec.operations.filter((o) => o.stream)) {
      const name = typeName(op.stream!.event);
      expect(spec.types[name]?.usage, name).toMatch(/response|both/);
    }
    // The Responses API's events narrow on `type`.
    expect(spec.types.ResponseStreamEvent!.shape).toMatchObject({ kind: 'union', discriminator: { property: 'type' } });
  });

  it('encodes these bodies as multipart (or JSON-or-multipart), with these upload fields', () => {
    expect(bodies(spec)).toEqual({
      'POST /audio/transcriptions': 'multipart [file]',
      'POST /audio/translations': 'multipart [file]',
      'POST /audio/voice_consents': 'multipart [recording]',
      'POST /audio/voices': 'multipart [audio_sample]',
      'POST /containers/{container_id}/files': 'json-or-multipart [file]',
      'POST /content_provenance_checks': 'multipart [file]',
      'POST /files': 'multipart [file]',
      'POST /images/edits': 'json-or-multipart [image, mask]',
      'POST /images/variations': 'multipart [image]',
      'POST /realtime/calls': 'multipart []',
      'POST /skills': 'json-or-multipart [files]',
      'POST /skills/{skill_id}/versions': 'json-or-multipart [files]',
      'POST /uploads/{upload_id}/parts': 'multipart [data]',
      'POST /videos': 'json-or-multipart [input_reference]',
      'POST /videos/characters': 'multipart [video]',
      'POST /videos/edits': 'json-or-multipart [video]',
      'POST /videos/extensions': 'json-or-multipart [video]',
      'POST /videos/{video_id}/remix': 'json-or-multipart []',
    });
    const edits = spec.operations.find((o) => route(o) === 'POST /images/edits')!;
    // `image` (a file or files) from the multipart form, `images` (references) from the JSON one.
    expect(edits.params.find((p) => p.name === 'image')!.schema).toMatchObject({ kind: 'union', members: [{ kind: 'file' }, { kind: 'array', items: { kind: 'file' } }] });
    expect(edits.params.some((p) => p.name === 'images' && !p.required)).toBe(true);
    expect(edits.body!.contentType).toBe('application/json');
  });

  it('reads these responses as binary, text or nothing; everything else as JSON', () => {
    expect(responseKinds(spec)).toEqual({
      'POST /audio/speech': 'binary',
      'DELETE /containers/{container_id}': 'empty',
      'GET /containers/{container_id}/files/{file_id}/content': 'empty',
      'DELETE /containers/{container_id}/files/{file_id}': 'empty',
      'POST /realtime/calls': 'text',
      'POST /realtime/calls/{call_id}/accept': 'empty',
      'POST /realtime/calls/{call_id}/hangup': 'empty',
      'POST /realtime/calls/{call_id}/refer': 'empty',
      'POST /realtime/calls/{call_id}/reject': 'empty',
      'DELETE /responses/{response_id}': 'empty',
      'DELETE /responses/{response_id}?beta=true': 'empty',
      'GET /skills/{skill_id}/content': 'binary',
      'GET /skills/{skill_id}/versions/{version}/content': 'binary',
      'GET /videos/{video_id}/content': 'binary',
    });
  });

  it('types the 16 webhooks and their union, discriminated by `type`', () => {
    const events = spec.webhooks!.events.map((e) => [e.name, e.eventType, typeName(e.payload)]);
    expect(events).toEqual([
      ['batch_cancelled', 'batch.cancelled', 'WebhookBatchCancelled'],
      ['batch_completed', 'batch.completed', 'WebhookBatchCompleted'],
      ['batch_expired', 'batch.expired', 'WebhookBatchExpired'],
      ['batch_failed', 'batch.failed', 'WebhookBatchFailed'],
      ['eval_run_canceled', 'eval.run.canceled', 'WebhookEvalRunCanceled'],
      ['eval_run_failed', 'eval.run.failed', 'WebhookEvalRunFailed'],
      ['eval_run_succeeded', 'eval.run.succeeded', 'WebhookEvalRunSucceeded'],
      ['fine_tuning_job_cancelled', 'fine_tuning.job.cancelled', 'WebhookFineTuningJobCancelled'],
      ['fine_tuning_job_failed', 'fine_tuning.job.failed', 'WebhookFineTuningJobFailed'],
      ['fine_tuning_job_succeeded', 'fine_tuning.job.succeeded', 'WebhookFineTuningJobSucceeded'],
      ['live_call_incoming', 'live.call.incoming', 'WebhookLiveCallIncoming'],
      ['realtime_call_incoming', 'realtime.call.incoming', 'WebhookRealtimeCallIncoming'],
      ['response_cancelled', 'response.cancelled', 'WebhookResponseCancelled'],
      ['response_completed', 'response.completed', 'WebhookResponseCompleted'],
      ['response_failed', 'response.failed', 'WebhookResponseFailed'],
      ['response_incomplete', 'response.incomplete', 'WebhookResponseIncomplete'],
    ]);
    expect(spec.webhooks!.union).toEqual({ type: 'WebhookEvent', discriminator: 'type' });
    const union = spec.types.WebhookEvent!.shape;
    expect(union.kind === 'union' && union.members.map(typeName)).toEqual(events.map((e) => e[2]));
  });

  it('lists no operation as not represented, and reports each media decision', () => {
    expect(spec.operations).toHaveLength(288);
    expect(report.filter((r) => r.level === 'unsupported')).toEqual([]);
    const count = (code: string) => report.filter((r) => r.code === code).length;
    expect({ stream: count('stream'), 'stream-raw': count('stream-raw'), 'body-multipart': count('body-multipart'), 'body-json-or-multipart': count('body-json-or-multipart') }).toEqual({
      stream: 6,
      'stream-raw': 1,
      'body-multipart': 10,
      'body-json-or-multipart': 8,
    });
  });
});

describe("Together's document", () => {
  let spec: NormalizedSpec;
  let report: ReportEntry[];
  beforeAll(async () => {
    ({ spec, report } = await importDocument({ from: join(otherSpecsDir, 'together.yaml'), target: 'together-io', scope: 'all', root: mkdtempSync(join(tmpdir(), 'io-facts-')), configDir: '/nonexistent' }));
  });

  it('streams chat, completions and speech when `stream` is true', () => {
    expect(streams(spec)).toEqual({
      'POST /audio/speech': 'AudioSpeechStreamResponse when stream = true',
      'POST /chat/completions': 'ChatCompletionStream when stream = true',
      'POST /completions': 'CompletionStream when stream = true',
    });
  });

  it('uploads multipart files; downloads binary content, redirects included; deletes return nothing', () => {
    expect(bodies(spec)).toEqual({
      'POST /audio/transcriptions': 'multipart [file]',
      'POST /audio/translations': 'multipart [file]',
      'POST /files/upload': 'multipart [file]',
    });
    expect(responseKinds(spec)).toEqual({
      'POST /audio/speech': 'binary',
      'GET /deployments/storage/{filename}': 'binary',
      'DELETE /endpoints/{endpointId}': 'empty',
      'GET /files/{id}/content': 'binary',
      'GET /finetune/download': 'binary',
    });
  });

  it('leaves out only its two WebSocket operations, saying why', () => {
    const unsupported = report.filter((r) => r.level === 'unsupported');
    expect(unsupported.filter((r) => r.code === 'websocket-transport').map((r) => r.pointer)).toEqual(['/paths/~1audio~1speech~1websocket/get', '/paths/~1realtime/get']);
    expect(spec.operations.some((o) => o.path === '/realtime' || o.path === '/audio/speech/websocket')).toBe(false);
    // What else it cannot represent has nothing to do with media.
    expect([...new Set(unsupported.map((r) => r.code))].sort()).toEqual(['callbacks', 'websocket-transport']);
    // Its video endpoints live under /v2 (the document's server is /v1): sent there.
    expect(spec.operations.filter((o) => o.baseURL).map((o) => `${o.httpMethod.toUpperCase()} ${o.path} ${o.baseURL}`)).toEqual([
      'POST /videos https://api.together.ai/v2',
      'GET /videos/{id} https://api.together.ai/v2',
    ]);
  });
});
