// k8s-docs.json is generated from the kubernetes-models devDependency and committed (the
// apiserver bundle should not parse TypeScript at start-up); this fails when they drift,
// e.g. after the package is upgraded without regenerating.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocs } from '../../../lib/apiserver/openapi/docs/extract.ts';
import { DOCS_JSON, generateDocs, serializeDocs } from '../../../lib/apiserver/openapi/docs/generate.ts';

const TYPE_META = { apiVersion: 'API VERSION', kind: 'KIND' };

describe('the generated OpenAPI docs', () => {
  it('are what the installed kubernetes-models package says (regenerate with generate.ts)', () => {
    const fresh = serializeDocs(generateDocs(fileURLToPath(new URL('../../../node_modules', import.meta.url))));
    expect(fresh === readFileSync(DOCS_JSON, 'utf8')).toBe(true);
  });

  it('reads JSDoc, optionality and literal unions from a generated declaration', () => {
    const text = [
      '/**',
      ' * Widget does things.',
      ' *',
      ' * More info: see pods/*\\/scale',
      ' */',
      'export interface IWidget extends TypeMeta {',
      '    "apiVersion": "v1";',
      '    "kind": "Widget";',
      '    /**',
      ' * Mode of the widget.',
      ' *',
      ' * Possible enum values:',
      ' *  - `"A"` first',
      ' */',
      '    "mode"?: "A" | "B";',
      '    /** Its name. */',
      '    "name": string;',
      '    "undocumented"?: number;',
      '}',
    ].join('\n');
    expect(extractDocs('Widget.d.ts', text, 'Widget', TYPE_META)).toEqual({
      description: 'Widget does things.\n\nMore info: see pods/*/scale',
      properties: { apiVersion: 'API VERSION', kind: 'KIND', mode: 'Mode of the widget.\n\nPossible enum values:\n - `"A"` first', name: 'Its name.' },
      required: ['name'],
      enums: { mode: ['A', 'B'] },
    });
  });
});
