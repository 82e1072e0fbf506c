// Reads the API documentation that kubernetes-models generates into its .d.ts files (kube's
// own OpenAPI descriptions as JSDoc, `?` for optional fields, string-literal unions for enums)
// back into schema data. Used only when regenerating `k8s-docs.json` and by the test that
// keeps it in step with the installed package: the apiserver never parses TypeScript.
import ts from 'typescript';
import type { DefinitionDocs } from './types.ts';

/** Descriptions of `apiVersion` and `kind`, which kubernetes-models moves into its TypeMeta. */
export interface TypeMetaDocs {
  apiVersion: string;
  kind: string;
}

/** The text of the JSDoc block right before `node`, without comment markers; undefined if none. */
function jsDoc(source: ts.SourceFile, node: ts.Node): string | undefined {
  const ranges = ts.getLeadingCommentRanges(source.text, node.pos) ?? [];
  const block = ranges.filter((r) => source.text.startsWith('/**', r.pos)).at(-1);
  if (!block) return undefined;
  const body = source.text.slice(block.pos + 3, block.end - 2);
  if (!body.includes('\n')) return body.trim().replaceAll('*\\/', '*/');
  const lines = body.split('\n').map((line) => line.replace(/^\s*\* ?/, '').replace(/\s+$/, ''));
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  // The generator escapes "*/" (as in "pods/*/scale") so the comment does not end early.
  return lines.join('\n').replaceAll('*\\/', '*/');
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isStringLiteral(name) || ts.isIdentifier(name) ? name.text : undefined;
}

/** The values of a union of string literals ("Always" | "Never"), else undefined. */
function stringEnum(type: ts.TypeNode | undefined): string[] | undefined {
  if (!type || !ts.isUnionTypeNode(type)) return undefined;
  const values: string[] = [];
  for (const member of type.types) {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) return undefined;
    values.push(member.literal.text);
  }
  return values;
}

function extendsTypeMeta(decl: ts.InterfaceDeclaration): boolean {
  return (decl.heritageClauses ?? []).some((c) => c.types.some((t) => ts.isIdentifier(t.expression) && t.expression.text === 'TypeMeta'));
}

function interfaceDocs(source: ts.SourceFile, decl: ts.InterfaceDeclaration, typeMeta: TypeMetaDocs): DefinitionDocs {
  const docs: DefinitionDocs = {};
  const description = jsDoc(source, decl);
  if (description !== undefined) docs.description = description;
  const properties: Record<string, string> = {};
  const required: string[] = [];
  const enums: Record<string, string[]> = {};
  const isKind = extendsTypeMeta(decl);
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member)) continue;
    const name = propertyName(member.name);
    if (name === undefined) continue;
    // A kind's apiVersion and kind are literal types in kubernetes-models, not kube's enums.
    if (isKind && (name === 'apiVersion' || name === 'kind')) {
      properties[name] = typeMeta[name];
      continue;
    }
    const text = jsDoc(source, member);
    if (text !== undefined) properties[name] = text;
    if (!member.questionToken) required.push(name);
    const values = stringEnum(member.type);
    if (values) enums[name] = values;
  }
  if (Object.keys(properties).length) docs.properties = properties;
  if (required.length) docs.required = required;
  if (Object.keys(enums).length) docs.enums = enums;
  return docs;
}

/**
 * The documentation of the one model a kubernetes-models file declares: its `I<Name>`
 * interface, or for scalar types (IntOrString, Quantity, Time) its `I<Name>` type alias.
 */
export function extractDocs(fileName: string, text: string, model: string, typeMeta: TypeMetaDocs): DefinitionDocs | undefined {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  for (const statement of source.statements) {
    const name = `I${model}`;
    if (ts.isInterfaceDeclaration(statement) && statement.name.text === name) return interfaceDocs(source, statement, typeMeta);
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text === name) {
      const description = jsDoc(source, statement);
      return description === undefined ? {} : { description };
    }
  }
  return undefined;
}

/** The TypeMeta descriptions from @kubernetes-models/base's meta.d.ts. */
export function extractTypeMeta(text: string): TypeMetaDocs {
  const source = ts.createSourceFile('meta.d.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'TypeMeta');
  const out: Partial<TypeMetaDocs> = {};
  for (const member of decl?.members ?? []) {
    const name = member.name && propertyName(member.name);
    if (name === 'apiVersion' || name === 'kind') out[name] = jsDoc(source, member);
  }
  if (!out.apiVersion || !out.kind) throw new Error('openapi docs: no TypeMeta with apiVersion/kind descriptions in @kubernetes-models/base');
  return out as TypeMetaDocs;
}
