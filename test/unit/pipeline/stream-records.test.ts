// Stream records that are not changes: TTL removals (of tombstones and of expired Events),
// and a create over an expired Event, which is a new object rather than an update.
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { changeFromRecord } from '../../../lib/pipeline/stream-records.ts';

function item(name: string, uid: string, rv: number, extra: Record<string, unknown> = {}) {
  const obj = { apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default', uid, resourceVersion: String(rv) } };
  return marshall({ pk: 'o#/events', sk: `default/${name}`, rv, obj: JSON.stringify(obj), expiresAt: 1_800_000_000, ...extra });
}

function record(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', images: { old?: ReturnType<typeof item>; new?: ReturnType<typeof item> }): DynamoDBRecord {
  return { eventName, dynamodb: { Keys: marshall({ pk: 'o#/events', sk: 'default/e' }) as never, OldImage: images.old as never, NewImage: images.new as never } };
}

describe('changeFromRecord and expiry', () => {
  it('ignores TTL removals, of an expired Event as of a tombstone', () => {
    expect(changeFromRecord(record('REMOVE', { old: item('e', 'u1', 5) }))).toBeUndefined();
    expect(changeFromRecord(record('REMOVE', { old: item('e', 'u1', 6, { deleted: true }) }))).toBeUndefined();
  });

  it('reads a create over an expired Event as an addition at its own revision', () => {
    const change = changeFromRecord(record('MODIFY', { old: item('e', 'u1', 5), new: item('e', 'u2', 9) }))!;
    expect(change.old).toBeUndefined();
    expect(change.new?.metadata.uid).toBe('u2');
    expect(change.rv).toBe('9');
  });

  it('still reads an update of the same object as an update', () => {
    const change = changeFromRecord(record('MODIFY', { old: item('e', 'u1', 5), new: item('e', 'u1', 6) }))!;
    expect(change.old?.metadata.uid).toBe('u1');
    expect(change.new?.metadata.resourceVersion).toBe('6');
  });
});
