// The node lifecycle controller watches node health: every node change, and every node
// heartbeat, which a node agent sends by renewing the Lease of the node's name in
// kube-node-lease (kube's NodeLease design). Leases elsewhere are ordinary objects
// (leader election and the like) and are not heartbeats.
import type { WorkKey } from '../work-key.ts';
import { type Change, LEASES, NODES, changedKey, isResource, namedKey, present } from './change.ts';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export function nodeLifecycleKeys(change: Change): WorkKey[] {
  if (isResource(change, NODES)) return present([changedKey(change)]);
  if (!isResource(change, LEASES)) return [];
  const lease = change.new ?? change.old;
  if (lease?.metadata?.namespace !== NODE_LEASE_NAMESPACE) return [];
  return present([namedKey(NODES, undefined, lease.metadata.name)]);
}
