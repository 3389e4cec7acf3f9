/**
 * The type names and module paths openai-node's users write, on any
 * document (a fixture here; test/openai for the OpenAI targets):
 * - an inline object inside a type has a name under it: `Order.Customer`,
 *   `Order.Line` (an item of `lines`, singular), `Order.Line.Discount`
 *   (nested), `OrderCreateParams.Gift` (a param), `Order.Billing` (a schema's
 *   object, without its members' names), `Order.Note` (an item that may
 *   be null: the object); a member whose name repeats
 *   another's or is the type's own, or is no identifier, or that is no
 *   object, gets none;
 * - a method with a stream switch has `…ParamsStreaming` / `…NonStreaming`;
 * - the base error is `<Client>Error` too;
 * - a resource folder's own file has every class and type below it
 *   (`<pkg>/resources/shops` in the exports map).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { typecheckClient } from '../../generator/build/client.js';
import type { NormalizedSpec } from '../../generator/ir/types.js';
import { emitInto, scratchRoot } from '../client/support.js';
import { importTree, tempDir } from './support.js';

const str = { type: 'string' };
const obj = (properties: object, extra: object = {}) => ({ type: 'object', properties, ...extra });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });

const doc = {
  openapi: '3.0.3',
  info: { title: 'Shop', version: '1' },
  servers: [{ url: 'https://shop.example.com' }],
  paths: {
    '/orders': {
      post: {
        operationId: 'createOrder',
        requestBody: json(obj({ stream: { type: 'boolean' }, gift: obj({ note: str }), item_ids: { type: 'array', items: str } }, { required: ['item_ids'] })),
        responses: {
          '200': {
            description: 'the order, or its events',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } }, 'text/event-stream': { schema: { $ref: '#/components/schemas/OrderEvent' } } },
          },
        },
      },
    },
    // A schema has the streaming name already: the overloads keep the params type with the switch spelled out.
    '/carts': {
      post: {
        operationId: 'createCart',
        requestBody: json(obj({ stream: { type: 'boolean' }, note: { $ref: '#/components/schemas/CartCreateParamsStreaming' } })),
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: obj({ id: str }) }, 'text/event-stream': { schema: { $ref: '#/components/schemas/OrderEvent' } } } } },
      },
    },
    '/shops/{shop}/orders/{id}': {
      get: {
        parameters: [
          { name: 'shop', in: 'path', required: true, schema: str },
          { name: 'id', in: 'path', required: true, schema: str },
        ],
        responses: { '200': { description: 'ok', ...json({ $ref: '#/components/schemas/Order' }) } },
      },
    },
  },
  components: {
    schemas: {
      Address: obj({ city: str }),
      Status: { type: 'string', enum: ['open', 'paid'] },
      OrderEvent: obj({ type: str }),
      CartCreateParamsStreaming: obj({ text: str }),
      Order: obj(
        {
          id: str,
          customer: { ...obj({ name: str, address: { $ref: '#/components/schemas/Address' } }), nullable: true },
          lines: { type: 'array', items: obj({ sku: str, discount: obj({ percent: { type: 'number' } }) }) },
          // A schema's object: named, without nested names (the schema's own namespace has them).
          billing: { $ref: '#/components/schemas/Address' },
          status: { $ref: '#/components/schemas/Status' },
          // The type's own name, a name another member took, and a name that is no identifier: none.
          order: obj({ x: str }),
          Customer: obj({ y: str }),
          '9lives': obj({ z: str }),
          tags: { type: 'array', items: str },
          // Items that may be null: the name is the object's, so its own members' names resolve.
          notes: { type: 'array', items: { ...obj({ text: str, author: obj({ name: str }) }), nullable: true } },
        },
        { required: ['id', 'lines'] },
      ),
    },
  },
};

describe("openai-node's names on any document", () => {
  let spec: NormalizedSpec;
  let dir: string;
  beforeAll(async () => {
    ({ spec } = await importTree(tempDir('openai-node-names'), { 'openapi.yaml': doc }));
    dir = emitInto(spec, join(scratchRoot, 'openai-node-names'));
  }, 60_000);

  it('names the inline objects under their type, singular for an array item, nested, params too', () => {
    const source = readFileSync(join(dir, 'src/resources/orders.ts'), 'utf8');
    expect(source).toContain("export type Customer = NonNullable<Order['customer']>;");
    expect(source).toContain("export type Line = NonNullable<Order['lines']>[number];");
    expect(source).toMatch(/export namespace Line \{\n {4}export type Discount = NonNullable<Line\['discount'\]>;/);
    expect(source).toContain("export type Note = NonNullable<NonNullable<Order['notes']>[number]>;");
    expect(source).toMatch(/export namespace Note \{\n {4}export type Author = NonNullable<Note\['author'\]>;/);
    expect(source).toContain("export type Gift = NonNullable<OrderCreateParams['gift']>;");
    // No nested namespace of its own: `Billing` is followed by the next member or the namespace's end.
    expect(source).toMatch(/export type Billing = NonNullable<Order\['billing'\]>;\n(\n {2}export type|\})/);
    for (const absent of ['Status = NonNullable', 'Order =', 'Tag =', '9lives', "['Customer']"]) expect(source).not.toContain(`export type ${absent}`);
    expect(source).not.toContain("Order['Customer']");
    const carts = readFileSync(join(dir, 'src/resources/carts.ts'), 'utf8');
    expect(carts).toContain('create(params: CartCreateParams & { stream: true }, options?: RequestOptions): APIPromise<Stream<OrderEvent>>;');
    expect(carts).not.toContain('CartCreateParamsNonStreaming');
  });

  it("type-checks as openai-node users write it: nested names, streaming params, the base error, a folder's own file", () => {
    expect(readFileSync(join(dir, 'src/resources/shops/shops.ts'), 'utf8')).toContain("export { Orders } from './orders.js';");
    const exportsMap = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
    expect(exportsMap['./resources/shops']?.import.default).toBe('./dist/resources/shops/shops.js');
    expect(exportsMap['./streaming']?.import.default).toBe('./dist/core/streaming.js');
    // A folder's index and the `.js` spellings are exact keys too: the `./*.js` pattern would name no file for them.
    for (const key of ['./resources/shops/index', './resources/shops/index.js', './resources/shops.js']) expect(exportsMap[key]?.import.default).toBe('./dist/resources/shops/shops.js');
    expect(exportsMap['./streaming.js']?.import.default).toBe('./dist/core/streaming.js');
    const cls = spec.packages.clientClass;
    const usage = join(dir, 'usage.ts');
    writeFileSync(
      usage,
      [
        `import ${cls}, { ${cls}Error, type Order, type OrderCreateParamsStreaming, type OrderCreateParamsNonStreaming } from './src/index.js';`,
        "import type { Orders } from './src/resources/shops/shops.js';",
        `export async function use(client: ${cls}): Promise<void> {`,
        "  const order = await client.shops.orders.retrieve('o1', { shop: 's1' });",
        "  const line: Order.Line = order.lines[0]!;",
        '  const percent: number | undefined = line.discount?.percent;',
        '  const discount: Order.Line.Discount | undefined = line.discount;',
        "  const billing: Order.Billing | undefined = order.billing;",
        '  const author: Order.Note.Author | undefined = order.notes?.[0]?.author;',
        `  const viaClient: ${cls}.Order.Customer | null | undefined = order.customer;`,
        '  // @ts-expect-error -- a line is no customer',
        '  const wrong: Order.Customer = line;',
        "  const streaming: OrderCreateParamsStreaming = { item_ids: ['a'], stream: true };",
        '  for await (const event of await client.orders.create(streaming)) void event.type;',
        "  const whole: OrderCreateParamsNonStreaming = { item_ids: ['a'] };",
        '  const created: Order = await client.orders.create(whole);',
        `  const base: typeof ${cls}.${cls}Error = ${cls}Error;`,
        '  const resource: Orders | undefined = undefined;',
        '  void [percent, discount, billing, author, viaClient, wrong, created, base, resource];',
        '}',
        '',
      ].join('\n'),
    );
    expect(typecheckClient(dir, undefined, [usage])).toEqual([]);
  }, 60_000);
});
