// Which Events a step of a pod's life produces, with kubelet v1.32's reasons and messages
// (pkg/kubelet/events, kuberuntime_container.go, images/image_manager.go, prober.go).
// Events come from transitions only — a start, a stop, entering back-off, a failed probe —
// never from a sync that changes nothing, so a steady pod writes no Events. Pure: the pod
// worker hands the result to the event recorder.
import type { Container } from 'kubernetes-types/core/v1';
import type { ProbeKind } from './probe-tracker.ts';

export interface PodEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** involvedObject.fieldPath: `spec.containers{name}` / `spec.initContainers{name}`. */
  fieldPath: string;
}

export interface ContainerRef {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  init: boolean;
}

/** How a start attempt ended, as the pod worker learned it (container-start.ts's outcomes). */
export type StartResult =
  | { kind: 'running' }
  | { kind: 'config-error'; message: string }
  | { kind: 'cannot-run'; message: string };

export function containerRef(container: Container, init: boolean): ContainerRef {
  return { name: container.name, image: container.image, imagePullPolicy: container.imagePullPolicy, init };
}

export function fieldPathOf(c: Pick<ContainerRef, 'name' | 'init'>): string {
  return `${c.init ? 'spec.initContainers' : 'spec.containers'}{${c.name}}`;
}

function event(c: ContainerRef, type: PodEvent['type'], reason: string, message: string): PodEvent {
  return { type, reason, message, fieldPath: fieldPathOf(c) };
}

/**
 * The image step. skiff's runtimes keep no image store (simulated runs nothing, process
 * runs host commands), so every image counts as present: kubelet then says so, except
 * under imagePullPolicy Always, where it pulls every time — here a pull that takes no time.
 */
export function imageEvents(c: ContainerRef): PodEvent[] {
  const image = JSON.stringify(c.image ?? '');
  if (c.imagePullPolicy === 'Always') {
    return [
      event(c, 'Normal', 'Pulling', `Pulling image ${image}`),
      event(c, 'Normal', 'Pulled', `Successfully pulled image ${image} in 0s (0s including waiting). Image size: 0 bytes.`),
    ];
  }
  return [event(c, 'Normal', 'Pulled', `Container image ${image} already present on machine`)];
}

/**
 * One start attempt: the image, then creation and start. A configuration error (a missing
 * ConfigMap key) stops kubelet before the container exists; a runtime that cannot run the
 * command fails after creating it.
 */
export function startEvents(c: ContainerRef, result: StartResult): PodEvent[] {
  const out = imageEvents(c);
  if (result.kind === 'config-error') return [...out, event(c, 'Warning', 'Failed', `Error: ${result.message}`)];
  out.push(event(c, 'Normal', 'Created', `Created container: ${c.name}`));
  if (result.kind === 'cannot-run') return [...out, event(c, 'Warning', 'Failed', `Error: ${result.message}`)];
  return [...out, event(c, 'Normal', 'Started', `Started container ${c.name}`)];
}

/** kubelet's format.Pod: `name_namespace(uid)`. */
export function podWho(pod: { name: string; namespace: string; uid: string }): string {
  return `${pod.name}_${pod.namespace}(${pod.uid})`;
}

/** Entering crash-loop back-off (once per exit; repeats aggregate into one Event's count). */
export function backOffEvent(c: ContainerRef, who: string): PodEvent {
  return event(c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${who}`);
}

/** A stop the agent asked for: deletion, or a probe that demands a restart. */
export function killingEvent(c: ContainerRef, failedProbe?: ProbeKind): PodEvent {
  const message = failedProbe ? `Container ${c.name} failed ${failedProbe} probe, will be restarted` : `Stopping container ${c.name}`;
  return event(c, 'Normal', 'Killing', message);
}

const PROBE_NAMES: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

/**
 * One failed probe run. kubelet appends the probe's output (the command's output, the
 * HTTP status, the dial error); skiff's runtimes report only pass or fail, so the output
 * part is empty, as kubelet's is for an exec probe that printed nothing.
 */
export function unhealthyEvent(c: ContainerRef, kind: ProbeKind, output = ''): PodEvent {
  return event(c, 'Warning', 'Unhealthy', `${PROBE_NAMES[kind]} probe failed: ${output}`);
}
