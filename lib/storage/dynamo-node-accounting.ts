// Node accounting items in the objects table: pk "@alloc", sk the node name, running totals
// (milliCpu, memory, pods), a string set of used host ports, and one attribute per pod
// charge ("charge:<uid>"). Top-level attributes, unlike entries of a map, need nothing to
// exist first, so a bind is its transaction alone, even to a node no one has bound to.
// Items written before kept their charges in a map, `charges`; those are still read and
// returned.
// The capacity check is a condition expression (DynamoDB conditions cannot add, so the
// caller's limit minus the charge is precomputed), so a bind commits only while it fits.
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { GroupResource } from '../api/errors.ts';
import { ExtraConditionFailed, type DynamoStore, type TransactItem } from './dynamo-store.ts';
import { CapacityExceededError, emptyUsage, type Capacity, type Charge, type NodeAccounting, type NodeUsage } from './node-accounting.ts';
import type { KubeObject } from './object-store.ts';

const PARTITION = '@alloc';
const CHARGE_PREFIX = 'charge:';
/** Where items written before this layout keep their charges: a map by pod uid. */
const LEGACY_CHARGES = 'charges';

export class DynamoNodeAccounting implements NodeAccounting {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string, private readonly store: DynamoStore) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async usage(node: string): Promise<NodeUsage> {
    const item = await this.read(node);
    return item ? usageOf(item) : emptyUsage();
  }

  private async read(node: string): Promise<Record<string, unknown> | undefined> {
    const res = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: PARTITION, sk: node }, ConsistentRead: true }));
    return res.Item;
  }

  async usageAll(): Promise<Map<string, NodeUsage>> {
    const out = new Map<string, NodeUsage>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({
        TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': PARTITION }, ConsistentRead: true, ExclusiveStartKey: start,
      }));
      for (const item of page.Items ?? []) out.set(item['sk'] as string, usageOf(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async bind(resource: GroupResource, boundPod: KubeObject, node: string, charge: Charge, capacity?: Capacity, basis?: KubeObject): Promise<KubeObject> {
    const uid = boundPod.metadata.uid!;
    const names: Record<string, string> = { '#charge': CHARGE_PREFIX + uid, '#charges': LEGACY_CHARGES, '#uid': uid };
    const values: Record<string, unknown> = { ':c': Number(charge.milliCpu), ':m': Number(charge.memory), ':one': 1, ':charge': encodeCharge(charge) };
    const conditions = ['attribute_not_exists(#charge)', 'attribute_not_exists(#charges.#uid)'];
    if (capacity) {
      if (charge.milliCpu > 0n) { conditions.push('(attribute_not_exists(milliCpu) OR milliCpu <= :cpuMax)'); values[':cpuMax'] = Number(capacity.milliCpu - charge.milliCpu); }
      if (charge.memory > 0n) { conditions.push('(attribute_not_exists(memory) OR memory <= :memMax)'); values[':memMax'] = Number(capacity.memory - charge.memory); }
      conditions.push('(attribute_not_exists(pods) OR pods <= :podsMax)');
      values[':podsMax'] = capacity.pods - 1;
    }
    charge.hostPorts.forEach((p, i) => { conditions.push(`(attribute_not_exists(ports) OR NOT contains(ports, :p${i}))`); values[`:p${i}`] = p; });
    let update = 'ADD milliCpu :c, memory :m, pods :one';
    if (charge.hostPorts.length) { update += ', ports :ports'; values[':ports'] = new Set(charge.hostPorts); }
    if (capacity && (charge.milliCpu > capacity.milliCpu || charge.memory > capacity.memory || capacity.pods < 1)) throw new CapacityExceededError(node);

    const extra: TransactItem = {
      Update: {
        TableName: '', Key: { pk: PARTITION, sk: node },
        UpdateExpression: `${update} SET #charge = :charge`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names, ExpressionAttributeValues: withoutUnused(values, update, conditions),
      },
    };
    try {
      return await this.store.updateInTransaction(resource, boundPod, [extra], basis);
    } catch (err) {
      if (err instanceof ExtraConditionFailed) throw new CapacityExceededError(node);
      throw err;
    }
  }

  async release(node: string, podUid: string): Promise<boolean> {
    const item = await this.read(node);
    const charge = item && chargesOf(item)[podUid];
    if (!charge) return false;
    // Where this charge is kept: its own attribute, or an entry of an older item's map.
    const legacy = typeof item[CHARGE_PREFIX + podUid] !== 'string';
    const path = legacy ? '#charges.#uid' : '#charge';
    const names: Record<string, string> = legacy ? { '#charges': LEGACY_CHARGES, '#uid': podUid } : { '#charge': CHARGE_PREFIX + podUid };
    const values: Record<string, unknown> = { ':c': -Number(charge.milliCpu), ':m': -Number(charge.memory), ':one': -1 };
    let update = `ADD milliCpu :c, memory :m, pods :one REMOVE ${path}`;
    if (charge.hostPorts.length) { update += ' DELETE ports :ports'; values[':ports'] = new Set(charge.hostPorts); }
    try {
      await this.doc.send(new UpdateCommand({
        TableName: this.tableName, Key: { pk: PARTITION, sk: node }, UpdateExpression: update,
        ConditionExpression: `attribute_exists(${path})`, ExpressionAttributeNames: names, ExpressionAttributeValues: values,
      }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false; // someone else returned it first
      throw err;
    }
  }
}

function usageOf(item: Record<string, unknown>): NodeUsage {
  return {
    milliCpu: BigInt((item['milliCpu'] as number | undefined) ?? 0), memory: BigInt((item['memory'] as number | undefined) ?? 0),
    pods: Number(item['pods'] ?? 0), hostPorts: [...((item['ports'] as Set<string> | undefined) ?? [])], charges: chargesOf(item),
  };
}

/** Every pod's charge on this item, from its own attributes and an older item's map. */
function chargesOf(item: Record<string, unknown>): Record<string, Charge> {
  const encoded: Record<string, string> = { ...((item[LEGACY_CHARGES] ?? {}) as Record<string, string>) };
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(CHARGE_PREFIX) && typeof value === 'string') encoded[name.slice(CHARGE_PREFIX.length)] = value;
  }
  return Object.fromEntries(Object.entries(encoded).map(([uid, c]) => [uid, decodeCharge(c)]));
}

function encodeCharge(c: Charge): string {
  return [c.milliCpu.toString(), c.memory.toString(), ...c.hostPorts].join('|');
}

function decodeCharge(s: string): Charge {
  const [cpu, mem, ...ports] = s.split('|');
  return { milliCpu: BigInt(cpu ?? 0), memory: BigInt(mem ?? 0), hostPorts: ports };
}

/** DynamoDB rejects expression values that the expressions do not use. */
function withoutUnused(values: Record<string, unknown>, update: string, conditions: string[]): Record<string, unknown> {
  const text = `${update} SET #charge = :charge ${conditions.join(' ')}`;
  return Object.fromEntries(Object.entries(values).filter(([k]) => new RegExp(`${k}(?![A-Za-z0-9])`).test(text)));
}
