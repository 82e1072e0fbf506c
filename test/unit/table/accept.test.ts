import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../../lib/api/errors.ts';
import { includeObjectParam, negotiateTable, wantsTable } from '../../../lib/apiserver/table/accept.ts';

const KUBECTL_GET = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('wantsTable / negotiateTable', () => {
  it.each<[string | undefined, string | undefined]>([
    // What kubectl get sends [obs]
    [KUBECTL_GET, 'meta.k8s.io/v1'],
    ['application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', 'meta.k8s.io/v1beta1'],
    ['application/json;as=Table;v=v1;g=meta.k8s.io', 'meta.k8s.io/v1'],
    // Plain JSON only, or first
    ['application/json', undefined],
    [undefined, undefined],
    ['', undefined],
    ['application/json, application/json;as=Table;v=v1;g=meta.k8s.io', undefined],
    ['*/*', undefined],
    ['application/vnd.kubernetes.protobuf,application/json', undefined],
    // Preference by q, not position
    ['application/json;q=0.5, application/json;as=Table;v=v1;g=meta.k8s.io', 'meta.k8s.io/v1'],
    ['application/json;as=Table;v=v1;g=meta.k8s.io;q=0.2, application/json', undefined],
    ['application/json;as=Table;v=v1;g=meta.k8s.io;q=0, application/json', undefined],
    // Clauses skiff cannot serve are passed over
    ['application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io, application/json;as=Table;v=v1;g=meta.k8s.io', 'meta.k8s.io/v1'],
    ['application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json', undefined],
    ['application/json;as=Table;v=v1;g=example.com,application/json', undefined],
    ['application/json;as=Table;v=v2;g=meta.k8s.io,application/json', undefined],
    ['application/json;as=Table,application/json', undefined],
    ['application/json;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io', 'meta.k8s.io/v1'],
    // Whitespace, case of the media type, quoted values
    ['Application/JSON; as=Table; v=v1; g=meta.k8s.io', 'meta.k8s.io/v1'],
    ['application/json;as="Table";v="v1";g="meta.k8s.io"', 'meta.k8s.io/v1'],
  ])('%s', (accept, want) => {
    expect(negotiateTable(accept)).toBe(want);
    expect(wantsTable(accept)).toBe(want !== undefined);
  });
});

describe('includeObjectParam', () => {
  it('defaults to Metadata', () => {
    expect(includeObjectParam(undefined)).toBe('Metadata');
    expect(includeObjectParam(null)).toBe('Metadata');
    expect(includeObjectParam('')).toBe('Metadata');
  });

  it.each(['None', 'Metadata', 'Object'] as const)('accepts %s', (v) => {
    expect(includeObjectParam(v)).toBe(v);
  });

  it('rejects anything else with kube’s message', () => {
    expect(() => includeObjectParam('object')).toThrow(BadRequestError);
    expect(() => includeObjectParam('Everything')).toThrow(
      `Unable to convert to Table as requested: includeObject: Invalid value: "Everything": must be 'Metadata', 'Object', 'None', or empty`,
    );
  });
});
