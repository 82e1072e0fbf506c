// The status the agent sends is a strategic merge patch, and conditions merge by type: a
// key the agent stopped reporting (a Ready condition's reason and message once the pod is
// ready) would survive in the stored condition. kubelet patches from the old status to the
// new one, which removes such keys; this does the same by setting them to null. Keys are
// cleared only inside conditions the agent reports, and at the top level of the status,
// so conditions other writers own (PodScheduled, DisruptionTarget) are left alone.
import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1';

type Patch = Record<string, unknown>;

/** `next`, with null for every key an earlier status (stored or last sent) had and `next` has not. */
export function statusPatch(next: PodStatus, earlier: readonly (PodStatus | undefined)[]): Patch {
  const patch: Patch = { ...next };
  for (const old of earlier) {
    for (const key of Object.keys(old ?? {})) {
      if (!(key in next)) patch[key] = null;
    }
  }
  if (next.conditions) patch['conditions'] = next.conditions.map((c) => clearedCondition(c, earlier));
  return patch;
}

function clearedCondition(c: PodCondition, earlier: readonly (PodStatus | undefined)[]): Patch {
  const out: Patch = { ...c };
  for (const old of earlier) {
    const before = old?.conditions?.find((o) => o.type === c.type);
    for (const key of Object.keys(before ?? {})) {
      if (!(key in c)) out[key] = null;
    }
  }
  return out;
}
