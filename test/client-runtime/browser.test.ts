/**
 * In a browser page a client that holds a key refuses to be made unless told
 * `dangerouslyAllowBrowser: true` (openai-node's option and rule): the key
 * would reach everyone who loads the page. A client without a key (an API
 * without auth) is made anywhere.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APIClient, ClientError } from '../../runtime/client/index.js';
import { KEY, META } from './support/fixtures.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const asBrowser = () => {
  vi.stubGlobal('window', { document: {} });
  vi.stubGlobal('navigator', { userAgent: 'test-browser' });
};

describe('a client in a browser page', () => {
  it('refuses to hold a key there, saying why and what to pass', () => {
    asBrowser();
    const make = () => new APIClient({ apiKey: KEY }, META);
    expect(make).toThrow(ClientError);
    expect(make).toThrow(/looks to be running in a browser.*pass `dangerouslyAllowBrowser: true`/);
    // A key function is a key too.
    expect(() => new APIClient({ apiKey: async () => 'sk-browser-token' }, META)).toThrow(/dangerouslyAllowBrowser/);
  });

  it('is made there with dangerouslyAllowBrowser, or without any key', () => {
    asBrowser();
    expect(new APIClient({ apiKey: KEY, dangerouslyAllowBrowser: true }, META).apiKey).toBe(KEY);
    expect(() => new APIClient({}, { packageName: 'open-api', version: '1', defaultBaseURL: 'https://example.com' })).not.toThrow();
  });

  it('is made with a key outside a browser (Node; a worker has no window with a document)', () => {
    expect(() => new APIClient({ apiKey: KEY }, META)).not.toThrow();
    vi.stubGlobal('window', {});
    vi.stubGlobal('navigator', {});
    expect(() => new APIClient({ apiKey: KEY }, META)).not.toThrow();
  });
});
