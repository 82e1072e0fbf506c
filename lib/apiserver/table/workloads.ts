// `kubectl get deployments` and `get replicasets`: kube's printDeployment and
// printReplicaSet. Counters are int64 cells (JSON numbers), READY is text ("2/3").
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { LabelSelectorSpec } from '../../api/selectors/label-selector.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { AGE_COLUMN, CONTAINERS_DOC, IMAGES_DOC, NAME_COLUMN, column, wide } from './columns.ts';
import { containerCells, formatSelector, selectorString } from './format.ts';
import { since } from './human-duration.ts';
import type { PrintedRow, Printer } from './types.ts';

const SELECTOR_DOC_RS =
  "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

/** spec.replicas is defaulted to 1 on write; read it the same way for objects that predate that. */
function desired(spec: { replicas?: number } | undefined): number {
  return spec?.replicas ?? 1;
}

const deploymentColumns = Object.freeze([
  NAME_COLUMN,
  column('Ready', 'string', 'Number of the pod with ready state'),
  // kube declares these two "string" although the cells are integers; kept as declared.
  column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
  column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
  AGE_COLUMN,
  wide('Containers', CONTAINERS_DOC),
  wide('Images', IMAGES_DOC),
  wide('Selector', "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels."),
]);

function deploymentRow(obj: KubeObject, now: Date): PrintedRow {
  const d = obj as unknown as Deployment;
  const status = d.status ?? {};
  const [names, images] = containerCells(d.spec?.template?.spec?.containers);
  return {
    cells: [
      d.metadata?.name ?? '',
      `${status.readyReplicas ?? 0}/${desired(d.spec)}`,
      status.updatedReplicas ?? 0,
      status.availableReplicas ?? 0,
      since(d.metadata?.creationTimestamp, now),
      names,
      images,
      // printDeployment prints the selector bare: "" (not "<none>") when there is none.
      selectorString(d.spec?.selector as LabelSelectorSpec | undefined, '<invalid>'),
    ],
  };
}

const replicaSetColumns = Object.freeze([
  NAME_COLUMN,
  column(
    'Desired',
    'integer',
    'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
  ),
  column(
    'Current',
    'integer',
    'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
  ),
  column('Ready', 'integer', 'readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.'),
  AGE_COLUMN,
  wide('Containers', CONTAINERS_DOC),
  wide('Images', IMAGES_DOC),
  wide('Selector', SELECTOR_DOC_RS),
]);

function replicaSetRow(obj: KubeObject, now: Date): PrintedRow {
  const rs = obj as unknown as ReplicaSet;
  const status = rs.status;
  const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
  return {
    cells: [
      rs.metadata?.name ?? '',
      desired(rs.spec),
      status?.replicas ?? 0,
      status?.readyReplicas ?? 0,
      since(rs.metadata?.creationTimestamp, now),
      names,
      images,
      formatSelector(rs.spec?.selector as LabelSelectorSpec | undefined),
    ],
  };
}

export const deploymentPrinter: Printer = { columns: deploymentColumns, row: deploymentRow };
export const replicaSetPrinter: Printer = { columns: replicaSetColumns, row: replicaSetRow };
