// What the agent tells the apiserver about one pod (kubelet's status manager): the status
// built from the container records, submitted only when it differs from the last one
// sent, and at the end the terminal status followed by the final delete. Like kubelet it
// reports again when another writer changed its conditions later than it did (the node
// lifecycle controller marking pods not ready), so a node that comes back heals them.
import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import type { Clock } from '../core/clock.ts';
import { rfc3339 } from '../core/clock.ts';
import { isApiError, type AgentApi, type PodRef } from './agent-api.ts';
import type { ContainerRecord } from './container-record.ts';
import { KUBELET_CONDITIONS, ownConditionsDrifted } from './pod-conditions.ts';
import { buildPodStatus } from './pod-status.ts';
import { statusPatch } from './status-patch.ts';
import type { ContainerRuntime, PodSandbox } from './runtimes/runtime.ts';
import type { StatusWriter } from './status-writer.ts';

export interface StatusWrite {
  ref: PodRef;
  status: PodStatus;
}

export interface ReporterDeps {
  api: AgentApi;
  runtime: ContainerRuntime;
  clock: Clock;
  statuses: StatusWriter<StatusWrite>;
  hostIP: string;
}

/** The worker's current view of its pod, read at each report. */
export interface PodView {
  pod: Pod;
  ref: PodRef;
  records: ReadonlyMap<string, ContainerRecord>;
  sandbox: PodSandbox | undefined;
  startTime: string;
}

export class PodReporter {
  private reported: PodStatus | undefined;
  private reportedJson: string | undefined;

  constructor(private readonly deps: ReporterDeps) {}

  /** The phase this agent last reported (the API's copy may lag behind it). */
  get reportedPhase(): string | undefined {
    return this.reported?.phase;
  }

  /** A newer pod from the API: if someone else rewrote our conditions, forget what we sent so the next report goes out. */
  observe(pod: Pod): void {
    if (ownConditionsDrifted(pod.status?.conditions, this.reported?.conditions)) this.reportedJson = undefined;
  }

  /** The status as of now; submitted when it differs from the last one reported. */
  report(view: PodView, terminal: boolean): Promise<void> {
    const stored = view.pod.status?.conditions ?? [];
    const ours = this.reported?.conditions ?? stored.filter((c) => KUBELET_CONDITIONS.has(c.type));
    const previous = [...stored.filter((c) => !KUBELET_CONDITIONS.has(c.type)), ...ours];
    const status = buildPodStatus({
      pod: { ...view.pod, status: { ...view.pod.status, conditions: previous } },
      records: view.records,
      hostIP: this.deps.hostIP,
      podIP: view.sandbox?.podIP,
      startTime: view.startTime,
      terminal,
      imageId: (c) => this.deps.runtime.imageId(c),
      now: rfc3339(this.deps.clock.now()),
    });
    const json = JSON.stringify(status);
    if (json === this.reportedJson) return Promise.resolve();
    const patch = statusPatch(status, [view.pod.status, this.reported]) as PodStatus;
    this.reported = status;
    this.reportedJson = json;
    return this.deps.statuses.submit(view.ref.uid, { ref: view.ref, status: patch });
  }

  /**
   * Everything stopped: the terminal status, then the final delete. A pod already gone
   * (404) or replaced (409, the uid precondition) counts as deleted; anything else throws
   * so the worker tries again.
   */
  async finalize(view: PodView): Promise<void> {
    await this.report(view, true);
    try {
      await this.deps.api.deletePod(view.ref);
    } catch (err) {
      if (!isApiError(err, 404) && !isApiError(err, 409)) throw err;
    }
  }
}
