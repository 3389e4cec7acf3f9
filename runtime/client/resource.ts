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
 * The client a resource calls, for a target's hand-written methods (spec/<target>/custom/): functions whose `this`
 * is the resource but which are no part of its class, so cannot read its protected `_client`.
 */
export function clientOf(resource: APIResource): APIClient {
  return (resource as unknown as { _client: APIClient })._client;
}
