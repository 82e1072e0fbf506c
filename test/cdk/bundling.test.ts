// Local esbuild bundling, for real, on one function (the apiserver: the largest bundle and
// the one with the most CommonJS dependencies): no Docker, no network, and the ESM output
// loads in Node. `npm run synth` bundles all of them the same way.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkiffFunction } from '../../cdk/constructs/skiff-function.ts';

let outdir: string;
let bundle: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'skiff-bundle-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'bundle');
  new SkiffFunction(stack, 'Api', {
    entry: 'apiserver.ts', description: 'bundling test', timeout: Duration.seconds(30), memorySize: 128,
    tableName: 'objects', queueUrls: {}, logRetention: RetentionDays.ONE_DAY,
  });
  const asm = app.synth();
  const template = asm.getStackByName('bundle').template as { Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }> };
  const fn = Object.values(template.Resources).find((r) => r.Type === 'AWS::Lambda::Function')!;
  const hash = fn.Properties.Code!.S3Key!.replace(/\.zip$/, '');
  bundle = join(outdir, `asset.${hash}`, 'index.mjs');
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('bundling', () => {
  it('writes a minified ESM bundle with a source map and the require shim', () => {
    expect(existsSync(bundle)).toBe(true);
    expect(existsSync(`${bundle}.map`)).toBe(true);
    expect(readFileSync(bundle, 'utf8').startsWith("import { createRequire as skiffCreateRequire } from 'node:module';")).toBe(true);
  });

  it('loads in Node and exports the handler', () => {
    // Stub Lambda's streaming global, so the check holds whether the entry uses handle or streamHandle.
    const script = `
      globalThis.awslambda = { streamifyResponse: (f) => f, HttpResponseStream: { from: (s) => s } };
      const m = await import(${JSON.stringify(bundle)});
      console.log(typeof m.handler);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TABLE_NAME: 'objects', QUEUE_URLS: '{}', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('function');
  });
});
