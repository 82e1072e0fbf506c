// Malformed bodies are 400s that say what is wrong; kinds we do not decode are 415s that say
// to send JSON.
import { describe, expect, it } from 'vitest';
import { BadRequestError, UnsupportedMediaTypeError } from '../../../lib/api/errors.ts';
import { decodeKubeProtobuf } from '../../../lib/api/protobuf/index.ts';
import { body, encodeMessage, envelope, MAGIC } from './wire.ts';

function failure(bytes: Uint8Array): Error {
  try {
    decodeKubeProtobuf(bytes);
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected decoding to fail');
}

describe('malformed protobuf bodies', () => {
  it('rejects a body without the k8s\\0 magic, e.g. JSON sent under the protobuf type', () => {
    const err = failure(new TextEncoder().encode('{"kind":"Namespace"}'));
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toContain('"k8s\\x00"');
  });

  it('rejects an empty body', () => {
    expect(failure(new Uint8Array(0))).toBeInstanceOf(BadRequestError);
  });

  it('rejects an envelope that names no kind or apiVersion', () => {
    const bare = failure(Uint8Array.from(MAGIC));
    expect(bare).toBeInstanceOf(BadRequestError);
    expect(bare.message).toContain('apiVersion');
    const noKind = failure(envelope('v1', '', new Uint8Array(0)));
    expect(noKind).toBeInstanceOf(BadRequestError);
    expect(noKind.message).toContain('kind');
  });

  it('rejects a truncated envelope', () => {
    const whole = body('v1', 'Namespace', 'Namespace', { metadata: { name: 'n1' } });
    const err = failure(whole.subarray(0, whole.length - 3));
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toMatch(/^the request body is a truncated or malformed Kubernetes protobuf envelope: /);
  });

  it('rejects a truncated object inside a complete envelope, in kube-apiserver wording', () => {
    const raw = encodeMessage('Deployment', { metadata: { name: 'web', labels: { app: 'web' } } });
    const err = failure(envelope('apps/v1', 'Deployment', raw.subarray(0, raw.length - 4)));
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toMatch(/^Deployment in version "v1" cannot be handled as a Deployment: malformed protobuf: /);
  });

  it('rejects an invalid quantity, naming the field', () => {
    const err = failure(
      body('apps/v1', 'Deployment', 'Deployment', {
        spec: { template: { spec: { containers: [{ name: 'c', resources: { limits: { cpu: { string: 'lots' } } } }] } } },
      }),
    );
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toContain('spec.template.spec.containers[0].resources.limits[cpu]: quantity "lots"');
  });

  it('rejects an IntOrString of an impossible type', () => {
    const err = failure(
      body('apps/v1', 'Deployment', 'Deployment', { spec: { strategy: { rollingUpdate: { maxSurge: { type: 2, intVal: 1 } } } } }),
    );
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toContain('spec.strategy.rollingUpdate.maxSurge: IntOrString type 2');
  });

  it('rejects a timestamp past year 9999', () => {
    const err = failure(body('v1', 'Namespace', 'Namespace', { metadata: { creationTimestamp: { seconds: 253402300800 } } }));
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toContain('metadata.creationTimestamp: timestamp');
  });
});

describe('kinds this server does not decode from protobuf', () => {
  it.each([
    ['apps/v1', 'StatefulSet'],
    ['batch/v1', 'Job'],
    ['v1', 'Pod'],
    ['rbac.authorization.k8s.io/v1', 'Role'],
  ])('%s %s is a 415 asking for JSON', (apiVersion, kind) => {
    const err = failure(envelope(apiVersion, kind, new Uint8Array(0)));
    expect(err).toBeInstanceOf(UnsupportedMediaTypeError);
    expect(err.message).toContain(`${apiVersion}, Kind=${kind}`);
    expect(err.message).toContain('send it as application/json');
  });

  it('refuses a compressed envelope with a 415', () => {
    const err = failure(envelope('v1', 'Namespace', new Uint8Array(0), 'gzip'));
    expect(err).toBeInstanceOf(UnsupportedMediaTypeError);
    expect(err.message).toContain('"gzip"');
  });
});
