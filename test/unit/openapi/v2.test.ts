// /openapi/v2: the Swagger 2.0 document kubectl falls back to, and its gnostic protobuf form
// (what client-go actually requests and proto.Unmarshals).
import { describe, expect, it } from 'vitest';
import { decodeSwagger, OPENAPI_V2_PROTOBUF } from '../../../lib/apiserver/openapi/v2/gnostic.ts';
import { openApiV2Response, wantsProtobuf } from '../../../lib/apiserver/openapi/v2/response.ts';
import { swaggerDocument } from '../../../lib/apiserver/openapi/v2/swagger.ts';
import { builtinRegistry } from '../../../lib/registry/builtin.ts';

type Json = Record<string, any>;
const registry = builtinRegistry();
const doc = swaggerDocument(registry);
const def = (name: string): Json => doc.definitions[name]!;

function everyKey(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => everyKey(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) everyKey(v, out.add(k));
  return out;
}

describe('the Swagger 2.0 document', () => {
  it('holds every served kind with kube’s descriptions and v2-style references', () => {
    expect(doc.swagger).toBe('2.0');
    const pod = def('io.k8s.api.core.v1.Pod');
    expect(pod['x-kubernetes-group-version-kind']).toEqual([{ group: '', version: 'v1', kind: 'Pod' }]);
    expect(pod.description).toMatch(/^Pod is a collection of containers/);
    expect(pod.properties.spec).toEqual({ $ref: '#/definitions/io.k8s.api.core.v1.PodSpec', description: expect.stringMatching(/^Specification of the desired behavior/) });
    expect(def('io.k8s.api.core.v1.PodSpec').properties.containers).toMatchObject({
      items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' },
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(def('io.k8s.api.apps.v1.Deployment')['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    // v2 has neither allOf wrappers nor oneOf.
    const keys = everyKey(doc.definitions);
    expect(keys.has('allOf') || keys.has('oneOf')).toBe(false);
    expect(def('io.k8s.apimachinery.pkg.util.intstr.IntOrString')).toMatchObject({ type: 'string', format: 'int-or-string' });
    expect(JSON.stringify(doc)).not.toContain('#/components/schemas/');
  });

  it('lists DeleteOptions under every served group-version, once each', () => {
    const gvks = def('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions')['x-kubernetes-group-version-kind'] as Json[];
    const served = registry.groups().flatMap((g) => g.versions.map((v) => `${g.group}/${v}`));
    expect(gvks.map((g) => `${g.group}/${g.version}`).sort()).toEqual([...served].sort());
  });

  it('turns v3 request bodies into body parameters and consumes, as kubectl’s GetConsumes reads them', () => {
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']!.patch as Json;
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.consumes).toContain('application/strategic-merge-patch+json');
    expect(patch.parameters[0]).toEqual({ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } });
    expect(patch.parameters).toContainEqual({ name: 'fieldValidation', in: 'query', type: 'string', uniqueItems: true });
    expect(patch.responses['200']).toEqual({ description: 'OK', schema: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' } });
  });
});

describe('GET /openapi/v2', () => {
  it('answers client-go’s Accept with gnostic protobuf that decodes to the same document', async () => {
    const res = openApiV2Response(registry, 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf');
    expect(res.headers.get('content-type')).toBe(OPENAPI_V2_PROTOBUF);
    const decoded = decodeSwagger(new Uint8Array(await res.arrayBuffer())) as Json;
    expect(decoded.swagger).toBe('2.0');
    const defs = decoded.definitions.additional_properties as Json[];
    expect(defs.map((d) => d.name)).toEqual(Object.keys(doc.definitions));
    const pod = defs.find((d) => d.name === 'io.k8s.api.core.v1.Pod')!.value;
    const gvk = (pod.vendor_extension as Json[]).find((e) => e.name === 'x-kubernetes-group-version-kind')!;
    // kube-openapi reads extension values with a YAML parser; JSON is YAML.
    expect(JSON.parse(gvk.value.yaml)).toEqual([{ group: '', version: 'v1', kind: 'Pod' }]);
    expect(pod.description).toMatch(/^Pod is a collection/);
    expect(pod.type).toEqual({ value: ['object'] });
    const podSpec = defs.find((d) => d.name === 'io.k8s.api.core.v1.PodSpec')!.value;
    const containers = (podSpec.properties.additional_properties as Json[]).find((p) => p.name === 'containers')!.value;
    expect(containers.items.schema[0]._ref).toBe('#/definitions/io.k8s.api.core.v1.Container');
    const mergeKey = (containers.vendor_extension as Json[]).find((e) => e.name === 'x-kubernetes-patch-merge-key')!;
    expect(JSON.parse(mergeKey.value.yaml)).toBe('name');
    const paths = decoded.paths.path as Json[];
    expect(paths.map((p) => p.name)).toEqual(Object.keys(doc.paths));
  });

  it('answers JSON to everyone else', async () => {
    const res = openApiV2Response(registry, 'application/json, */*');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(await res.text())).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('recognises both spellings of the protobuf media type, and only those', () => {
    expect(wantsProtobuf('application/com.github.proto-openapi.spec.v2@v1.0+protobuf')).toBe(true);
    expect(wantsProtobuf('application/json, application/com.github.proto-openapi.spec.v2.v1.0+protobuf; q=0.9')).toBe(true);
    expect(wantsProtobuf('application/json')).toBe(false);
    expect(wantsProtobuf('')).toBe(false);
  });
});
