// Strategic-merge-patch schemas of the built-in kinds skiff serves, keyed by API group and
// kind. A kind missing here has no strategic merge support (kube answers 415 for custom
// resources); kubectl falls back to a JSON merge patch for those.
import { freezeSchema, type PatchField, type PatchSchema } from './patch-schema.ts';
import {
  conditionsField,
  mergeList,
  objectMetaSchema,
  podSpecSchema,
  podStatusSchema,
  podTemplateSpecSchema,
} from './pod-patch-schema.ts';

/** An object with metadata plus the given top-level fields. */
function kind(fields: Record<string, PatchField> = {}): PatchSchema {
  return { fields: { metadata: objectMetaSchema, ...fields } };
}

/** Only conditions carry a strategy in these statuses. */
const conditionsOnlyStatus: PatchField = { fields: { conditions: conditionsField } };

const SCHEMAS: ReadonlyMap<string, PatchSchema> = new Map<string, PatchSchema>([
  // core/v1
  ['/Namespace', kind({ status: conditionsOnlyStatus })],
  ['/Pod', kind({ spec: podSpecSchema, status: podStatusSchema })],
  [
    '/Node',
    kind({
      // NodeSpec.taints has no strategy: a patch replaces the whole list.
      spec: { fields: { podCIDRs: mergeList() } },
      status: { fields: { conditions: conditionsField, addresses: mergeList('type') } },
    }),
  ],
  [
    '/Service',
    kind({
      // Merged on `port` alone, although the list-map key is (port, protocol).
      spec: { fields: { ports: mergeList('port') } },
      status: conditionsOnlyStatus,
    }),
  ],
  ['/Endpoints', kind()], // subsets, addresses and ports are all replaced
  ['/ConfigMap', kind()],
  ['/Secret', kind()],
  ['/ServiceAccount', kind({ secrets: mergeList('name') })], // imagePullSecrets: replaced
  ['/Event', kind()],
  // apps/v1
  [
    'apps/Deployment',
    kind({
      spec: {
        fields: {
          template: podTemplateSpecSchema,
          // A union (type + rollingUpdate): kubectl sends $retainKeys so switching to
          // Recreate drops rollingUpdate.
          strategy: { strategy: 'retainKeys' },
        },
      },
      status: conditionsOnlyStatus,
    }),
  ],
  ['apps/ReplicaSet', kind({ spec: { fields: { template: podTemplateSpecSchema } }, status: conditionsOnlyStatus })],
  // coordination.k8s.io/v1
  ['coordination.k8s.io/Lease', kind()],
  // discovery.k8s.io/v1: endpoints and ports are atomic lists
  ['discovery.k8s.io/EndpointSlice', kind()],
]);

for (const schema of SCHEMAS.values()) freezeSchema(schema);

/** The patch schema of a built-in kind, or undefined when strategic merge is unsupported. */
export function patchSchemaFor(group: string, kind: string): PatchSchema | undefined {
  return SCHEMAS.get(`${group}/${kind}`);
}
