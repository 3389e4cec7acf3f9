/**
 * openai-node's names for the inline objects inside a type:
 * `ChatCompletion.Choice` (an item of `choices`),
 * `ChatCompletionMessage.FunctionCall`, `ChatCompletionChunk.Choice.Delta`,
 * `ChatCompletionCreateParams.Function`. Each is an alias of what the member
 * holds (`NonNullable<ChatCompletion['choices']>[number]`) in a namespace
 * merged with the type, so the type itself is written as before and both
 * spellings name one type. A member that is a named object type (a `$ref`)
 * gets a name too (`ChatCompletionChunk.Choice.Delta`), without the names
 * of its own members, which its type has.
 */
import type { NormalizedSpec, Shape } from '../../ir/types.js';
import { isIdentifier, pascalCase, singularName } from '../../names.js';
import { indexed, ref, simple, typeAlias, type TypeNode } from '../layout/types.js';
import { isInterfaceShape, listsProperties, shapeDocParts } from './ts-types.js';
import { tsString, writeDoc, writeLayout, type Writer } from './writer.js';

/** A member of the type: a property, or a param of an operation's params type. */
export interface TypeMemberSource {
  name: string;
  shape: Shape;
}

interface MemberType {
  name: string;
  type: TypeNode;
  doc: string[];
  members: MemberType[];
}

/** The names an alias's own text uses: a member of the same name would make it refer to itself. */
const USED_IN_ALIASES = new Set(['NonNullable']);

/**
 * The named inline objects of `members`, each with its own (nested). Names
 * are PascalCase (singular for an array's item: `choices` → `Choice`); one
 * that is no identifier, repeats an earlier member's, or is the type's own or
 * an enclosing one's is left out.
 */
function memberTypes(owner: string, members: TypeMemberSource[], enclosing: ReadonlySet<string>, spec: NormalizedSpec): MemberType[] {
  const out: MemberType[] = [];
  const taken = new Set(enclosing);
  for (const member of members) {
    const isArray = member.shape.kind === 'array';
    const target = isArray ? (member.shape as Extract<Shape, { kind: 'array' }>).items : member.shape;
    const named = target.kind === 'ref' ? spec.types[target.name] : undefined;
    // An inline object brings its own members' names; a schema's object has them in its own namespace.
    const inner = named ? (isInterfaceShape(named.shape) ? [] : undefined) : listsProperties(target) ? target.properties : undefined;
    if (!inner) continue;
    const name = pascalCase(isArray ? singularName(member.name) : member.name);
    if (!isIdentifier(name) || taken.has(name) || USED_IN_ALIASES.has(name)) continue;
    taken.add(name);
    const held = ref('NonNullable', [indexed(simple(owner), tsString(member.name))]);
    // An array's item may be nullable itself (`Array<{ … } | null>`): its name is the object, as a member's is.
    const item = isArray ? indexed(held, 'number') : held;
    out.push({
      name,
      type: isArray && target.nullable ? ref('NonNullable', [item]) : item,
      doc: shapeDocParts(named?.shape ?? target, isArray ? member.shape.description : undefined),
      members: memberTypes(name, inner, new Set([...enclosing, name]), spec),
    });
  }
  return out;
}

/** `export namespace <typeName> { export type Choice = …; … }` after the type, when it has inline objects. */
export function writeMemberTypes(w: Writer, typeName: string, members: TypeMemberSource[], spec: NormalizedSpec): void {
  const types = memberTypes(typeName, members, new Set([typeName]), spec);
  if (types.length === 0) return;
  writeNamespace(w, typeName, types);
  w.blankLine();
}

function writeNamespace(w: Writer, name: string, types: MemberType[]): void {
  w.write(`export namespace ${name}`).block(() => {
    types.forEach((t, i) => {
      if (i > 0) w.blankLine();
      writeDoc(w, t.doc);
      writeLayout(w, typeAlias(`export type ${t.name}`, t.type));
      if (t.members.length > 0) {
        w.blankLine();
        writeNamespace(w, t.name, t.members);
      }
    });
  });
}
