/**
 * The client's API report in API Extractor's `.api.md` form, read from the
 * emitted declarations (`dist/**\/*.d.ts` of the build), never from the IR, so
 * it shows what the emitters really produced.
 *
 * Two parts: every export of `dist/index.d.ts` (sorted by name), then the
 * resource tree users reach from the client (`client.admin.organization.projects`),
 * one class per resource with its methods. API Extractor itself stops at the
 * resource classes (they are reached through `import * as` namespaces that are
 * not exported), and is 3-4x slower here; see README "API report".
 *
 * Declarations are printed without comments, so docs-only changes leave the
 * report alone; private members are left out.
 */
import { join } from 'node:path';
import { Node, Project, ts, type ClassDeclaration, type SourceFile } from 'ts-morph';
import { GeneratorError } from '../errors.js';

export interface ResourceEntry {
  /** `client.admin.organization.projects` */
  path: string;
  /** The declaration file, relative to dist/. */
  file: string;
  className: string;
  heritage: string;
  /** Member name → printed declaration (overloads joined), in declaration order. */
  members: Map<string, string>;
}

export interface ApiModel {
  packageName: string;
  /** Export name → printed declaration(s). */
  exports: Map<string, string>;
  resources: ResourceEntry[];
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function print(node: Node): string {
  const text = printer.printNode(ts.EmitHint.Unspecified, node.compilerNode, node.getSourceFile().compilerNode);
  return text.replace(/^(export )?declare /, 'export ').replace(/^(?!export )/, 'export ');
}

function isHidden(member: Node): boolean {
  if (Node.isModifierable(member) && (member.hasModifier(ts.SyntaxKind.PrivateKeyword))) return true;
  const name = Node.hasName(member) ? member.getName() : '';
  return name.startsWith('#');
}

function memberName(member: Node): string {
  if (Node.isConstructorDeclaration(member)) return 'constructor';
  if (Node.isIndexSignatureDeclaration(member)) return '[index]';
  return Node.hasName(member) ? member.getName() : member.getKindName();
}

/** A class printed member by member (privates left out), as API Extractor does. */
function printClass(decl: ClassDeclaration): { heritage: string; members: Map<string, string>; text: string } {
  const members = new Map<string, string>();
  for (const member of decl.getMembers()) {
    if (isHidden(member)) continue;
    const name = memberName(member);
    const printed = printer.printNode(ts.EmitHint.Unspecified, member.compilerNode, decl.getSourceFile().compilerNode);
    members.set(name, members.has(name) ? `${members.get(name)}\n${printed}` : printed);
  }
  const typeParams = decl.getTypeParameters().map((p) => p.getText());
  const heritage = decl
    .getHeritageClauses()
    .map((h) => printer.printNode(ts.EmitHint.Unspecified, h.compilerNode, decl.getSourceFile().compilerNode).trim())
    .join(' ');
  const head = `${decl.isAbstract() ? 'abstract ' : ''}class ${decl.getName() ?? 'default'}${typeParams.length ? `<${typeParams.join(', ')}>` : ''}${heritage ? ` ${heritage}` : ''}`;
  const body = [...members.values()].flatMap((m) => m.split('\n')).map((l) => `    ${l}`);
  return { heritage: head, members, text: `${head} {\n${body.join('\n')}${body.length ? '\n' : ''}}` };
}

/**
 * A namespace holding only aliases of the package's own exports (`export import X = $chatCompletions.X`, an import
 * of the declaring file; or a renamed schema's own name for it) and namespaces of them.
 */
function isTypeMirror(node: Node): boolean {
  if (!Node.isModuleDeclaration(node)) return false;
  return node.getStatements().every((st) => {
    if (Node.isModuleDeclaration(st)) return isTypeMirror(st);
    if (!Node.isImportEqualsDeclaration(st)) return false;
    return /^\$[\w$]*\.[A-Za-z_$][\w$]*$/.test(st.getModuleReference().getText());
  });
}

function printDeclaration(node: Node): string {
  if (Node.isClassDeclaration(node)) return `export ${printClass(node).text}`;
  if (Node.isVariableDeclaration(node)) return print(node.getVariableStatementOrThrow());
  return print(node);
}

/** The class a property's type names, when it is declared inside dist/ (a resource). */
function resourceClassOf(prop: Node, distDir: string): ClassDeclaration | undefined {
  if (!Node.isPropertyDeclaration(prop)) return undefined;
  const symbol = prop.getType().getSymbol();
  const decl = symbol?.getDeclarations().find((d) => Node.isClassDeclaration(d));
  if (!decl || !Node.isClassDeclaration(decl)) return undefined;
  return decl.getSourceFile().getFilePath().startsWith(distDir) ? decl : undefined;
}

function walkResources(cls: ClassDeclaration, path: string, distDir: string, out: ResourceEntry[], seen: Set<ClassDeclaration>): void {
  for (const prop of cls.getProperties()) {
    // Statics (the error classes on the client class, as openai-node has them) are exports, not resources.
    if (isHidden(prop) || prop.isStatic()) continue;
    const child = resourceClassOf(prop, distDir);
    if (!child || seen.has(child)) continue;
    seen.add(child);
    const printed = printClass(child);
    const childPath = `${path}.${prop.getName()}`;
    out.push({ path: childPath, file: child.getSourceFile().getFilePath().slice(distDir.length + 1), className: child.getName() ?? '', heritage: printed.heritage, members: printed.members });
    walkResources(child, childPath, distDir, out, seen);
  }
}

/** Read the built client's declarations. `distDir` holds index.d.ts. */
export function readApiModel(packageName: string, distDir: string): ApiModel {
  const project = new Project({
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      // Only declarations are read and module symbols resolved: no lib needed (and loading lib.dom costs seconds).
      noLib: true,
      types: [],
      skipLibCheck: true,
      noEmit: true,
    },
    skipAddingFilesFromTsConfig: true,
  });
  let entry: SourceFile;
  try {
    entry = project.addSourceFileAtPath(join(distDir, 'index.d.ts'));
  } catch {
    throw new GeneratorError(`no declarations to report on: ${join(distDir, 'index.d.ts')} is missing`, { file: distDir }, 'build the client first (`npm run build`)');
  }
  project.resolveSourceFileDependencies();
  const root = project.getSourceFileOrThrow(join(distDir, 'index.d.ts')).getDirectoryPath();
  const exports = new Map<string, string>();
  let clientClass: ClassDeclaration | undefined;
  const exported = entry.getExportedDeclarations();
  for (const name of [...exported.keys()].sort()) {
    // The namespace merged with the client class only re-exports the package's types under its name (one
    // `export import X = $file.X` each, emit/client/entry.ts): those types are in this report already.
    const decls = exported.get(name)!.filter((d) => !(Node.isModuleDeclaration(d) && isTypeMirror(d)));
    const texts = decls.map((d) => {
      const declaredName = Node.hasName(d) ? d.getName() : undefined;
      const printed = printDeclaration(d);
      return declaredName && declaredName !== name ? `// exported as ${name}\n${printed}` : printed;
    });
    exports.set(name, texts.join('\n'));
    if (name === 'default' && decls[0] && Node.isClassDeclaration(decls[0])) clientClass = decls[0];
  }
  const resources: ResourceEntry[] = [];
  if (clientClass) walkResources(clientClass, 'client', root, resources, new Set([clientClass]));
  return { packageName, exports, resources };
}

/** The `.api.md` text: API Extractor's layout (title, notice, one ```ts block), deterministic. */
export function renderApiReport(model: ApiModel): string {
  const out: string[] = [
    `## API Report File for "${model.packageName}"`,
    '',
    '> Do not edit this file. It is a report generated by openapi-tri-gen (`npm run api-report`) from the built',
    '> declarations (dist/**/*.d.ts), in the layout of [API Extractor](https://api-extractor.com/) reports.',
    '',
    '```ts',
    '',
  ];
  for (const [, text] of model.exports) out.push(text, '');
  out.push('// Resources, as reached from the client', '');
  for (const r of model.resources) {
    out.push(`// ${r.path} (${r.file})`, `${r.heritage} {`);
    for (const member of r.members.values()) out.push(...member.split('\n').map((l) => `    ${l}`));
    out.push('}', '');
  }
  out.push('```', '');
  return out.join('\n');
}

/** The report file name, as API Extractor names it: the unscoped package name. */
export function apiReportFileName(packageName: string): string {
  return `${packageName.replace(/^@[^/]+\//, '')}.api.md`;
}
