/** The client core's public surface, re-exported for the generated package. */
export { APIClient, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, readEnv } from './client.js';
export type { ClientMeta, ClientOptions, Fetch } from './client.js';
export { APIPromise } from './api-promise.js';
export { APIResource } from './resource.js';
export type { WithRequestID, WithResponse } from './api-promise.js';
export { Page, PagePromise } from './pagination.js';
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
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './errors.js';
export type { LogLevel, Logger } from './log.js';
export type { BodyEncoding, BodySpec, HttpMethod, OperationSpec, PaginationSpec, QueryParamSpec, ResponseKind, StreamSpec } from './operation.js';
export type { HeadersInput, RequestOptions } from './request.js';
export { Stream } from './streaming.js';
export type { SSEStreamOptions } from './streaming.js';
export { SSEDecoder } from './sse.js';
export type { ServerSentEvent } from './sse.js';
export { collectStream, DEFAULT_COLLECT_MAX_BYTES } from './stream-collect.js';
export type { CollectOptions, CollectedStream } from './stream-collect.js';
export { toFile, toStreamingFile } from './uploads.js';
export type { BlobLike, BlobPart, FileLike, FsReadStreamLike, ResponseLike, StreamingFile, ToFileInput, ToFileOptions, Uploadable } from './uploads.js';
export { InvalidWebhookSignatureError, Webhooks, unwrapWebhook, verifyWebhookSignature } from './webhooks.js';
export type { VerifyOptions, WebhookErrorReason, WebhookHeaders } from './webhooks.js';
