/** The client core's public surface, re-exported for the generated package. */
export { APIClient, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, readEnv } from './client.js';
export type { ApiKeySetter, ClientMeta, ClientOptions, Fetch } from './client.js';
export { APIPromise } from './api-promise.js';
export { APIResource, clientOf } from './resource.js';
export type { WithRequestID, WithResponse } from './api-promise.js';
export { ArrayPagePromise, Page, PagePromise } from './pagination.js';
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIStreamError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ClientError,
  ConflictError,
  InternalServerError,
  MissingKeyError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './errors.js';
export type { LogLevel, Logger } from './log.js';
export type { FormStyle, HttpMethod, OperationSpec, PaginationSpec, QueryParamSpec } from './operation.js';
export type { FetchOptions, HeadersInput, RequestOptions } from './request.js';
// Kept short: every PascalCase name here is one a document's schema can no longer use.
// Generated files import the rest (Webhooks, StreamingFile, …) from their modules.
export { Stream } from './streaming.js';
export { collectStream } from './stream-collect.js';
export { pollAfter, pollUntilDone, waitUntilDone } from './polling.js';
export type { CollectedStream } from './stream-collect.js';
export { toFile, toStreamingFile } from './uploads.js';
export type { ToFileInput, Uploadable } from './uploads.js';
export { InvalidWebhookSignatureError, unwrapWebhook, verifyWebhookSignature } from './webhooks.js';
