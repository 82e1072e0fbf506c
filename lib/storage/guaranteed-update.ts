// Read-modify-write that survives races: re-read and retry on conflict, like
// kube-apiserver's GuaranteedUpdate. A mutation that changes nothing writes nothing.
import { isDeepStrictEqual } from 'node:util';
import { ConflictError } from '../api/errors.ts';
import type { KubeObject, ObjectKey, ObjectStore } from './object-store.ts';

/**
 * How many conflicting writes a read-modify-write outlasts. kube retries until it lands;
 * a bound keeps a pathological writer from holding a Lambda to its timeout.
 */
export const CONFLICT_RETRY_LIMIT = 16;

export type TryUpdate = (current: KubeObject) => KubeObject | Promise<KubeObject>;

export async function guaranteedUpdate(
  store: ObjectStore,
  key: ObjectKey,
  tryUpdate: TryUpdate,
  maxAttempts = CONFLICT_RETRY_LIMIT,
): Promise<KubeObject> {
  for (let attempt = 1; ; attempt++) {
    const current = await store.get(key);
    const next = await tryUpdate(structuredClone(current));
    if (isDeepStrictEqual(next, current)) return current;
    const pinned: KubeObject = { ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } };
    try {
      return await store.update(key.resource, pinned, current);
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= maxAttempts) throw err;
    }
  }
}
