import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { describe, expect, it } from 'vitest';
import {
  classifyOwner, needsDependentsCheck, planDependent, planForegroundOwner, planOrphanOwner, withoutFinalizer, withoutOwnerReferences,
  type ClassifiedOwner, type OwnerLookup, type OwnerState,
} from '../../../../lib/controllers/garbagecollector/plan.ts';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';

const ref = (uid: string, extra: Partial<OwnerReference> = {}): OwnerReference => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${uid}`, uid, ...extra });
const obj = (meta: Partial<KubeObject['metadata']> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'p-uid', ...meta } });
const owners = (...states: [string, OwnerState][]): ClassifiedOwner[] => states.map(([uid, state]) => ({ ref: ref(uid), state }));

describe('classifyOwner', () => {
  const live = obj({ uid: 'a' });
  const foreground = obj({ uid: 'a', deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['foregroundDeletion'] });
  const orphaning = obj({ uid: 'a', deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['orphan'] });
  it.each<[string, OwnerLookup, OwnerState]>([
    ['an owner that exists with the uid is solid', live, 'solid'],
    ['an owner being deleted in the background (user finalizer) still holds', obj({ uid: 'a', deletionTimestamp: 't', finalizers: ['x/y'] }), 'solid'],
    ['an owner orphaning its dependents still holds them until it lets go', orphaning, 'solid'],
    ['an owner in foreground deletion waits for its dependents', foreground, 'waiting'],
    ['no object of that name: dangling', 'absent', 'dangling'],
    ['a namesake with another uid: dangling', obj({ uid: 'b' }), 'dangling'],
    ['a kind we cannot look up is never a reason to collect', 'unresolvable', 'unresolvable'],
  ])('%s', (_name, found, expected) => {
    expect(classifyOwner(ref('a'), found)).toBe(expected);
  });
});

describe('planDependent', () => {
  it.each<[string, KubeObject, ClassifiedOwner[], boolean, ReturnType<typeof planDependent>]>([
    ['no owners: nothing to do', obj(), [], false, { action: 'none' }],
    ['a solid owner keeps it', obj(), owners(['a', 'solid']), false, { action: 'none' }],
    ['its only owner is gone: deleted in the background', obj(), owners(['a', 'dangling']), false, { action: 'delete', policy: 'Background' }],
    ['all owners gone', obj(), owners(['a', 'dangling'], ['b', 'dangling']), false, { action: 'delete', policy: 'Background' }],
    ['one owner gone, one solid: only the dangling reference goes', obj(), owners(['a', 'dangling'], ['b', 'solid']), false, { action: 'remove-owner-references', uids: ['a'] }],
    ['a solid owner beside a foreground one: it lets the waiting owner go', obj(), owners(['a', 'waiting'], ['b', 'solid']), false, { action: 'remove-owner-references', uids: ['a'] }],
    ['an unresolvable owner keeps it, dangling refs are dropped', obj(), owners(['a', 'unresolvable'], ['b', 'dangling']), false, { action: 'remove-owner-references', uids: ['b'] }],
    ['an unresolvable owner alone keeps it', obj(), owners(['a', 'unresolvable']), false, { action: 'none' }],
    ['a foreground owner, no dependents of its own: background', obj(), owners(['a', 'waiting']), false, { action: 'delete', policy: 'Background' }],
    ['a foreground owner, with dependents: foreground, so the chain blocks', obj(), owners(['a', 'waiting']), true, { action: 'delete', policy: 'Foreground' }],
    ['gone owner, dependents of its own: background all the same', obj(), owners(['a', 'dangling']), true, { action: 'delete', policy: 'Background' }],
    ['its own orphan finalizer is honoured', obj({ finalizers: ['orphan'] }), owners(['a', 'dangling']), false, { action: 'delete', policy: 'Orphan' }],
    ['its own foreground finalizer is honoured', obj({ finalizers: ['foregroundDeletion'] }), owners(['a', 'dangling']), false, { action: 'delete', policy: 'Foreground' }],
    ['already being deleted: nothing to decide', obj({ deletionTimestamp: 't' }), owners(['a', 'dangling']), false, { action: 'none' }],
  ])('%s', (_name, dependent, classified, hasDependents, expected) => {
    expect(planDependent(dependent, classified, hasDependents)).toEqual(expected);
  });

  it.each<[string, ClassifiedOwner[], boolean]>([
    ['only waiting owners: it matters', owners(['a', 'waiting']), true],
    ['waiting and dangling: it matters', owners(['a', 'waiting'], ['b', 'dangling']), true],
    ['a solid owner: it stays anyway', owners(['a', 'waiting'], ['b', 'solid']), false],
    ['only dangling owners: background regardless', owners(['a', 'dangling']), false],
  ])('needsDependentsCheck: %s', (_name, classified, expected) => {
    expect(needsDependentsCheck(classified)).toBe(expected);
  });
});

describe('owner plans', () => {
  const owner = obj({ name: 'rs', uid: 'o', deletionTimestamp: 't', finalizers: ['foregroundDeletion'] });
  const blocking = obj({ name: 'p1', ownerReferences: [ref('o', { blockOwnerDeletion: true })] });
  const nonBlocking = obj({ name: 'p2', ownerReferences: [ref('o')] });
  const other = obj({ name: 'p3', ownerReferences: [ref('x', { blockOwnerDeletion: true })] });

  it.each<[string, KubeObject[], { blocking: KubeObject[]; removeFinalizer: boolean }]>([
    ['no dependents: the owner can go', [], { blocking: [], removeFinalizer: true }],
    ['a blocking dependent holds it', [blocking, nonBlocking], { blocking: [blocking], removeFinalizer: false }],
    ['non-blocking dependents do not hold it', [nonBlocking, other], { blocking: [], removeFinalizer: true }],
  ])('foreground: %s', (_name, dependents, expected) => {
    expect(planForegroundOwner(owner, dependents)).toEqual(expected);
  });

  it('orphan: every dependent naming the owner lets go, others are untouched', () => {
    expect(planOrphanOwner(owner, [blocking, nonBlocking, other])).toEqual([blocking, nonBlocking]);
  });
});

describe('rewrites', () => {
  it('drops references by uid, and the field when none are left', () => {
    const two = obj({ ownerReferences: [ref('a'), ref('b')] });
    expect(withoutOwnerReferences(two, ['a'])?.metadata.ownerReferences).toEqual([ref('b')]);
    expect(withoutOwnerReferences(two, ['a', 'b'])?.metadata).not.toHaveProperty('ownerReferences');
    expect(withoutOwnerReferences(two, ['z'])).toBeUndefined();
  });

  it('drops one finalizer, and the field when none are left', () => {
    const held = obj({ finalizers: ['orphan', 'example.com/x'] });
    expect(withoutFinalizer(held, 'orphan')?.metadata.finalizers).toEqual(['example.com/x']);
    expect(withoutFinalizer(obj({ finalizers: ['orphan'] }), 'orphan')?.metadata).not.toHaveProperty('finalizers');
    expect(withoutFinalizer(held, 'foregroundDeletion')).toBeUndefined();
  });
});
