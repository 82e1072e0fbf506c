// ObjectStore on one DynamoDB table (ARCHITECTURE.md, "Key design"). Every write is
// two steps: allocate a revision from the counter item, then a conditional put that
// carries it. A deletion leaves a short-lived tombstone rather than removing the item so
// that the stream record of a delete carries the deletion's own revision.
import { ConditionalCheckFailedException, TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand,
  type QueryCommandInput, type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError, ConflictError, NotFoundError, type GroupResource } from '../api/errors.ts';
import { equalityRequirement } from '../api/selectors/field-selector.ts';
import type { Clock } from '../core/clock.ts';
import type { IdSource } from '../core/ids.ts';
import { decodeContinue, encodeContinue } from './continue-token.ts';
import { DynamoRevisionCounter } from './dynamo-revision-counter.ts';
import { keyOf, namespacePrefix, nodeIndexKey, partitionKey, sortKey } from './item-keys.ts';
import { encodeObject, preconditionMismatch, selects } from './list-filter.ts';
import { stampCreate, stampUpdate } from './object-rules.ts';
import type { KubeObject, ListOptions, ListResult, ObjectKey, ObjectStore, Preconditions } from './object-store.ts';
import { RevisionAllocator } from './revision-allocator.ts';
import { NODE_INDEX } from './table-definition.ts';
import type { ChangeLog } from './change-log.ts';
import { epochSeconds, expiryFor, isExpired, kubeTtlPolicy, type TtlPolicy } from './object-ttl.ts';

export interface DynamoStoreDeps {
  client: DynamoDBClient;
  tableName: string;
  clock: Clock;
  ids: IdSource;
  /** How long a deletion tombstone outlives the object, for stream consumers and watches. */
  tombstoneSeconds?: number;
  /** Told about revisions that were allocated but whose write failed, so watches skip them at once. */
  changeLog?: ChangeLog;
  /** Which objects expire after each write (default: Events after an hour, as kube). */
  ttl?: TtlPolicy;
}

interface ObjectItem {
  pk: string;
  sk: string;
  rv: number;
  obj: string;
  nodeKey?: string;
  deleted?: boolean;
  expiresAt?: number;
}

const MAX_DELETE_ATTEMPTS = 5;

