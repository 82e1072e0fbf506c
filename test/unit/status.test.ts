import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidError, NotFoundError } from '../../lib/api/errors.ts';
import { statusFromError } from '../../lib/api/status.ts';

describe('statusFromError', () => {
  it('names core resources without a group', () => {
    const s = statusFromError(new NotFoundError({ group: '', resource: 'pods' }, 'x'));
    expect(s).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'pods "x" not found', reason: 'NotFound', code: 404,
      details: { name: 'x', kind: 'pods' },
    });
  });

  it('qualifies grouped resources', () => {
    const s = statusFromError(new ConflictError({ group: 'apps', resource: 'deployments' }, 'web'));
    expect(s.code).toBe(409);
    expect(s.message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('formats one and several invalid causes as kubectl expects', () => {
    const one = new InvalidError('ConfigMap', 'Bad_Name', [{ reason: 'FieldValueInvalid', field: 'metadata.name', message: 'bad' }]);
    expect(one.message).toBe('ConfigMap "Bad_Name" is invalid: metadata.name: bad');
    const two = new InvalidError('Pod', 'p', [
      { reason: 'FieldValueRequired', field: 'spec.containers', message: 'Required value' },
      { reason: 'FieldValueInvalid', field: 'metadata.name', message: 'bad' },
    ]);
    expect(two.message).toBe('Pod "p" is invalid: [spec.containers: Required value, metadata.name: bad]');
    expect(statusFromError(two).code).toBe(422);
  });

  it('qualifies an Invalid kind by its group, as kube-apiserver does (Deployment.apps)', () => {
    const err = new InvalidError('Deployment', 'web', [{ reason: 'FieldValueInvalid', field: 'spec.replicas', message: 'bad' }], 'apps');
    expect(err.message).toBe('Deployment.apps "web" is invalid: spec.replicas: bad');
    expect(statusFromError(err).details).toMatchObject({ name: 'web', group: 'apps', kind: 'Deployment' });
  });

  it('hides internals of unexpected errors', () => {
    const s = statusFromError(new Error('secret table name arn:aws:...'), 'req-1');
    expect(s.code).toBe(500);
    expect(s.reason).toBe('InternalError');
    expect(s.message).not.toContain('arn');
    expect(s.message).toContain('req-1');
  });
});
