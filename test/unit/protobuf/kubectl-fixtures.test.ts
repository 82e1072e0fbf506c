// Bodies kubectl 1.32.4 really sent, decoded and compared with the JSON kubectl itself prints
// for the same command (see fixtures/README.md for how they were captured).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeKubeProtobuf, isProtobufMediaType } from '../../../lib/api/protobuf/index.ts';

interface Case {
  name: string;
  kubectl: string;
  url: string;
  contentType: string;
  expected: string;
}

const dir = new URL('./fixtures/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as Case[];

function body(name: string): Uint8Array {
  return new Uint8Array(Buffer.from(readFileSync(new URL(`${name}.pb.b64`, dir), 'utf8'), 'base64'));
}

function expected(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as Record<string, unknown>;
}

describe('bodies captured from kubectl 1.32', () => {
  it('covers every kind kubectl sends that way', () => {
    const kinds = new Set(cases.map((c) => decodeKubeProtobuf(body(c.name)).kind));
    expect([...kinds].sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'Namespace',
      'Secret',
      'SelfSubjectAccessReview',
      'SelfSubjectRulesReview',
      'Service',
      'ServiceAccount',
    ]);
  });

  it.each(cases)('kubectl $kubectl', (c) => {
    expect(isProtobufMediaType(c.contentType)).toBe(true);
    const got = decodeKubeProtobuf(body(c.name));
    const want = expected(c.expected);
    expect(got).toEqual(want);
    // Same key order as Go's encoding/json, so even a byte comparison of the JSON holds.
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  });

  it('keeps replicas: 0 from a pointer field that was sent as zero', () => {
    const spec = decodeKubeProtobuf(body('deployment-zero')).spec as Record<string, unknown>;
    expect(spec.replicas).toBe(0);
  });

  it('turns map<string, bytes> into base64 and keeps empty string values', () => {
    const cm = decodeKubeProtobuf(body('configmap'));
    expect(cm.binaryData).toEqual({ 'bin.dat': Buffer.from([0, 1, 0xff, 0xfe]).toString('base64') });
    expect((cm.data as Record<string, string>).empty).toBe('');
  });
});
