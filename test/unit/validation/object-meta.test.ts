import { describe, expect, it } from 'vitest';
import type { StatusCause } from '../../../lib/api/errors.ts';
import type { ObjectMetaOptions } from '../../../lib/api/validation/object-meta.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../lib/api/validation/object-meta.ts';

const SUBDOMAIN = String.raw`a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const QNAME = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const configMap: ObjectMetaOptions = { namespaced: true, nameRule: 'dns1123-subdomain', kind: 'ConfigMap' };
const namespace: ObjectMetaOptions = { namespaced: false, nameRule: 'dns1123-label', kind: 'Namespace' };
const role: ObjectMetaOptions = { namespaced: true, nameRule: 'path-segment', kind: 'Role' };

const inv = (field: string, message: string): StatusCause => ({ reason: 'FieldValueInvalid', field, message });

const owner = (extra: Record<string, unknown> = {}) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1', ...extra });

describe('validateObjectMeta', () => {
  const cases: Array<[string, unknown, ObjectMetaOptions, StatusCause[]]> = [
    ['a valid namespaced object', { name: 'cfg', namespace: 'default' }, configMap, []],
    [
      'the kubectl example: an invalid ConfigMap name',
      { name: 'Bad_Name', namespace: 'default' },
      configMap,
      [inv('metadata.name', `Invalid value: "Bad_Name": ${SUBDOMAIN}`)],
    ],
    [
      'neither name nor generateName',
      { namespace: 'default' },
      configMap,
      [{ reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }],
    ],
    [
      'absent metadata is an empty one',
      undefined,
      configMap,
      [
        { reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' },
        { reason: 'FieldValueRequired', field: 'metadata.namespace', message: 'Required value' },
      ],
    ],
    ['generateName stands in for name', { generateName: 'web-', namespace: 'default' }, configMap, []],
    [
      'generateName is checked with its suffix masked',
      { generateName: 'Web-', namespace: 'default' },
      configMap,
      [inv('metadata.generateName', `Invalid value: "Web-": ${SUBDOMAIN}`)],
    ],
    [
      'missing namespace on a namespaced kind',
      { name: 'cfg' },
      configMap,
      [{ reason: 'FieldValueRequired', field: 'metadata.namespace', message: 'Required value' }],
    ],
    [
      'namespace on a cluster-scoped kind',
      { name: 'team-a', namespace: 'default' },
      namespace,
      [{ reason: 'FieldValueForbidden', field: 'metadata.namespace', message: 'Forbidden: not allowed on this type' }],
    ],
    [
      'namespace syntax is a DNS label',
      { name: 'cfg', namespace: 'my.ns' },
      configMap,
      [inv('metadata.namespace', 'Invalid value: "my.ns": must not contain dots')],
    ],
    [
      'label-rule names',
      { name: 'Team_A' },
      namespace,
      [inv('metadata.name', `Invalid value: "Team_A": ${LABEL}`)],
    ],
    ['path-segment names allow most characters', { name: 'system:controller:x', namespace: 'default' }, role, []],
    [
      'path-segment names refuse slashes',
      { name: 'a/b', namespace: 'default' },
      role,
      [inv('metadata.name', `Invalid value: "a/b": may not contain '/'`)],
    ],
    [
      'label keys and values',
      { name: 'cfg', namespace: 'default', labels: { 'bad key': 'ok', app: 'not ok', 'example.com/x': '' } },
      configMap,
      [
        inv('metadata.labels', `Invalid value: "bad key": name part ${QNAME}`),
        inv('metadata.labels', `Invalid value: "not ok": ${LABEL_VALUE}`),
      ],
    ],
    [
      'annotation keys ignore case but not syntax',
      { name: 'cfg', namespace: 'default', annotations: { 'Example.COM/Thing': 'x', 'a b': 'y' } },
      configMap,
      [inv('metadata.annotations', `Invalid value: "a b": name part ${QNAME}`)],
    ],
    [
      'annotations over 256 KiB',
      { name: 'cfg', namespace: 'default', annotations: { big: 'x'.repeat(262144) } },
      configMap,
      [{ reason: 'FieldValueTooLong', field: 'metadata.annotations', message: 'Too long: must have at most 262144 bytes' }],
    ],
    [
      'annotation size counts UTF-8 bytes',
      { name: 'cfg', namespace: 'default', annotations: { k: 'é'.repeat(131072) } },
      configMap,
      [{ reason: 'FieldValueTooLong', field: 'metadata.annotations', message: 'Too long: must have at most 262144 bytes' }],
    ],
    ['annotations exactly at the limit', { name: 'cfg', namespace: 'default', annotations: { k: 'x'.repeat(262143) } }, configMap, []],
    [
      'a negative generation',
      { name: 'cfg', namespace: 'default', generation: -1 },
      configMap,
      [inv('metadata.generation', 'Invalid value: -1: must be greater than or equal to 0')],
    ],
    ['a valid owner reference', { name: 'p', namespace: 'default', ownerReferences: [owner({ controller: true })] }, configMap, []],
    [
      'owner reference fields are required',
      { name: 'p', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/' }] },
      configMap,
      [
        inv('metadata.ownerReferences.apiVersion', 'Invalid value: "apps/": version must not be empty'),
        inv('metadata.ownerReferences.kind', 'Invalid value: "": kind must not be empty'),
        inv('metadata.ownerReferences.name', 'Invalid value: "": name must not be empty'),
        inv('metadata.ownerReferences.uid', 'Invalid value: "": uid must not be empty'),
      ],
    ],
    [
      'at most one controller',
      {
        name: 'p',
        namespace: 'default',
        ownerReferences: [owner({ controller: true }), owner({ kind: 'Job', name: 'j', uid: 'u2', controller: true })],
      },
      configMap,
      [
        inv(
          'metadata.ownerReferences',
          `Invalid value: ${JSON.stringify([owner({ controller: true }), owner({ kind: 'Job', name: 'j', uid: 'u2', controller: true })])}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/rs and Job/j`,
        ),
      ],
    ],
    [
      'finalizers are qualified names',
      { name: 'cfg', namespace: 'default', finalizers: ['example.com/cleanup', 'no good'] },
      configMap,
      [inv('metadata.finalizers', `Invalid value: "no good": name part ${QNAME}`)],
    ],
    [
      'wrong JSON types',
      { name: 5, namespace: 'default', labels: { a: 1 } },
      configMap,
      [
        { reason: 'FieldValueTypeInvalid', field: 'metadata.name', message: 'Invalid value: 5: must be of type string' },
        { reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' },
        { reason: 'FieldValueTypeInvalid', field: 'metadata.labels[a]', message: 'Invalid value: 1: must be of type string' },
      ],
    ],
    [
      'metadata that is not an object',
      'nope',
      configMap,
      [{ reason: 'FieldValueTypeInvalid', field: 'metadata', message: 'Invalid value: "nope": must be of type object' }],
    ],
    [
      'control characters are quoted as Go does',
      { name: 'a\u0001', namespace: 'default' },
      configMap,
      [inv('metadata.name', `Invalid value: "a\\x01": ${SUBDOMAIN}`)],
    ],
  ];
  it.each(cases)('%s', (_name, meta, opts, want) => {
    expect(validateObjectMeta(meta, opts)).toEqual(want);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old = { name: 'cfg', namespace: 'default', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z', resourceVersion: '5' };
  const cases: Array<[string, Record<string, unknown>, StatusCause[]]> = [
    ['unchanged identity, changed labels', { ...old, labels: { a: 'b' }, resourceVersion: '6' }, []],
    ['the same instant spelled differently', { ...old, creationTimestamp: '2024-01-01T00:00:00+00:00' }, []],
    ['a rename', { ...old, name: 'other' }, [inv('metadata.name', 'Invalid value: "other": field is immutable')]],
    ['a namespace move', { ...old, namespace: 'kube-system' }, [inv('metadata.namespace', 'Invalid value: "kube-system": field is immutable')]],
    ['a new uid', { ...old, uid: 'u2' }, [inv('metadata.uid', 'Invalid value: "u2": field is immutable')]],
    [
      'a dropped uid (the registry copies it over first)',
      { name: 'cfg', namespace: 'default', creationTimestamp: old.creationTimestamp },
      [inv('metadata.uid', 'Invalid value: "": field is immutable')],
    ],
    [
      'a new creationTimestamp',
      { ...old, creationTimestamp: '2025-01-01T00:00:00Z' },
      [inv('metadata.creationTimestamp', 'Invalid value: "2025-01-01T00:00:00Z": field is immutable')],
    ],
    [
      'a set deletionTimestamp',
      { ...old, deletionTimestamp: '2025-01-01T00:00:00Z' },
      [inv('metadata.deletionTimestamp', 'Invalid value: "2025-01-01T00:00:00Z": field is immutable')],
    ],
  ];
  it.each(cases)('%s', (_name, next, want) => {
    expect(validateObjectMetaUpdate(next, old)).toEqual(want);
  });
});
