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