/** One extra write of a transaction, without its table name (the store fills it in). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export class ExtraConditionFailed extends Error {
  constructor(readonly index: number) {
    super(`transaction item ${index} failed its condition`);
  }
}

function withTable(item: TransactItem, table: string): TransactItem {
  const [kind, body] = Object.entries(item)[0] as [string, Record<string, unknown>];
  return { [kind]: { ...body, TableName: table } } as TransactItem;
}

export class DynamoStore implements ObjectStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly counter: DynamoRevisionCounter;
  /** Concurrent writers in this process share requests to the counter. */
  private readonly revisions: RevisionAllocator;

  get tableName(): string {
    return this.table;
  }

  constructor(private readonly deps: DynamoStoreDeps) {
    this.doc = DynamoDBDocumentClient.from(deps.client);
    this.table = deps.tableName;
    this.counter = new DynamoRevisionCounter(this.doc, this.table);
    this.revisions = new RevisionAllocator((n) => this.counter.add(n));
  }

  async get(key: ObjectKey): Promise<KubeObject> {
    const item = await this.readItem(key);
    if (!this.isLive(item)) throw new NotFoundError(key.resource, key.name);
    return JSON.parse(item.obj) as KubeObject;
  }

  async list(resource: GroupResource, options: ListOptions = {}): Promise<ListResult> {
    const start = options.continue ? decodeContinue(options.continue) : undefined;
    const resourceVersion = start?.resourceVersion ?? (options.skipRevision ? '' : await this.currentRevision());
    const node = options.fieldSelector ? equalityRequirement(options.fieldSelector, 'spec.nodeName') : undefined;
    const query = this.listQuery(resource, options.namespace, node || undefined);
    const items: KubeObject[] = [];
    let exclusiveStart = start ? this.startKey(resource, start.after, node || undefined) : undefined;
    for (;;) {
      const page = await this.doc.send(new QueryCommand({ ...query, ExclusiveStartKey: exclusiveStart }));
      const pageItems = (page.Items ?? []) as ObjectItem[];
      for (const [i, item] of pageItems.entries()) {
        const obj = JSON.parse(item.obj) as KubeObject;
        if (!selects(options, obj)) continue;
        items.push(obj);
        if (options.limit && items.length === options.limit) {
          const more = i < pageItems.length - 1 || page.LastEvaluatedKey !== undefined;
          return more ? { items, resourceVersion, continue: encodeContinue({ resourceVersion, after: item.sk }) } : { items, resourceVersion };
        }
      }
      if (!page.LastEvaluatedKey) return { items, resourceVersion };
      exclusiveStart = page.LastEvaluatedKey;
    }
  }

  async create(resource: GroupResource, obj: KubeObject): Promise<KubeObject> {
    const key = keyOf(resource, obj.metadata);
    encodeObject(obj); // refuse an oversize object before spending a revision on it
    const revision = await this.revisions.next();
    const stored = stampCreate(obj, { revision, uid: this.deps.ids.uid(), now: this.deps.clock.now() });
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table,
        Item: this.itemFor(resource, stored, revision),
        // A tombstone or an expired object (not yet removed by TTL) gives up its name.
        ConditionExpression: 'attribute_not_exists(pk) OR deleted = :true OR expiresAt <= :now',
        ExpressionAttributeValues: { ':true': true, ':now': this.nowSeconds() },
      }));
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) {
        await this.abandoned(revision);
        throw new AlreadyExistsError(resource, key.name);
      }
      throw err;
    }
    return stored;
  }

  async update(resource: GroupResource, obj: KubeObject, basis?: KubeObject): Promise<KubeObject> {
    const { key, expected, revision, stored } = await this.prepareUpdate(resource, obj, basis);
    await this.conditionalPut(key, this.itemFor(resource, stored, revision), expected, revision);
    return stored;
  }

  /**
   * An update committed atomically with other writes (e.g. a node's resource accounting):
   * one transaction, conditional on the object's revision and on the extra items' own
   * conditions. Throws ConflictError when the object moved, and ExtraConditionFailed when
   * one of the extra items' conditions failed (index into `extra`).
   */
  async updateInTransaction(resource: GroupResource, obj: KubeObject, extra: TransactItem[], basis?: KubeObject): Promise<KubeObject> {
    const { key, expected, revision, stored } = await this.prepareUpdate(resource, obj, basis);
    try {
      await this.doc.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.table, Item: this.itemFor(resource, stored, revision), ConditionExpression: 'rv = :expected AND attribute_not_exists(deleted)', ExpressionAttributeValues: { ':expected': Number(expected) } } },
          ...extra.map((e) => withTable(e, this.table)),
        ],
      }));
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      await this.abandoned(revision);
      const reasons = err.CancellationReasons ?? [];
      const failedExtra = reasons.slice(1).findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (reasons[0]?.Code === 'ConditionalCheckFailed' || failedExtra < 0) throw new ConflictError(resource, key.name);
      throw new ExtraConditionFailed(failedExtra);
    }
    return stored;
  }

  async delete(key: ObjectKey, preconditions?: Preconditions, basis?: KubeObject): Promise<KubeObject> {
    // Without preconditions a delete must not fail just because someone else wrote first.
    for (let attempt = 1; ; attempt++) {
      const current = await this.currentAt(key, preconditions?.resourceVersion, basis);
      const mismatch = preconditionMismatch(current, preconditions);
      if (mismatch) throw new ConflictError(key.resource, key.name, mismatch);
      const revision = await this.revisions.next();
      const tombstone: KubeObject = { ...current, metadata: { ...current.metadata, resourceVersion: revision.toString() } };
      const item: ObjectItem = {
        pk: partitionKey(key.resource),
        sk: sortKey(key.namespace, key.name),
        rv: Number(revision),
        obj: JSON.stringify(tombstone),
        deleted: true,
        expiresAt: Math.floor(this.deps.clock.now().getTime() / 1000) + (this.deps.tombstoneSeconds ?? 3600),
      };
      try {
        await this.conditionalPut(key, item, current.metadata.resourceVersion!, revision);
        return current;
      } catch (err) {
        if (!(err instanceof ConflictError) || preconditions?.resourceVersion || attempt >= MAX_DELETE_ATTEMPTS) throw err;
      }
    }
  }

  async currentRevision(): Promise<string> {
    return (await this.counter.read()).toString();
  }

  /** The checks and stamping every update shares: precondition, size, a new revision. */
  private async prepareUpdate(resource: GroupResource, obj: KubeObject, basis?: KubeObject) {
    const key = keyOf(resource, obj.metadata);
    const current = await this.currentAt(key, obj.metadata.resourceVersion, basis);
    const expected = obj.metadata.resourceVersion || current.metadata.resourceVersion!;
    if (expected !== current.metadata.resourceVersion) throw new ConflictError(resource, key.name);
    encodeObject(obj);
    const revision = await this.revisions.next();
    return { key, expected, revision, stored: stampUpdate(obj, current, revision) };
  }

  /**
   * The stored object, or the caller's basis when it is at the revision the write names:
   * that is what the conditional write will find (revisions are never reused), or the
   * write fails, so reading the item again would only cost a request.
   */
  private async currentAt(key: ObjectKey, named: string | undefined, basis: KubeObject | undefined): Promise<KubeObject> {
    return named && basis?.metadata.resourceVersion === named ? basis : this.get(key);
  }

  /** Only a definite conditional failure is marked: after any other error the write may have landed. */
  private async abandoned(revision: bigint): Promise<void> {
    await this.deps.changeLog?.append([{ revision, type: 'GAP' }]).catch(() => undefined);
  }

  private async conditionalPut(key: ObjectKey, item: ObjectItem, expectedRevision: string, revision: bigint): Promise<void> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table,
        Item: item,
        ConditionExpression: 'rv = :expected AND attribute_not_exists(deleted) AND (attribute_not_exists(expiresAt) OR expiresAt > :now)',
        ExpressionAttributeValues: { ':expected': Number(expectedRevision), ':now': this.nowSeconds() },
      }));
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      await this.abandoned(revision);
      const now = await this.readItem(key);
      if (!this.isLive(now)) throw new NotFoundError(key.resource, key.name);
      throw new ConflictError(key.resource, key.name);
    }
  }

  private itemFor(resource: GroupResource, obj: KubeObject, revision: bigint): ObjectItem {
    const item: ObjectItem = {
      pk: partitionKey(resource),
      sk: sortKey(obj.metadata.namespace, obj.metadata.name ?? ''),
      rv: Number(revision),
      obj: encodeObject(obj),
    };
    const nodeName = (obj['spec'] as { nodeName?: unknown } | undefined)?.nodeName;
    if (typeof nodeName === 'string' && nodeName) item.nodeKey = nodeIndexKey(resource, nodeName);
    // Every write renews the deadline, as kube renews an Event's lease on update.
    const expiresAt = expiryFor(this.deps.ttl ?? kubeTtlPolicy, resource, this.deps.clock.now());
    if (expiresAt !== undefined) item.expiresAt = expiresAt;
    return item;
  }

  /** An object that exists: neither a tombstone nor past its TTL. */
  private isLive(item: ObjectItem | undefined): item is ObjectItem {
    return item !== undefined && !item.deleted && !isExpired(item.expiresAt, this.deps.clock.now());
  }

  private nowSeconds(): number {
    return epochSeconds(this.deps.clock.now());
  }

  private async readItem(key: ObjectKey): Promise<ObjectItem | undefined> {
    const res = await this.doc.send(new GetCommand({
      TableName: this.table,
      Key: { pk: partitionKey(key.resource), sk: sortKey(key.namespace, key.name) },
      ConsistentRead: true,
    }));
    return res.Item as ObjectItem | undefined;
  }

  private listQuery(resource: GroupResource, namespace: string | undefined, node: string | undefined): QueryCommandInput {
    const hashName = node ? 'nodeKey' : 'pk';
    const hashValue = node ? nodeIndexKey(resource, node) : partitionKey(resource);
    const values: Record<string, unknown> = { ':h': hashValue, ':now': this.nowSeconds() };
    let condition = `${hashName} = :h`;
    if (namespace) {
      condition += ' AND begins_with(sk, :prefix)';
      values[':prefix'] = namespacePrefix(namespace);
    }
    return {
      TableName: this.table,
      IndexName: node ? NODE_INDEX : undefined,
      KeyConditionExpression: condition,
      FilterExpression: 'attribute_not_exists(deleted) AND (attribute_not_exists(expiresAt) OR expiresAt > :now)',
      ExpressionAttributeValues: values,
      // Index reads cannot be strongly consistent; node agents poll, so a lag only delays.
      ConsistentRead: node ? undefined : true,
    };
  }

  private startKey(resource: GroupResource, after: string, node: string | undefined): Record<string, string> {
    const key: Record<string, string> = { pk: partitionKey(resource), sk: after };
    if (node) key['nodeKey'] = nodeIndexKey(resource, node);
    return key;
  }
}
