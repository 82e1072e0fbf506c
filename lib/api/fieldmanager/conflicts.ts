// Apply conflicts as kube-apiserver reports them: one cause per field, and a message kubectl
// prints verbatim — `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply"
// using apps/v1: .spec.replicas`, or, for several, grouped by manager (sorted).
import { ApplyConflictError } from '../errors.ts';
import { describeManager } from './managed-fields.ts';
import { pathString } from './path.ts';
import type { Conflict } from './updater.ts';

export function applyConflictError(conflicts: readonly Conflict[]): ApplyConflictError {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${describeManager(c.manager)}`,
    field: pathString(c.path),
  }));
  return new ApplyConflictError(conflictMessage(conflicts), causes);
}

export function conflictMessage(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 1) {
    const only = conflicts[0]!;
    return `Apply failed with 1 conflict: conflict with ${describeManager(only.manager)}: ${pathString(only.path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), pathString(c.path)]);
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${describeManager(manager)}:`);
    for (const p of byManager.get(manager)!) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
