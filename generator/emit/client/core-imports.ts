/**
 * Where each client-core symbol that generated files import lives, relative
 * to `src/`. `core/*` is the hand-written runtime copied from runtime/client/.
 */
export const CORE = {
  APIResource: { file: 'core/resource.ts', typeOnly: false },
  RequestOptions: { file: 'core/request.ts', typeOnly: true },
  APIPromise: { file: 'core/api-promise.ts', typeOnly: true },
  PagePromise: { file: 'core/pagination.ts', typeOnly: true },
} as const;

/** The client core base class, extended by the generated client class. */
export const CORE_CLIENT = { name: 'APIClient', file: 'core/client.ts', options: 'ClientOptions' } as const;
