import { describe, expect, it } from 'vitest';
import { asQuantity, parseFieldType } from '../../../lib/api/schema/field-type.ts';
import { hasModel, modelInfo, modelNameParts } from '../../../lib/api/schema/model-fields.ts';
import { QUANTITY_FIELDS } from '../../../lib/api/schema/quantity-fields.ts';
import { base64ErrorOffset } from '../../../lib/api/schema/scalar-values.ts';

describe('parseFieldType', () => {
  it('decodes every type-string form client-node uses', () => {
    expect(parseFieldType('string', '')).toEqual({ kind: 'string' });
    expect(parseFieldType('string', 'byte')).toEqual({ kind: 'string', format: 'byte' });
    expect(parseFieldType('number', 'int32')).toEqual({ kind: 'integer', format: 'int32' });
    expect(parseFieldType('number', 'int64')).toEqual({ kind: 'integer', format: 'int64' });
    expect(parseFieldType('number', 'double')).toEqual({ kind: 'number' });
    expect(parseFieldType('boolean', '')).toEqual({ kind: 'boolean' });
    expect(parseFieldType('Date', 'date-time')).toEqual({ kind: 'time', micro: false });
    expect(parseFieldType('V1MicroTime', 'date-time-micro')).toEqual({ kind: 'time', micro: true });
    expect(parseFieldType('IntOrString', 'int-or-string')).toEqual({ kind: 'int-or-string' });
    expect(parseFieldType('any', '')).toEqual({ kind: 'free-form' });
    expect(parseFieldType('V1PodSpec', '')).toEqual({ kind: 'model', name: 'V1PodSpec' });
    expect(parseFieldType('Array<V1Container>', '')).toEqual({ kind: 'array', items: { kind: 'model', name: 'V1Container' } });
    expect(parseFieldType('Array<number>', 'int64')).toEqual({ kind: 'array', items: { kind: 'integer', format: 'int64' } });
    expect(parseFieldType('{ [key: string]: string; }', 'byte')).toEqual({ kind: 'map', values: { kind: 'string', format: 'byte' } });
    expect(parseFieldType('{ [key: string]: Array<string>; }', '')).toEqual({
      kind: 'map',
      values: { kind: 'array', items: { kind: 'string' } },
    });
    expect(parseFieldType('{ [key: string]: Date; }', 'date-time')).toEqual({ kind: 'map', values: { kind: 'time', micro: false } });
  });

  it('turns the innermost string into a Quantity', () => {
    expect(asQuantity(parseFieldType('{ [key: string]: string; }', ''))).toEqual({ kind: 'map', values: { kind: 'quantity' } });
    expect(asQuantity({ kind: 'string' })).toEqual({ kind: 'quantity' });
  });
});

describe('modelInfo', () => {
  it('knows the model of every kind skiff serves', () => {
    for (const name of [
      'V1Namespace', 'V1Pod', 'V1Node', 'V1Service', 'V1Endpoints', 'V1ConfigMap', 'V1Secret', 'V1ServiceAccount',
      'CoreV1Event', 'V1Deployment', 'V1ReplicaSet', 'V1Lease', 'V1Scale', 'V1Binding', 'V1DeleteOptions',
    ]) {
      expect(hasModel(name), name).toBe(true);
    }
    expect(hasModel('V1Nope')).toBe(false);
    expect(hasModel('toString')).toBe(false);
  });

  it('caches per model', () => {
    expect(modelInfo('V1PodSpec')).toBe(modelInfo('V1PodSpec'));
  });

  it('marks the Quantity fields client-node types as strings', () => {
    expect(modelInfo('V1ResourceRequirements')!.fields.get('limits')).toEqual({ kind: 'map', values: { kind: 'quantity' } });
    expect(modelInfo('V1NodeStatus')!.fields.get('allocatable')).toEqual({ kind: 'map', values: { kind: 'quantity' } });
    expect(modelInfo('V1EmptyDirVolumeSource')!.fields.get('sizeLimit')).toEqual({ kind: 'quantity' });
    expect(modelInfo('V1LimitRangeItem')!.fields.get('default')).toEqual({ kind: 'map', values: { kind: 'quantity' } });
    expect(modelInfo('V1ConfigMap')!.fields.get('data')).toEqual({ kind: 'map', values: { kind: 'string' } });
  });
});

describe('modelNameParts', () => {
  it('splits prefix, version and kind', () => {
    expect(modelNameParts('V1Pod')).toEqual({ version: 'v1', kind: 'Pod' });
    expect(modelNameParts('CoreV1Event')).toEqual({ groupPrefix: 'Core', version: 'v1', kind: 'Event' });
    expect(modelNameParts('V1beta2DeviceClass')).toEqual({ version: 'v1beta2', kind: 'DeviceClass' });
    expect(modelNameParts('V1APIResourceList')).toEqual({ version: 'v1', kind: 'APIResourceList' });
    expect(modelNameParts('V1VsphereVirtualDiskVolumeSource')).toEqual({ version: 'v1', kind: 'VsphereVirtualDiskVolumeSource' });
    expect(modelNameParts('VersionInfo')).toEqual({ version: '', kind: 'VersionInfo' });
  });
});

describe('base64ErrorOffset', () => {
  it('finds the byte Go would reject', () => {
    expect(base64ErrorOffset('')).toBeUndefined();
    expect(base64ErrorOffset('aGVsbG8=')).toBeUndefined();
    expect(base64ErrorOffset('aGVs\nbG8=')).toBeUndefined();
    expect(base64ErrorOffset('aGVsbA==')).toBeUndefined();
    expect(base64ErrorOffset('aGV$bG8=')).toBe(3);
    expect(base64ErrorOffset('abc')).toBe(0);
    expect(base64ErrorOffset('abcdab')).toBe(4);
    expect(base64ErrorOffset('ab=c')).toBe(2);
    expect(base64ErrorOffset('a===')).toBe(1);
  });
});

describe('QUANTITY_FIELDS', () => {
  it('names only fields that exist and hold Quantities', () => {
    for (const [model, fields] of Object.entries(QUANTITY_FIELDS)) {
      for (const field of fields) {
        const type = modelInfo(model)?.fields.get(field);
        const inner = type?.kind === 'map' ? type.values : type;
        expect(inner, `${model}.${field}`).toEqual({ kind: 'quantity' });
      }
    }
  });
});
