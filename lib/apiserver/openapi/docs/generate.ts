// Regenerates k8s-docs.json from the installed kubernetes-models packages (a devDependency):
//   node --import tsx lib/apiserver/openapi/docs/generate.ts
// The JSON is committed so the apiserver (and its Lambda bundle) needs neither the package
// nor a TypeScript parser; test/unit/openapi/docs-data.test.ts fails when the two drift.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupPackage } from '../definition-names.ts';
import { extractDocs, extractTypeMeta, type TypeMetaDocs } from './extract.ts';
import type { DefinitionDocs } from './types.ts';

export const DOCS_JSON = join(dirname(fileURLToPath(import.meta.url)), 'k8s-docs.json');

// Alpha and beta versions are left out: skiff serves stable APIs, and they would double the file.
const STABLE_VERSION = /^v\d+$/;

function typeFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.d.ts') && f !== 'index.d.ts')
    .map((f) => f.slice(0, -'.d.ts'.length))
    .sort();
}

function addDir(out: Record<string, DefinitionDocs>, dir: string, pkg: string, typeMeta: TypeMetaDocs): void {
  for (const model of typeFiles(dir)) {
    const file = join(dir, `${model}.d.ts`);
    const docs = extractDocs(file, readFileSync(file, 'utf8'), model, typeMeta);
    if (docs) out[`${pkg}.${model}`] = docs;
  }
}

/** Every stable definition's docs, keyed by kube's definition name, sorted. */
export function generateDocs(nodeModules: string): Record<string, DefinitionDocs> {
  const typeMeta = extractTypeMeta(readFileSync(join(nodeModules, '@kubernetes-models/base/dist/meta.d.ts'), 'utf8'));
  const out: Record<string, DefinitionDocs> = {};
  const models = join(nodeModules, 'kubernetes-models');
  for (const groupDir of readdirSync(models, { withFileTypes: true })) {
    if (!groupDir.isDirectory() || groupDir.name.startsWith('_')) continue;
    // The core group's versions sit at the top level ("v1/Pod.d.ts").
    const core = STABLE_VERSION.test(groupDir.name);
    const versions = core ? [groupDir.name] : readdirSync(join(models, groupDir.name)).filter((v) => STABLE_VERSION.test(v));
    for (const version of versions) {
      const dir = core ? join(models, version) : join(models, groupDir.name, version);
      addDir(out, dir, `${groupPackage(core ? '' : groupDir.name)}.${version}`, typeMeta);
    }
  }
  // apimachinery's layout mirrors its Go packages: apis/meta/v1, api/resource, util/intstr, …
  const machinery = join(nodeModules, '@kubernetes-models/apimachinery');
  const walk = (rel: string[]): void => {
    const dir = join(machinery, ...rel);
    if (rel.length) addDir(out, dir, `io.k8s.apimachinery.pkg.${rel.join('.')}`, typeMeta);
    for (const sub of readdirSync(dir, { withFileTypes: true })) {
      if (sub.isDirectory() && !sub.name.startsWith('_') && sub.name !== 'node_modules') walk([...rel, sub.name]);
    }
  };
  walk([]);
  const sorted: Record<string, DefinitionDocs> = {};
  for (const name of Object.keys(out).sort()) sorted[name] = out[name]!;
  return sorted;
}

/** The committed file's exact text: one definition per line keeps diffs readable. */
export function serializeDocs(docs: Record<string, DefinitionDocs>): string {
  const lines = Object.entries(docs).map(([name, d]) => `${JSON.stringify(name)}:${JSON.stringify(d)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const nodeModules = join(dirname(fileURLToPath(import.meta.url)), '../../../../node_modules');
  writeFileSync(DOCS_JSON, serializeDocs(generateDocs(nodeModules)));
  console.log(`wrote ${DOCS_JSON}`);
}
