// metadata.generation as kube-apiserver keeps it: server-owned, and only for kinds whose
// strategy tracks it (ResourceStrategy.generation). The store stores whatever it is given.
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../storage/object-store.ts';
import type { GenerationRule, ResourceType } from '../resource-type.ts';

/**
 * A kind with a rule starts at 1. Without one the object keeps what it came with: kube's
 * generic create never resets a client's generation (only PrepareForCreate of kinds that
 * track it sets 1), and from then on updates carry the stored value.
 */
export function generationOnCreate(type: ResourceType, obj: KubeObject): KubeObject {
  if (!type.strategy.generation) return obj;
  return { ...obj, metadata: { ...obj.metadata, generation: 1 } };
}

/**
 * `next` already carries the stored generation (clients cannot set it). A write of the main
 * resource that moved what the kind tracks bumps it; status writes never do.
 */
export function generationOnUpdate(type: ResourceType, current: KubeObject, next: KubeObject, subresource?: 'status'): KubeObject {
  const rule = type.strategy.generation;
  if (!rule || subresource === 'status' || !rule(current, next)) return next;
  return { ...next, metadata: { ...next.metadata, generation: (current.metadata.generation ?? 0) + 1 } };
}

/**
 * The first deletionTimestamp (graceful deletion or finalizers) bumps a generation that is
 * set, so controllers see that their object's desired state changed (kube's BeforeDelete
 * and markAsDeleting).
 */
export function generationOnDeletionMark(before: KubeObject, marked: KubeObject): KubeObject {
  const generation = before.metadata.generation ?? 0;
  if (before.metadata.deletionTimestamp || generation <= 0) return marked;
  return { ...marked, metadata: { ...marked.metadata, generation: generation + 1 } };
}

/** The common rule: spec moved (ReplicaSet; Deployment adds annotations). */
export const specChanged: GenerationRule = (before, after) => !isDeepStrictEqual(before['spec'], after['spec']);

/** kube's Deployment: spec, or annotations (they are copied to its ReplicaSets). */
export const specOrAnnotationsChanged: GenerationRule = (before, after) =>
  specChanged(before, after) || !isDeepStrictEqual(before.metadata.annotations ?? {}, after.metadata.annotations ?? {});

/** kube's EndpointSlice: anything outside metadata (endpoints, ports, addressType), or labels. */
export const contentOrLabelsChanged: GenerationRule = (before, after) =>
  !isDeepStrictEqual(withoutMetadata(before), withoutMetadata(after)) || !isDeepStrictEqual(before.metadata.labels ?? {}, after.metadata.labels ?? {});

function withoutMetadata(obj: KubeObject): Record<string, unknown> {
  const { metadata: _metadata, apiVersion: _apiVersion, kind: _kind, ...rest } = obj;
  return rest;
}
