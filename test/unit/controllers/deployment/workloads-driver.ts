// Drives both reconcilers over the in-memory store the way the pipeline would (every
// Deployment key, then every ReplicaSet key, until a round writes nothing), with a
// "kubelet" that turns pods ready one at a time, so tests can check a rollout's
// guarantees between any two steps.
import { deploymentController } from '../../../../lib/controllers/deployment/controller.ts';
import { replicaSetController } from '../../../../lib/controllers/replicaset/controller.ts';
import type { Reconciler } from '../../../../lib/pipeline/reconciler.ts';
import type { RegistryContext } from '../../../../lib/registry/generic/context.ts';
import type { KubeObject } from '../../../../lib/storage/object-store.ts';
import type { TestApi } from '../../../support/test-api.ts';
import { markReady, pods, RSS, signal } from '../replicaset/controller-support.ts';

export const DEPLOYMENTS = { group: 'apps', resource: 'deployments' };

export function deploymentManifest(name: string, replicas: number, image: string, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } },
      ...extra,
    },
  };
}

const isReady = (p: KubeObject) => ((p['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

export class Workloads {
  readonly ctx: RegistryContext;
  readonly rs: Reconciler;
  readonly deployments: Reconciler;

  constructor(readonly api: TestApi) {
    this.ctx = api.ctx;
    this.rs = replicaSetController(api.ctx);
    this.deployments = deploymentController(api.ctx);
  }

  async step(): Promise<void> {
    for (const d of (await this.ctx.store.list(DEPLOYMENTS, { namespace: 'default' })).items) {
      await this.deployments.reconcile({ group: 'apps', resource: 'deployments', namespace: 'default', name: d.metadata.name! }, signal);
    }
    for (const rs of (await this.ctx.store.list(RSS, { namespace: 'default' })).items) {
      await this.rs.reconcile({ group: 'apps', resource: 'replicasets', namespace: 'default', name: rs.metadata.name! }, signal);
    }
  }

  /** Steps until a whole round writes nothing. */
  async settle(maxRounds = 30): Promise<void> {
    for (let i = 0; i < maxRounds; i++) {
      const before = await this.ctx.store.currentRevision();
      await this.step();
      if ((await this.ctx.store.currentRevision()) === before) return;
    }
    throw new Error('workloads did not settle');
  }

  /** Active (not terminating) pods whose labels include `labels`. */
  async activePods(labels: Record<string, string>): Promise<KubeObject[]> {
    return (await pods(this.ctx)).filter((p) => !p.metadata.deletionTimestamp && Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v));
  }

  async readyPods(labels: Record<string, string>): Promise<KubeObject[]> {
    return (await this.activePods(labels)).filter(isReady);
  }

  /** Turns up to `count` not-ready pods ready; returns how many. */
  async startPods(count = Infinity): Promise<number> {
    let started = 0;
    for (const p of await pods(this.ctx)) {
      if (started >= count) break;
      if (p.metadata.deletionTimestamp || isReady(p)) continue;
      await markReady(this.ctx, p.metadata.name!);
      started++;
    }
    return started;
  }

  async deployment(name: string): Promise<KubeObject> {
    return this.ctx.store.get({ resource: DEPLOYMENTS, namespace: 'default', name });
  }

  async replicaSets(): Promise<KubeObject[]> {
    return (await this.ctx.store.list(RSS, { namespace: 'default' })).items;
  }

  /** Every desired pod updated and available, for the current generation. */
  async complete(name: string): Promise<boolean> {
    const d = await this.deployment(name);
    const s = (d['status'] ?? {}) as Record<string, number | undefined>;
    const want = (d['spec'] as { replicas: number }).replicas;
    return s['updatedReplicas'] === want && s['replicas'] === want && s['availableReplicas'] === want && (s['observedGeneration'] ?? 0) >= (d.metadata.generation ?? 0);
  }

  /** Settles with every pod started: the rollout's end state. */
  async rollOut(name: string, maxRounds = 40): Promise<void> {
    for (let i = 0; i < maxRounds; i++) {
      await this.settle();
      await this.startPods();
      await this.settle();
      if (await this.complete(name)) return;
    }
    throw new Error(`${name} did not complete`);
  }
}
