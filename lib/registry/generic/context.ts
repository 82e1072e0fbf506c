// Everything a registry operation needs, injected once: the store, the kinds, and the
// effects (clock, ids). Built in functions/ or local/, never read from globals.
import type { Clock } from '../../core/clock.ts';
import type { IdSource } from '../../core/ids.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import type { ChangeLog } from '../../storage/change-log.ts';
import type { NodeAccounting } from '../../storage/node-accounting.ts';
import type { Registry } from '../registry.ts';
import type { NamespaceCache } from './namespace-cache.ts';

export interface RegistryContext {
  store: ObjectStore;
  registry: Registry;
  clock: Clock;
  ids: IdSource;
  /** Where watches read from; without one, watch answers 405. */
  changes?: ChangeLog;
  /** Node resource accounting: binds charge their node in the same transaction. */
  accounting?: NodeAccounting;
  /** Watch tuning: how often an idle watch reads the log, how long a missing revision is awaited. */
  watch?: { pollMs?: number; gapTimeoutMs?: number; maxSeconds?: number };
  /** Namespaces recently seen Active (admission of creates); absent, every create reads its namespace. */
  namespaces?: NamespaceCache;
  /** Where Service ClusterIPs come from (kube's --service-cluster-ip-range); default 10.96.0.0/12. */
  serviceClusterIPRange?: string;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  /** Run everything, persist nothing. */
  dryRun?: boolean;
  /** How unknown or duplicate fields are treated (kube's ?fieldValidation=). Default Ignore. */
  fieldValidation?: FieldValidation;
  /** Collects warnings (fieldValidation=Warn) for the Warning response header. */
  warnings?: string[];
  /** Who writes, recorded in metadata.managedFields (kube's fieldManager); absent: not recorded. */
  fieldManager?: string;
  /** A tracked write through a subresource other than status (scale). */
  fieldManagerSubresource?: 'scale';
  /** The input is a server-side apply's result and already carries its managedFields. */
  applied?: boolean;
}
