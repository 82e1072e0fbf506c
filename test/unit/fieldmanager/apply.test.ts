import { describe, expect, it } from 'vitest';
import { ApplyConflictError } from '../../../lib/api/errors.ts';
import { applyObject, recordUpdate, type FieldManagerScope } from '../../../lib/api/fieldmanager/field-manager.ts';
import { mergeValues } from '../../../lib/api/fieldmanager/merge.ts';
import { typeForModel } from '../../../lib/api/fieldmanager/model-schema.ts';
import { statusFromError } from '../../../lib/api/status.ts';

const deployment = typeForModel('V1Deployment');
const scope: FieldManagerScope = { type: deployment, apiVersion: 'apps/v1', now: '2026-01-01T00:00:00Z' };
const later: FieldManagerScope = { ...scope, now: '2026-01-01T00:05:00Z' };

type Obj = Record<string, any>;
const ap = (...args: Parameters<typeof applyObject>): Obj => applyObject(...args);
const rec = (live: Obj | undefined, next: Obj, manager: string, sc: FieldManagerScope): Obj => recordUpdate(live, next, manager, sc);

function deploy(spec: Obj, extra: Obj = {}): Obj {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', ...extra }, spec };
}

const containers = (...cs: Obj[]) => ({ template: { spec: { containers: cs } } });

describe('mergeValues', () => {
  it('merges maps, list-maps by key, and replaces atomic lists', () => {
    const live = { spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'x', args: ['1', '2'] }, { name: 'b', image: 'y' }] } } } };
    const config = { spec: { template: { spec: { containers: [{ name: 'a', image: 'z', args: ['3'] }] } } } };
    expect(mergeValues(live, config, deployment)).toEqual({
      spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'z', args: ['3'] }, { name: 'b', image: 'y' }] } } },
    });
  });

  it("follows the configuration's order for elements it names, keeping live-only ones in place", () => {
    const live = { spec: containers({ name: 'a' }, { name: 'x' }, { name: 'b' }) };
    const config = { spec: containers({ name: 'b' }, { name: 'a' }, { name: 'c' }) };
    const merged = mergeValues(live, config, deployment) as Obj;
    expect(merged['spec'].template.spec.containers.map((c: Obj) => c['name'])).toEqual(['x', 'b', 'a', 'c']);
  });

  it('merges ports by containerPort and the defaulted protocol', () => {
    const live = { spec: containers({ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] }) };
    const config = { spec: containers({ name: 'a', ports: [{ containerPort: 80, hostPort: 8080 }] }) };
    const merged = mergeValues(live, config, deployment) as Obj;
    expect(merged['spec'].template.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http', hostPort: 8080 }]);
  });

  it('refuses a configuration listing one key twice', () => {
    expect(() => mergeValues({ spec: containers({ name: 'a' }) }, { spec: containers({ name: 'a' }, { name: 'a' }) }, deployment)).toThrow(/duplicate entries/);
  });
});

