// In-memory ObjectStore for unit tests only. It must pass the same contract suite as the
// DynamoDB store (test/contract), so unit tests that use it are testing real semantics.
import { AlreadyExistsError, ConflictError, NotFoundError, type GroupResource } from '../api/errors.ts';
import type { Clock } from '../core/clock.ts';
import type { IdSource } from '../core/ids.ts';
import { decodeContinue, encodeContinue } from './continue-token.ts';
import { keyOf, namespacePrefix, partitionKey, sortKey } from './item-keys.ts';
import { encodeObject, preconditionMismatch, selects } from './list-filter.ts';
import { stampCreate, stampUpdate } from './object-rules.ts';
import type { ChangeEntry, ChangeLog } from './change-log.ts';
import type { KubeObject, ListOptions, ListResult, ObjectKey, ObjectStore, Preconditions } from './object-store.ts';
import { expiryFor, isExpired, kubeTtlPolicy, type TtlPolicy } from './object-ttl.ts';

export class MemoryStore implements ObjectStore {
  private revision = 0n;
  // partition key -> sort key -> serialised object (serialised so callers never share references)
  private readonly partitions = new Map<string, Map<string, string>>();
  // "<partition key>|<sort key>" -> expiresAt (epoch seconds), for objects the TTL policy expires
  private readonly expiries = new Map<string, number>();

  /** With a change log, every write is logged at once (the DynamoDB store's log comes from its stream). */
  constructor(private readonly deps: { clock: Clock; ids: IdSource; changeLog?: ChangeLog; ttl?: TtlPolicy }) {}

  async get(key: ObjectKey): Promise<KubeObject> {
    return this.read(key);
  }

  async list(resource: GroupResource, options: ListOptions = {}): Promise<ListResult> {
    const start = options.continue ? decodeContinue(options.continue) : undefined;
    const resourceVersion = start?.resourceVersion ?? (options.skipRevision ? '' : this.revision.toString());
    const prefix = options.namespace ? namespacePrefix(options.namespace) : '';
    this.dropExpired(resource);
    const keys = [...this.partition(resource).keys()]
      .filter((k) => k.startsWith(prefix) && (!start || k > start.after))
      .sort();
    const items: KubeObject[] = [];
    let lastKey = '';
    for (const [i, k] of keys.entries()) {
      const obj = JSON.parse(this.partition(resource).get(k)!) as KubeObject;
      if (!selects(options, obj)) continue;
      items.push(obj);
      lastKey = k;
      if (options.limit && items.length === options.limit) {
        const more = keys.slice(i + 1).some((rest) => selects(options, JSON.parse(this.partition(resource).get(rest)!)));
        return more ? { items, resourceVersion, continue: encodeContinue({ resourceVersion, after: lastKey }) } : { items, resourceVersion };
      }
    }
    return { items, resourceVersion };
  }

  async create(resource: GroupResource, obj: KubeObject): Promise<KubeObject> {
    const key = keyOf(resource, obj.metadata);
    const sk = sortKey(key.namespace, key.name);
    this.dropExpired(resource);
    if (this.partition(resource).has(sk)) throw new AlreadyExistsError(resource, key.name);
    const stored = stampCreate(obj, { revision: this.revision + 1n, uid: this.deps.ids.uid(), now: this.deps.clock.now() });
    const json = encodeObject(stored);
    this.revision += 1n;
    this.partition(resource).set(sk, json);
    this.setExpiry(resource, sk);
    await this.log({ revision: this.revision, type: 'ADDED', resource: `${resource.group}/${resource.resource}`, namespace: key.namespace, object: stored });
    return stored;
  }

  // The basis saves the DynamoDB store a read; reading here costs nothing, so it is unused.
  async update(resource: GroupResource, obj: KubeObject, _basis?: KubeObject): Promise<KubeObject> {
    const key = keyOf(resource, obj.metadata);
    // Read and write with no await between them: that is this store's atomic conditional write.
    const current = this.read(key);
    const expected = obj.metadata.resourceVersion || current.metadata.resourceVersion;
    if (expected !== current.metadata.resourceVersion) throw new ConflictError(resource, key.name);
    const stored = stampUpdate(obj, current, this.revision + 1n);
    const json = encodeObject(stored);
    this.revision += 1n;
    this.partition(resource).set(sortKey(key.namespace, key.name), json);
    this.setExpiry(resource, sortKey(key.namespace, key.name));
    await this.log({ revision: this.revision, type: 'MODIFIED', resource: `${resource.group}/${resource.resource}`, namespace: key.namespace, object: stored, old: current });
    return stored;
  }

  // As for update, the basis only saves the DynamoDB store a read.
  async delete(key: ObjectKey, preconditions?: Preconditions, _basis?: KubeObject): Promise<KubeObject> {
    const current = this.read(key);
    const mismatch = preconditionMismatch(current, preconditions);
    if (mismatch) throw new ConflictError(key.resource, key.name, mismatch);
    this.revision += 1n;
    this.partition(key.resource).delete(sortKey(key.namespace, key.name));
    this.expiries.delete(`${partitionKey(key.resource)}|${sortKey(key.namespace, key.name)}`);
    const tombstone = { ...current, metadata: { ...current.metadata, resourceVersion: this.revision.toString() } };
    await this.log({ revision: this.revision, type: 'DELETED', resource: `${key.resource.group}/${key.resource.resource}`, namespace: key.namespace, object: tombstone });
    return current;
  }

  async currentRevision(): Promise<string> {
    return this.revision.toString();
  }

  private async log(entry: ChangeEntry): Promise<void> {
    await this.deps.changeLog?.append([entry]);
  }

  /** Every write renews the deadline, as in the DynamoDB store. */
  private setExpiry(resource: GroupResource, sk: string): void {
    const expiresAt = expiryFor(this.deps.ttl ?? kubeTtlPolicy, resource, this.deps.clock.now());
    if (expiresAt === undefined) this.expiries.delete(`${partitionKey(resource)}|${sk}`);
    else this.expiries.set(`${partitionKey(resource)}|${sk}`, expiresAt);
  }

  /** Expired objects are simply absent (DynamoDB's TTL removal, done at once). */
  private dropExpired(resource: GroupResource): void {
    const pk = partitionKey(resource);
    const now = this.deps.clock.now();
    for (const [k, expiresAt] of this.expiries) {
      if (!k.startsWith(`${pk}|`) || !isExpired(expiresAt, now)) continue;
      this.expiries.delete(k);
      this.partition(resource).delete(k.slice(pk.length + 1));
    }
  }

  private read(key: ObjectKey): KubeObject {
    this.dropExpired(key.resource);
    const json = this.partition(key.resource).get(sortKey(key.namespace, key.name));
    if (json === undefined) throw new NotFoundError(key.resource, key.name);
    return JSON.parse(json) as KubeObject;
  }

  private partition(resource: GroupResource): Map<string, string> {
    const pk = partitionKey(resource);
    let p = this.partitions.get(pk);
    if (!p) this.partitions.set(pk, (p = new Map()));
    return p;
  }
}
