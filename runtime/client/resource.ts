/**
 * Base of generated resource classes: each holds the client and calls
 * `this._client.request(op, params, options)`.
 */
import type { APIClient } from './client.js';

export abstract class APIResource {
  protected readonly _client: APIClient;

  constructor(client: APIClient) {
    this._client = client;
  }
}

/**
 * The arguments of a hand-written resource method (a target's custom code):
 * those of the function it calls, after the resource itself.
 */
export type HelperArgs<F> = F extends (resource: never, ...args: infer A) => unknown ? A : never;
