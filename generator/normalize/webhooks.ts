/**
 * The document's `webhooks:` section (OpenAPI 3.1): the requests the API sends
 * to the user's endpoint. Each becomes an event with its payload shape, and
 * all payloads one union type, discriminated by the property whose literal
 * value tells the events apart (`type: "batch.completed"`), when one does.
 */
import { escapePointerSegment, pointer } from '../errors.js';
import type { HttpMethod, Shape, UnionShape, Webhook, WebhookSet } from '../ir/types.js';
import type { RefResolver } from '../load/refs.js';
import { globToRegex, type TargetConfig } from './config.js';
import { firstJsonType } from './media.js';
import type { Reporter } from './report.js';
import type { ShapeBuilder } from './shapes.js';
import { detectDiscriminator } from './unions.js';

type Raw = Record<string, any>;

const METHODS: HttpMethod[] = ['post', 'put', 'patch', 'get', 'delete', 'head', 'options'];

/** `--scope all` takes every webhook; a configured scope takes those matching `scope.webhooks` (globs over names). */
function inWebhookScope(config: TargetConfig, scope: 'config' | 'all', name: string): boolean {
  if (scope === 'all') return true;
  return (config.scope.webhooks ?? []).some((g) => globToRegex(g).test(name));
}

/** Webhook events and their union; the union is registered as a named type in `shapes`. */
export function buildWebhooks(doc: Raw, config: TargetConfig, scope: 'config' | 'all', shapes: ShapeBuilder, resolver: RefResolver, report: Reporter): WebhookSet | undefined {
  const section = doc.webhooks;
  if (!section || typeof section !== 'object') return undefined;
  const names = Object.keys(section).sort();
  const wanted = names.filter((n) => inWebhookScope(config, scope, n));
  if (wanted.length < names.length) {
    report.info('webhooks-out-of-scope', `${names.length - wanted.length} of ${names.length} webhooks are outside the target's scope (\`scope.webhooks\` in the config selects them by name).`, '/webhooks');
  }
  const events: Webhook[] = [];
  const raws: Array<{ raw: Raw; ptr: string }> = [];
  for (const name of wanted) {
    const d = resolver.deref(section[name], pointer('webhooks', name));
    const item = d.node as Raw;
    if (!item || typeof item !== 'object') continue;
    for (const m of METHODS) {
      const op = item[m] as Raw | undefined;
      if (!op || typeof op !== 'object') continue;
      const optr = `${d.ptr}/${m}`;
      const rb = op.requestBody ? (resolver.deref(op.requestBody, `${optr}/requestBody`) as { node: Raw; ptr: string }) : undefined;
      const types = Object.keys(rb?.node?.content ?? {});
      const contentType = firstJsonType(types) ?? types[0];
      if (!rb || !contentType) {
        report.warn('webhook-no-payload', `Webhook \`${name}\` declares no payload; its event is typed as unknown.`, optr);
      }
      const sptr = rb && contentType ? `${rb.ptr}/content/${escapePointerSegment(contentType)}/schema` : optr;
      const rawSchema = rb && contentType ? rb.node.content[contentType].schema : undefined;
      const payload: Shape = rawSchema && shapes.isComplexInline(rawSchema)
        ? shapes.named(shapes.reserveName(`${name} webhook event`, sptr), rawSchema, sptr)
        : shapes.shape(rawSchema, sptr);
      events.push({
        name,
        httpMethod: m,
        contentType: contentType ?? 'application/json',
        payload,
        ...(typeof op.summary === 'string' ? { summary: op.summary } : {}),
        ...(typeof op.description === 'string' ? { description: op.description } : {}),
        deprecated: op.deprecated === true,
        pointer: optr,
      });
      raws.push({ raw: rawSchema ?? {}, ptr: sptr });
    }
  }
  if (events.length === 0) return undefined;
  const set: WebhookSet = { events };
  report.info('webhooks', `${events.length} webhook events: ${events.map((e) => `\`${e.name}\``).join(', ')}.`, '/webhooks');
  if (events.length < 2) return set;

  const disc = detectDiscriminator({}, raws, '/webhooks', resolver, report);
  const unionName = shapes.reserveName('WebhookEvent', '/webhooks');
  const union: UnionShape = { kind: 'union', members: events.map((e) => e.payload), description: 'Any event the API sends to a webhook endpoint.', pointer: '/webhooks' };
  if (disc) {
    union.discriminator = disc;
    for (const [value, index] of Object.entries(disc.mapping)) events[index]!.eventType ??= value;
  }
  shapes.types.set(unionName, { name: unionName, shape: union, description: union.description, usage: 'response', pointer: '/webhooks' });
  set.union = { type: unionName, ...(disc ? { discriminator: disc.property } : {}) };
  report.info(
    'webhook-union',
    disc ? `Webhook payloads form the union \`${unionName}\`, discriminated by \`${disc.property}\`.` : `Webhook payloads form the union \`${unionName}\`; no property tells them apart.`,
    '/webhooks',
  );
  return set;
}
