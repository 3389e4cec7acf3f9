/**
 * OperationSpecs for the streaming, upload, body-encoding and response-kind
 * tests, shaped as the generator emits them for the full OpenAI document.
 */
import { APIClient, type ClientOptions } from '../../../runtime/client/index.js';
import type { OperationSpec } from '../../../runtime/client/operation.js';
import { KEY, META } from './fixtures.js';

/** POST /chat/completions: JSON, or an event stream when `stream: true`. */
export const createChatCompletion: OperationSpec = {
  key: 'chat.completions.create',
  method: 'post',
  path: '/chat/completions',
  pathParams: [],
  body: { contentType: 'application/json', fields: { model: 'model', messages: 'messages', stream: 'stream' } },
  stream: { param: 'stream' },
  auth: true,
};

/** An operation that always streams. */
export const followEvents: OperationSpec = {
  key: 'events.follow',
  method: 'get',
  path: '/events',
  pathParams: [],
  stream: {},
  auth: true,
};

/** POST /files: multipart only. */
export const createFile: OperationSpec = {
  key: 'files.create',
  method: 'post',
  path: '/files',
  pathParams: [],
  body: {
    contentType: 'multipart/form-data',
    encoding: 'multipart',
    fields: { file: 'file', purpose: 'purpose', expires_after: 'expires_after', tags: 'tags', notify: 'notify', retries: 'retries', 'display name': 'display "name"' },
    files: ['file'],
  },
  auth: true,
};

/** POST /containers/{id}/files: JSON, or multipart when a file is given. */
export const createContainerFile: OperationSpec = {
  key: 'containers.files.create',
  method: 'post',
  path: '/containers/{container_id}/files',
  pathParams: ['container_id'],
  body: { contentType: 'application/json', encoding: 'json-or-multipart', fields: { file: 'file', file_id: 'file_id' }, files: ['file'] },
  auth: true,
};

/** POST /realtime/calls (multipart variant): per-part content types from the document's `encoding`. */
export const createCallMultipart: OperationSpec = {
  key: 'realtime.calls.create',
  method: 'post',
  path: '/realtime/calls',
  pathParams: [],
  body: { contentType: 'multipart/form-data', encoding: 'multipart', fields: { sdp: 'sdp', session: 'session' }, partTypes: { sdp: 'application/sdp', session: 'application/json' } },
  response: 'text',
  auth: true,
};

export const createToken: OperationSpec = {
  key: 'oauth.token',
  method: 'post',
  path: '/oauth/token',
  pathParams: [],
  body: { contentType: 'application/x-www-form-urlencoded', encoding: 'form', fields: { grant_type: 'grant_type', scope: 'scope', extra: 'extra' } },
  auth: true,
};

export const createCall: OperationSpec = {
  key: 'realtime.calls.create',
  method: 'post',
  path: '/realtime/calls',
  pathParams: [],
  body: { contentType: 'application/sdp', encoding: 'raw', whole: 'sdp' },
  response: 'text',
  auth: true,
};

export const speech: OperationSpec = {
  key: 'audio.speech.create',
  method: 'post',
  path: '/audio/speech',
  pathParams: [],
  body: { contentType: 'application/json', fields: { input: 'input', voice: 'voice' } },
  response: 'binary',
  auth: true,
};

export const fileContent: OperationSpec = {
  key: 'files.content',
  method: 'get',
  path: '/files/{file_id}/content',
  pathParams: ['file_id'],
  response: 'binary',
  auth: true,
};

export const deleteThing: OperationSpec = {
  key: 'things.delete',
  method: 'delete',
  path: '/things/{id}',
  pathParams: ['id'],
  response: 'empty',
  auth: true,
};

export const BOUNDARY = '----test-boundary-7MA4YWxkTrZu0gW';

/** A client whose multipart boundary is fixed, so bodies can be compared byte for byte. */
export class FixedBoundaryClient extends APIClient {
  protected override multipartBoundary(): string {
    return BOUNDARY;
  }
}

export function ioClient(baseURL: string, options: ClientOptions = {}): FixedBoundaryClient {
  // The OpenAI targets' form style (their configs say `formStyle: brackets`).
  return new FixedBoundaryClient({ apiKey: KEY, baseURL, maxRetries: 2, ...options }, { ...META, webhookSecretEnv: 'TEST_WEBHOOK_SECRET_UNSET', formStyle: 'brackets' });
}
