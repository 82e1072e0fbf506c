// Reading a Deployment's ReplicaSets the way kube's deployment util does: which one is
// "new" (its template is the Deployment's, ignoring the hash label), the orders used to
// pick what to scale first, and the replica sums every rollout decision is made from.
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { specReplicas } from '../replicaset/types.ts';
import type { ReplicaSet } from '../replicaset/types.ts';
import { DESIRED_REPLICAS, revisionOf } from './annotations.ts';
import { desiredReplicas } from './fenceposts.ts';
import { canonicalJson, POD_TEMPLATE_HASH_LABEL } from './hash.ts';
import type { Deployment } from './types.ts';

function stripHash(template: PodTemplateSpec | undefined): unknown {
  if (!template) return undefined;
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...template, metadata: { ...template.metadata, labels } };
}

/** kube's EqualIgnoreHash, over the same canonical form the hash uses so the two never disagree. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return canonicalJson(stripHash(a)) === canonicalJson(stripHash(b));
}

function created(rs: ReplicaSet): number {
  const t = rs.metadata.creationTimestamp ? Date.parse(rs.metadata.creationTimestamp) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** Oldest first, name breaking ties (kube's ReplicaSetsByCreationTimestamp). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const d = created(a) - created(b);
  if (d !== 0) return d;
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Largest first; among equals the older first (where scaling down should start). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || byCreation(a, b);
}

/** Largest first; among equals the newer first (where scaling up should start). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return specReplicas(b) - specReplicas(a) || byCreation(b, a);
}

/** Lowest revision first, creation breaking ties (kube's ReplicaSetsByRevision). */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

export function filterActive(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && specReplicas(rs) > 0);
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** Desired pods: the sum of spec.replicas. */
export function specTotal(rss: readonly (ReplicaSet | undefined)[]): number {
  return sum(rss.map((rs) => (rs ? specReplicas(rs) : 0)));
}

/** Pods that exist: the sum of status.replicas. */
export function actualTotal(rss: readonly (ReplicaSet | undefined)[]): number {
  return sum(rss.map((rs) => rs?.status?.replicas ?? 0));
}

/**
 * Pods that may still be running: per ReplicaSet the larger of spec and status replicas.
 * A ReplicaSet just scaled down still has its surplus pods until its controller deletes
 * them, and one just scaled up may not have reported its new pods yet; counting either
 * way keeps the surge bound true of the pods themselves, not only of the specs.
 */
export function worstCaseTotal(rss: readonly (ReplicaSet | undefined)[]): number {
  return sum(rss.map((rs) => (rs ? Math.max(specReplicas(rs), rs.status?.replicas ?? 0) : 0)));
}

export function readyTotal(rss: readonly (ReplicaSet | undefined)[]): number {
  return sum(rss.map((rs) => rs?.status?.readyReplicas ?? 0));
}

export function availableTotal(rss: readonly (ReplicaSet | undefined)[]): number {
  return sum(rss.map((rs) => rs?.status?.availableReplicas ?? 0));
}

/**
 * Available pods that will stay: a ReplicaSet scaled below its reported availability is
 * about to delete the difference, so those pods must not count toward what may still be
 * scaled away (its status can trail its spec by one reconcile).
 */
export function availableWithinSpec(rss: readonly (ReplicaSet | undefined)[]): number {
  return sum(rss.map((rs) => (rs ? Math.min(specReplicas(rs), rs.status?.availableReplicas ?? 0) : 0)));
}

/** The oldest ReplicaSet running the Deployment's template; several can exist after races. */
export function findNewReplicaSet(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export function desiredAnnotation(rs: ReplicaSet): number | undefined {
  const raw = rs.metadata.annotations?.[DESIRED_REPLICAS];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** The new ReplicaSet runs every desired pod, was sized for this Deployment, and all are available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const replicas = desiredReplicas(d);
  return specReplicas(rs) === replicas && desiredAnnotation(rs) === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/** The only active ReplicaSet, or with none active the newest one; undefined when several are active. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = filterActive([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}
