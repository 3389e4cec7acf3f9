import { runtimeFiles } from '../runtime-files.js';

/**
 * Where each client-core symbol that generated files import lives, relative
 * to `src/`. `core/*` is the hand-written runtime copied from runtime/client/.
 */
export const CORE = {
  APIResource: { file: 'core/resource.ts', typeOnly: false },
  RequestOptions: { file: 'core/request.ts', typeOnly: true },
  APIPromise: { file: 'core/api-promise.ts', typeOnly: true },
  PagePromise: { file: 'core/pagination.ts', typeOnly: true },
  ArrayPagePromise: { file: 'core/pagination.ts', typeOnly: true },
} as const;

/** The client core base class, extended by the generated client class. */
export const CORE_CLIENT = { name: 'APIClient', file: 'core/client.ts', options: 'ClientOptions' } as const;

/**
 * What client.ts binds besides its class (entry.ts): the core's namespace, base
 * class and options, the webhooks class. The class may take none of them (a
 * document titled `core`); the `<Root>API` namespaces are the resources' side.
 */
export const CLIENT_FILE_BINDINGS = { core: 'Core', coreOptions: 'CoreClientOptions', webhooks: 'Webhooks' } as const;
export const clientFileBindings = (): string[] => [CORE_CLIENT.name, ...Object.values(CLIENT_FILE_BINDINGS)];

/** Names exported by the runtime's index (read from its text: `export { A, B }` / `export type { … }`). */
let exportsOf: { text: string; names: Set<string> } | undefined;

export function coreExportNames(): Set<string> {
  const text = runtimeFiles('client').get('index.ts') ?? '';
  if (exportsOf?.text === text) return exportsOf.names;
  const names = new Set<string>();
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) names.add(name);
    }
  }
  exportsOf = { text, names };
  return names;
}

/** The runtime index's value exports (not `export type { … }` nor `export { type X }`): what generated code may use as values. */
let valuesOf: { text: string; names: Set<string> } | undefined;

export function coreValueNames(): Set<string> {
  const text = runtimeFiles('client').get('index.ts') ?? '';
  if (valuesOf?.text === text) return valuesOf.names;
  const names = new Set<string>();
  for (const m of text.matchAll(/export\s+\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(',')) {
      if (/^type\s/.test(part.trim())) continue;
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) names.add(name);
    }
  }
  valuesOf = { text, names };
  return names;
}

/**
 * The client type of a file field (IR shape `file`): the core's `Uploadable`
 * (File, Blob, bytes via toFile, streams, fetch Responses) when the runtime
 * exports one, else `Blob`, which a multipart body of any fetch accepts.
 */
export function uploadType(): { name: string; file?: string } {
  return coreExportNames().has('Uploadable') ? { name: 'Uploadable', file: 'core/index.ts' } : { name: 'Blob' };
}

/** The client core's `Stream` (an async iterable of typed events), once the runtime exports it. */
export function streamType(): { name: string; file: string } | undefined {
  return coreExportNames().has('Stream') ? { name: 'Stream', file: 'core/index.ts' } : undefined;
}
