// A new pod from a ReplicaSet's template, after kube's GetPodFromTemplate: labels,
// annotations and finalizers from the template's metadata (never its name), the spec as
// written, and the controller reference that makes the ReplicaSet its owner.
import type { Pod, ReplicaSet } from './types.ts';
import { controllerRefTo } from './claim.ts';

/** kube drops the dash only when it would make the prefix an invalid name. */
function generateNamePrefix(name: string): string {
  return name.length + 1 > 253 ? name : `${name}-`;
}

export function podFromTemplate(rs: ReplicaSet): Pod {
  const meta = rs.spec?.template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: generateNamePrefix(rs.metadata.name ?? ''),
      ownerReferences: [controllerRefTo(rs, 'apps/v1', 'ReplicaSet')],
    },
    spec: structuredClone(rs.spec?.template?.spec ?? { containers: [] }),
  };
  if (rs.metadata.namespace) pod.metadata.namespace = rs.metadata.namespace;
  if (meta.labels) pod.metadata.labels = { ...meta.labels };
  if (meta.annotations) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) pod.metadata.finalizers = [...meta.finalizers];
  return pod;
}
