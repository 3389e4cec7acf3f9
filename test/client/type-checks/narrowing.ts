/**
 * Compile-time checks of the generated client's types (checked by
 * test/client/types.test.ts with the client's own strict compiler options).
 * Every `@ts-expect-error` must be needed: if a type is too loose (no
 * narrowing, optional where required, not nullable), the directive is unused
 * and the check fails; if too strict, a plain line fails.
 */
import OpenAIAdmin from '../../../generated/openai-admin/client/src/index.js';
import type {
  AdminAPIKey,
  AuditLog,
  AuditLogActor,
  UsageTimeBucket,
} from '../../../generated/openai-admin/client/src/index.js';

declare const bucket: UsageTimeBucket;
const result = bucket.results[0]!;
if (result.object === 'organization.usage.completions.result') {
  const tokens: number = result.input_tokens;
  void tokens;
  // @ts-expect-error `images` belongs to image results only
  void result.images;
}
if (result.object === 'organization.costs.result') {
  void result.amount;
  // @ts-expect-error costs results have no token counts
  void result.input_tokens;
}
// @ts-expect-error without narrowing, input_tokens is not on every member
void result.input_tokens;

declare const log: AuditLog;
if (log.type === 'project.created') {
  const id: string | undefined = log['project.created']?.id;
  void id;
  // @ts-expect-error another event type's payload
  void log['user.added'];
}
// @ts-expect-error without narrowing, no payload is known
void log['project.created'];
const logID: string = log.id;
void logID;

declare const actor: AuditLogActor;
if (actor.type === 'session') {
  void actor.session;
  // @ts-expect-error the api_key payload belongs to api_key actors
  void actor.api_key;
}

async function calls(): Promise<void> {
  const client = new OpenAIAdmin({ adminAPIKey: 'sk-admin', baseURL: 'http://127.0.0.1:9' });
  // @ts-expect-error options are typed
  new OpenAIAdmin({ adminAPIKey: 'sk-admin', nope: true });

  const page = await client.admin.organization.adminAPIKeys.list();
  const first: AdminAPIKey | undefined = page.data[0];
  void first;
  for await (const key of client.admin.organization.adminAPIKeys.list({ limit: 2 })) {
    const expires: number | null = key.expires_at;
    void expires;
    // @ts-expect-error expires_at is nullable
    const notNull: number = key.expires_at;
    void notNull;
  }

  await client.admin.organization.usage.costs({ start_time: 1 });
  // @ts-expect-error start_time is required
  await client.admin.organization.usage.costs({});
  await client.admin.organization.projects.rateLimits.listRateLimits('proj_1');
  await client.admin.organization.projects.serviceAccounts.apiKeys.create('svc_1', { project_id: 'proj_1', name: 'ci' });
  await client.admin.organization.projects.users.retrieve('user_1', { project_id: 'proj_1' });
  // @ts-expect-error the parent path param is required in params
  await client.admin.organization.projects.users.retrieve('user_1');
  // @ts-expect-error unknown params are rejected
  await client.admin.organization.projects.users.retrieve('user_1', { project_id: 'proj_1', nope: 1 });
  await client.admin.organization.auditLogs.list({ 'project_ids': ['proj_1'], effective_at: { gt: 1 }, event_types: ['project.created'] });
  // @ts-expect-error event types are a closed set
  await client.admin.organization.auditLogs.list({ event_types: ['project.made_up'] });

  const { data, response } = await client.admin.organization.adminAPIKeys.retrieve('key_1').withResponse();
  const name: string | null | undefined = data.name;
  const raw: Response = await client.admin.organization.adminAPIKeys.retrieve('key_1').asResponse();
  void name;
  void response;
  void raw;
}
void calls;
