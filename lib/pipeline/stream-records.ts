// Reads one DynamoDB stream record of the objects table as a Change. Tombstones (see
// lib/storage/dynamo-store.ts) make a delete a MODIFY whose new image is deleted; the
// store never removes an object item, so a REMOVE is always DynamoDB TTL taking away a
// tombstone or an expired Event (already invisible to reads, lib/storage/object-ttl.ts)
// and is not a change, nor are non-object items (counters, tokens, checkpoints).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { KubeObject } from '../storage/object-store.ts';

export interface StreamChange {
  resource: { group: string; resource: string };
  old?: KubeObject;
  new?: KubeObject;
  /** The revision of this change (a deletion's own revision for deletes). */
  rv: string;
}

interface Item {
  pk?: string;
  rv?: number;
  obj?: string;
  deleted?: boolean;
}

export function changeFromRecord(record: DynamoDBRecord): StreamChange | undefined {
  // Decide from the key alone: other items (accounting, counters, logs) may hold shapes
  // this decoder never needs to read.
  const keyPk = (record.dynamodb?.Keys as { pk?: { S?: string } } | undefined)?.pk?.S;
  if (keyPk !== undefined && !keyPk.startsWith('o#')) return undefined;
  const newItem = image(record.dynamodb?.NewImage);
  if (!newItem) return undefined;
  const oldItem = image(record.dynamodb?.OldImage);
  const pk = newItem.pk;
  if (!pk?.startsWith('o#')) return undefined;
  const slash = pk.indexOf('/');
  const resource = { group: pk.slice(2, slash), resource: pk.slice(slash + 1) };
  const after = !newItem.deleted ? parse(newItem.obj) : undefined;
  let before = oldItem && !oldItem.deleted ? parse(oldItem.obj) : undefined;
  // A create over an expired object the TTL had not removed yet: a new object, not an update.
  if (before && after && before.metadata?.uid !== after.metadata?.uid) before = undefined;
  if (!after && !before) return undefined;
  const rv = String(newItem.rv ?? '');
  const change: StreamChange = { resource, rv };
  if (before) change.old = before;
  if (after) change.new = after;
  return change;
}

function image(img: unknown): Item | undefined {
  return img ? (unmarshall(img as Record<string, AttributeValue>) as Item) : undefined;
}

function parse(json: string | undefined): KubeObject | undefined {
  return json ? (JSON.parse(json) as KubeObject) : undefined;
}