describe('applyObject', () => {
  it('creates: the applier owns exactly what it sent', () => {
    const out = ap(undefined, deploy({ replicas: 2 }, { labels: { app: 'web' } }), { manager: 'kubectl', force: false }, scope);
    expect(out['metadata']!['managedFields']).toEqual([
      {
        manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: scope.now, fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:replicas': {} } },
      },
    ]);
  });

  it('re-applying the same configuration changes nothing, not even the time', () => {
    const first = ap(undefined, deploy({ replicas: 2 }), { manager: 'kubectl', force: false }, scope);
    const again = ap(first, deploy({ replicas: 2 }), { manager: 'kubectl', force: false }, later);
    expect(again).toEqual(first);
  });

  it('removes a field the applier set before and now omits', () => {
    const first = ap(undefined, deploy({ replicas: 2, paused: true, ...containers({ name: 'a', image: 'x' }, { name: 'b', image: 'y' }) }), { manager: 'kubectl', force: false }, scope);
    const second = ap(first, deploy({ replicas: 2, ...containers({ name: 'a', image: 'x' }) }), { manager: 'kubectl', force: false }, later);
    expect(second['spec']).toEqual({ replicas: 2, ...containers({ name: 'a', image: 'x' }) });
  });

  it('keeps an omitted field another manager also owns', () => {
    const first = ap(undefined, deploy({ replicas: 2, paused: true }), { manager: 'a', force: false }, scope);
    const shared = ap(first, deploy({ paused: true }), { manager: 'b', force: false }, scope);
    const dropped = ap(shared, deploy({ replicas: 2 }), { manager: 'a', force: false }, later);
    expect(dropped['spec']).toEqual({ replicas: 2, paused: true });
  });

  it('keeps fields nobody owns (defaults, other writers) when pruning', () => {
    const first = ap(undefined, deploy({ replicas: 2, paused: true }), { manager: 'kubectl', force: false }, scope);
    const defaulted = { ...first, spec: { ...first['spec'], revisionHistoryLimit: 10 } };
    const second = ap(defaulted, deploy({ replicas: 2 }), { manager: 'kubectl', force: false }, later);
    expect(second['spec']).toEqual({ replicas: 2, revisionHistoryLimit: 10 });
  });

  it('conflicts with an updater that changed a field, naming manager and field', () => {
    const first = ap(undefined, deploy({ replicas: 1 }), { manager: 'kubectl', force: false }, scope);
    const scaled = rec(first, { ...first, spec: { replicas: 3 } }, 'kubectl-scale', { ...scope, subresource: 'scale' });
    let caught: unknown;
    try {
      ap(scaled, deploy({ replicas: 1 }), { manager: 'kubectl', force: false }, later);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ApplyConflictError);
    const status = statusFromError(caught);
    expect(status).toMatchObject({
      code: 409, reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-scale" with subresource "scale" using apps/v1: .spec.replicas',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-scale" with subresource "scale" using apps/v1', field: '.spec.replicas' }] },
    });
  });

  it('does not conflict when the applier agrees with the current value', () => {
    const first = ap(undefined, deploy({ replicas: 1 }), { manager: 'kubectl', force: false }, scope);
    const scaled = rec(first, { ...first, spec: { replicas: 3 } }, 'kubectl-scale', scope);
    const agreed = ap(scaled, deploy({ replicas: 3 }), { manager: 'kubectl', force: false }, later);
    expect(agreed['metadata']!['managedFields'].map((e: Obj) => e['manager'])).toEqual(['kubectl', 'kubectl-scale']);
  });

  it('force takes ownership away from the other manager', () => {
    const first = ap(undefined, deploy({ replicas: 1, paused: false }), { manager: 'kubectl', force: false }, scope);
    const edited = rec(first, { ...first, spec: { replicas: 3, paused: false } }, 'kubectl-edit', scope);
    const forced = ap(edited, deploy({ replicas: 1, paused: false }), { manager: 'kubectl', force: true }, later);
    expect(forced['spec']).toEqual({ replicas: 1, paused: false });
    expect(forced['metadata']!['managedFields']).toHaveLength(1);
    expect(forced['metadata']!['managedFields'][0]).toMatchObject({ manager: 'kubectl', operation: 'Apply' });
  });

  it('groups several conflicts by manager', () => {
    const created = rec(undefined, deploy({ replicas: 1, paused: false }), 'kubectl-client-side-apply', scope);
    expect(() => ap(created, deploy({ replicas: 2, paused: true }), { manager: 'kubectl', force: false }, later)).toThrow(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.paused\n- .spec.replicas',
    );
  });

  it('gives an untracked object to before-first-apply first', () => {
    const live = { ...deploy({ replicas: 1 }), metadata: { name: 'web', namespace: 'default', uid: 'u1' } };
    expect(() => ap(live, deploy({ replicas: 2 }), { manager: 'kubectl', force: false }, scope)).toThrow(
      'conflict with "before-first-apply" using apps/v1: .spec.replicas',
    );
  });
});

