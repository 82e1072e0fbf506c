// Ownership as kube's ControllerRefManager decides it (ClaimObject): a controller keeps
// what it controls and still selects, releases what it controls but no longer selects,
// adopts matching orphans, and never touches what another controller owns. The result is
// objects ready to write (ownerReferences already changed, resourceVersion kept) so the
// caller's conditional update fails cleanly if someone else changed them first.
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { matchesLabels } from '../../api/selectors/label-selector.ts';
import type { LabelSelector } from '../../api/selectors/label-selector.ts';
import type { KubeObject } from '../../storage/object-store.ts';

export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** The reference kube's NewControllerRef builds: blocking, so foreground deletion waits for children. */
export function controllerRefTo(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export function withOwnerRef<T extends KubeObject>(obj: T, ref: OwnerReference): T {
  const copy = structuredClone(obj);
  copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== ref.uid), ref];
  return copy;
}

export function withoutOwnerRef<T extends KubeObject>(obj: T, uid: string): T {
  const copy = structuredClone(obj);
  const rest = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
  if (rest.length > 0) copy.metadata.ownerReferences = rest;
  else delete copy.metadata.ownerReferences;
  return copy;
}

export interface Claim<T> {
  /** What the controller governs after this pass: kept plus adopted (adopted ones as written). */
  owned: T[];
  adopt: T[];
  release: T[];
}

/**
 * Sorts candidates by name first so the same inputs always give the same lists in the
 * same order, whatever order a list call returned them in.
 */
export function claimObjects<T extends KubeObject>(owner: KubeObject, candidates: readonly T[], selector: LabelSelector, ref: OwnerReference): Claim<T> {
  const ownerGoing = Boolean(owner.metadata.deletionTimestamp);
  const out: Claim<T> = { owned: [], adopt: [], release: [] };
  for (const obj of [...candidates].sort(byName)) {
    if (owner.metadata.namespace && obj.metadata.namespace && obj.metadata.namespace !== owner.metadata.namespace) continue;
    const current = controllerRefOf(obj);
    const matches = matchesLabels(selector, obj.metadata.labels);
    if (current) {
      if (current.uid !== ref.uid) continue;
      if (matches) out.owned.push(obj);
      // A controller being deleted keeps what it has rather than churn ownership on its way out.
      else if (!ownerGoing) out.release.push(withoutOwnerRef(obj, ref.uid));
      continue;
    }
    if (ownerGoing || !matches || obj.metadata.deletionTimestamp) continue;
    const adopted = withOwnerRef(obj, ref);
    out.adopt.push(adopted);
    out.owned.push(adopted);
  }
  return out;
}

export function byName(a: KubeObject, b: KubeObject): number {
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
