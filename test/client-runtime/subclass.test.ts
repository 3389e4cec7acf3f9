/**
 * The shape the client emitter generates on top of the core: a subclass that
 * maps `adminAPIKey` onto `apiKey`, and resources with interface-typed params.
 * Type assertions here fail `tsc` (npm run typecheck) when the core's
 * signatures stop fitting generated code.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  APIClient,
  APIPromise,
  APIResource,
  Page,
  PagePromise,
  type ClientOptions as CoreOptions,
  type RequestOptions,
} from '../../runtime/client/index.js';
import { startRecorder, type Recorder } from '../support/http-recorder.js';
import { listUsers, retrieveProjectUser } from './support/fixtures.js';

interface ProjectUser {
  object: 'organization.project.user';
  id: string;
  name: string;
}
interface UserRetrieveParams {
  project_id: string;
}
interface UserListParams {
  limit?: number;
  after?: string;
}

class Users extends APIResource {
  retrieve(userID: string, params: UserRetrieveParams, options?: RequestOptions): APIPromise<ProjectUser> {
    return this._client.request<ProjectUser>(retrieveProjectUser, { ...params, user_id: userID }, options);
  }
  list(params?: UserListParams, options?: RequestOptions): PagePromise<ProjectUser> {
    return this._client.requestPage<ProjectUser>(listUsers, params, options);
  }
}

interface ClientOptions extends Omit<CoreOptions, 'apiKey'> {
  adminAPIKey?: string | null | undefined;
}

class OpenAIAdmin extends APIClient {
  users = new Users(this);
  constructor({ adminAPIKey, ...rest }: ClientOptions = {}) {
    super(
      { ...rest, apiKey: adminAPIKey },
      {
        packageName: 'openai-admin',
        version: '1.2.3',
        defaultBaseURL: 'https://api.openai.com/v1',
        apiKeyEnv: 'SUBCLASS_TEST_ADMIN_KEY',
        apiKeyOption: 'adminAPIKey',
        baseURLEnv: 'SUBCLASS_TEST_BASE_URL',
      },
    );
  }
}

let rec: Recorder;
beforeAll(async () => {
  rec = await startRecorder();
});
afterAll(() => rec.close());
beforeEach(() => rec.reset());

describe('a generated-style subclass', () => {
  it('works end to end with typed results', async () => {
    rec.route('GET', '/v1/organization/projects/proj_1/users/user_1', {
      headers: { 'x-request-id': 'req_u' },
      body: { object: 'organization.project.user', id: 'user_1', name: 'Ada' },
    });
    rec.route('GET', '/v1/organization/users', { body: { data: [{ id: 'a' }, { id: 'b' }], has_more: false } });
    const client = new OpenAIAdmin({ adminAPIKey: 'sk-admin-sub-123456', baseURL: `${rec.url}/v1` });
    const user = await client.users.retrieve('user_1', { project_id: 'proj_1' });
    expectTypeOf(user.name).toEqualTypeOf<string>();
    expectTypeOf(user._request_id).toEqualTypeOf<string | null | undefined>();
    expect(user.name).toBe('Ada');
    expect(user._request_id).toBe('req_u');

    const page = await client.users.list({ limit: 2 });
    expectTypeOf(page).toEqualTypeOf<Page<ProjectUser>>();
    const ids: string[] = [];
    for await (const u of client.users.list()) {
      expectTypeOf(u).toEqualTypeOf<ProjectUser>();
      ids.push(u.id);
    }
    expect(ids).toEqual(['a', 'b']);
    expect(page.data.map((u) => u.id)).toEqual(['a', 'b']);
    expect(rec.requests[0]!.headers['user-agent']).toMatch(/^openai-admin\/1\.2\.3 /);
    // @ts-expect-error the positional id is required
    void client.users.retrieve({ project_id: 'p' }).catch(() => undefined);
  });

  it('a missing key names adminAPIKey and the env var', () => {
    expect(() => new OpenAIAdmin({ baseURL: rec.url })).toThrow(
      'Missing API key: pass the `adminAPIKey` option to the openai-admin client constructor or by setting the SUBCLASS_TEST_ADMIN_KEY environment variable.',
    );
  });

  it('reads the key from the env var when the option is absent', async () => {
    process.env['SUBCLASS_TEST_ADMIN_KEY'] = 'sk-env-abcdef';
    try {
      await new OpenAIAdmin({ baseURL: rec.url }).users.list();
      expect(rec.requests[0]!.headers['authorization']).toBe('Bearer sk-env-abcdef');
    } finally {
      delete process.env['SUBCLASS_TEST_ADMIN_KEY'];
    }
  });
});

describe('auth schemes other than bearer', () => {
  const meta = (auth: NonNullable<ConstructorParameters<typeof APIClient>[1]['auth']>) => ({
    packageName: 'demo',
    version: '0.0.1',
    defaultBaseURL: 'http://127.0.0.1:9',
    apiKeyOption: 'apiKey',
    auth,
  });
  class Demo extends APIClient {
    users = new Users(this);
  }
  const retrieve = (client: Demo) => client.users.retrieve('user_1', { project_id: 'proj_1' });

  it('basic: sends user:password base64-encoded, and redacts that form too', async () => {
    const client = new Demo({ apiKey: 'ACsid123:tokén-secret', baseURL: rec.url }, meta({ kind: 'basic' }));
    await retrieve(client);
    const expected = Buffer.from('ACsid123:tokén-secret', 'utf8').toString('base64');
    expect(rec.requests[0]!.headers['authorization']).toBe(`Basic ${expected}`);
    expect(client.redact(`Authorization: Basic ${expected}`)).not.toContain(expected);
  });

  it('apiKeyHeader: sends the key as-is in the named header, not as a bearer token', async () => {
    const client = new Demo({ apiKey: 'key-in-header-123', baseURL: rec.url }, meta({ kind: 'apiKeyHeader', name: 'X-Api-Key' }));
    await retrieve(client);
    expect(rec.requests[0]!.headers['x-api-key']).toBe('key-in-header-123');
    expect(rec.requests[0]!.headers['authorization']).toBeUndefined();
  });

  it('apiKeyQuery: sends the key in the named query parameter, and dry runs mask it', async () => {
    const client = new Demo({ apiKey: 'key-in-query-123', baseURL: rec.url }, meta({ kind: 'apiKeyQuery', name: 'api_key' }));
    await retrieve(client);
    expect(rec.requests[0]!.url).toBe('/organization/projects/proj_1/users/user_1?api_key=key-in-query-123');
    expect(rec.requests[0]!.headers['authorization']).toBeUndefined();
    expect(client.describeRequest(retrieveProjectUser, { project_id: 'p', user_id: 'u' }).url).not.toContain('key-in-query-123');
  });
});