describe('recordUpdate', () => {
  it('a create owns what it wrote, with "." only for newly made maps and elements', () => {
    const out = rec(undefined, deploy({ replicas: 1, ...containers({ name: 'a', image: 'x' }) }, { labels: { app: 'web' } }), 'kubectl-create', scope);
    expect(out['metadata']!['managedFields']).toEqual([
      {
        manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: scope.now, fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:template': { '.': {}, 'f:spec': { '.': {}, 'f:containers': { '.': {}, 'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } },
          },
        },
      },
    ]);
  });

  it('an update moves changed fields to its manager and stamps only its entry', () => {
    const created = rec(undefined, deploy({ replicas: 1, paused: false }), 'a', scope);
    const updated = rec(created, { ...created, spec: { replicas: 2, paused: false } }, 'b', later);
    const entries = updated['metadata']!['managedFields'];
    expect(entries.map((e: Obj) => [e['manager'], e['time'], e['fieldsV1']])).toEqual([
      ['a', scope.now, { 'f:spec': { 'f:paused': {} } }],
      ['b', later.now, { 'f:spec': { 'f:replicas': {} } }],
    ]);
  });

  it('a no-op write leaves managedFields as they were', () => {
    const created = rec(undefined, deploy({ replicas: 1 }), 'a', scope);
    expect(rec(created, structuredClone(created), 'b', later)).toEqual(created);
  });

  it('keeps an untracked object untracked', () => {
    const live = deploy({ replicas: 1 });
    expect(rec(live, deploy({ replicas: 2 }), 'b', scope)['metadata']!['managedFields']).toBeUndefined();
  });

  it('a status write owns only status, recorded under the status subresource', () => {
    const created = rec(undefined, deploy({ replicas: 1 }), 'a', scope);
    const withStatus = rec(created, { ...created, status: { replicas: 1 } }, 'ctrl', { ...scope, subresource: 'status' });
    expect(withStatus['metadata']!['managedFields'][1]).toMatchObject({ manager: 'ctrl', subresource: 'status', fieldsV1: { 'f:status': { '.': {}, 'f:replicas': {} } } });
  });
});

describe('ownership of metadata', () => {
  it('never owns .metadata itself or server-set metadata', () => {
    const out = ap(undefined, deploy({ replicas: 1 }), { manager: 'kubectl', force: false }, scope);
    expect(out['metadata']!['managedFields'][0].fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
  });
});

describe('client-side → server-side apply migration (manager "kubectl")', () => {
  const LAST = 'kubectl.kubernetes.io/last-applied-configuration';
  function clientApplied(replicas: number): Obj {
    const config = deploy({ replicas, paused: false });
    const annotated = deploy({ replicas, paused: false }, { annotations: { [LAST]: JSON.stringify(config) } });
    return rec(undefined, annotated, 'kubectl-client-side-apply', scope);
  }

  it('takes over fields still holding their last-applied value, and rewrites the annotation', () => {
    const out = ap(clientApplied(1), deploy({ replicas: 2, paused: false }), { manager: 'kubectl', force: false }, later);
    expect(out['spec']).toEqual({ replicas: 2, paused: false });
    expect(JSON.parse(out['metadata']!['annotations'][LAST])).toEqual(deploy({ replicas: 2, paused: false }));
    expect(out['metadata']!['managedFields'].find((e: Obj) => e['manager'] === 'kubectl-client-side-apply').fieldsV1).toEqual({
      'f:metadata': { 'f:annotations': { '.': {}, [`f:${LAST}`]: {} } },
      'f:spec': { 'f:paused': {} }, // same value applied: shared, not taken
    });
  });

  it('still conflicts on a field changed since (kubectl scale), and for other managers', () => {
    const live = clientApplied(1);
    const scaled = rec(live, { ...live, spec: { replicas: 5, paused: false } }, 'kubectl-scale', { ...scope, subresource: 'scale' });
    expect(() => ap(scaled, deploy({ replicas: 2, paused: false }), { manager: 'kubectl', force: false }, later)).toThrow(/conflict with "kubectl-scale" with subresource "scale" using apps\/v1: .spec.replicas$/);
    expect(() => ap(live, deploy({ replicas: 2, paused: false }), { manager: 'helm', force: false }, later)).toThrow(/conflict with "kubectl-client-side-apply"/);
  });
});

describe('mergeValues edge cases', () => {
  it('clears a field the configuration sets to null', () => {
    expect(mergeValues({ spec: { replicas: 1, paused: true } }, { spec: { paused: null } }, deployment)).toEqual({ spec: { replicas: 1 } });
  });

  it('names the duplicated key as kube prints it', () => {
    expect(() => mergeValues({}, { spec: containers({ name: 'a' }, { name: 'a' }) }, deployment)).toThrow('duplicate entries for key [name="a"]');
  });
});
