// `kubectl get pods`: kube's printPod. The STATUS column is not a stored field but a
// summary kube derives from the phase, the init containers' progress and the first
// container with something to report; users read CrashLoopBackOff, Init:0/1 and
// Terminating from it, so the precedence below follows kube's rule for rule.
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../storage/object-store.ts';
import { AGE_COLUMN, NAME_COLUMN, column, wide } from './columns.ts';
import { humanDuration, parseTimestamp, since } from './human-duration.ts';
import type { PrintedRow, Printer, TableRowCondition } from './types.ts';

const columns = Object.freeze([
  NAME_COLUMN,
  column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'string', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  AGE_COLUMN,
  wide('IP', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.'),
  wide('Node', 'NodeName is a request to schedule this pod onto a specific node. If it is non-empty, the scheduler simply schedules this pod onto that node, assuming that it fits resource requirements.'),
  wide(
    'Nominated Node',
    'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
  ),
  wide(
    'Readiness Gates',
    'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
  ),
]);

/** Finished pods are flagged so clients can tell them apart without parsing STATUS. */
function completed(phase: string | undefined): TableRowCondition[] | undefined {
  if (phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
  if (phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  return undefined;
}

/** Restarts summed over some containers, with the latest time one of them last ended. */
class Restarts {
  count = 0;
  last: number | undefined;

  add(cs: ContainerStatus): void {
    this.count += cs.restartCount ?? 0;
    // A termination without finishedAt cannot date the restart; kube skips it too.
    const finished = parseTimestamp(cs.lastState?.terminated?.finishedAt);
    if (finished !== undefined && (this.last === undefined || finished > this.last)) this.last = finished;
  }

  copy(): Restarts {
    const r = new Restarts();
    r.count = this.count;
    r.last = this.last;
    return r;
  }

  /** "3", or "3 (5m ago)" once a restart can be dated. */
  text(now: Date): string {
    if (this.count === 0 || this.last === undefined) return String(this.count);
    return `${this.count} (${humanDuration(now.getTime() - this.last)} ago)`;
  }
}

function conditionTrue(conditions: readonly PodCondition[], type: string): boolean {
  return conditions.some((c) => c.type === type && c.status === 'True');
}

/** A terminated container with no reason is described by its signal, else its exit code. */
function terminationText(t: { signal?: number; exitCode?: number }): string {
  return t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
}

interface Summary {
  ready: number;
  total: number;
  reason: string;
  restarts: Restarts;
}

function summarize(pod: Pod): Summary {
  const status = pod.status ?? {};
  const conditions = status.conditions ?? [];
  const initSpecs = pod.spec?.initContainers ?? [];
  // Sidecars (restartable init containers) keep running beside the app containers, so
  // they count toward READY and their restarts stay in the total once the pod is up.
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const total = (pod.spec?.containers ?? []).length + sidecars.size;
  let ready = 0;

  let reason = status.reason || status.phase || '';
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const all = new Restarts();
  const sidecarOnly = new Restarts();
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, cs] of initStatuses.entries()) {
    all.add(cs);
    const isSidecar = sidecars.has(cs.name);
    if (isSidecar) sidecarOnly.add(cs);
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (isSidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    // The first init container neither done nor a started sidecar is where the pod is stuck.
    initializing = true;
    if (terminated) reason = `Init:${terminated.reason || terminationText(terminated)}`;
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    break;
  }

  let restarts = all;
  if (!initializing || conditionTrue(conditions, 'Initialized')) {
    // Once initialised, finished init containers' restarts are history; sidecars' are not.
    restarts = sidecarOnly.copy();
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Walked backwards so the first container with a waiting/terminated reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      if (!cs) continue;
      restarts.add(cs);
      const waiting = cs.state?.waiting;
      const terminated = cs.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) reason = terminationText(terminated);
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    // One container finished while another still runs: the pod is not "Completed".
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(conditions, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp) {
    const phase = status.phase;
    // A pod on an unreachable node cannot confirm it is going away.
    if (status.reason === 'NodeLost') reason = 'Unknown';
    // A finished pod keeps its final status while it is garbage-collected.
    else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  }
  return { ready, total, reason, restarts };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const passing = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${passing}/${gates.length}`;
}

function podRow(obj: KubeObject, now: Date): PrintedRow {
  const pod = obj as unknown as Pod;
  const s = summarize(pod);
  // Older objects may carry only podIP; kube's conversion fills podIPs from it.
  const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
  const row: PrintedRow = {
    cells: [
      pod.metadata?.name ?? '',
      `${s.ready}/${s.total}`,
      s.reason,
      s.restarts.text(now),
      since(pod.metadata?.creationTimestamp, now),
      ip,
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    ],
  };
  const conditions = completed(pod.status?.phase);
  if (conditions) row.conditions = conditions;
  return row;
}

export const podPrinter: Printer = { columns, row: podRow };
