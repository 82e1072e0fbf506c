// Plays the part of Lambda's DynamoDB stream event source mapping: reads every shard of
// the table's stream (a parent shard to its end before its children), hands batches to the
// same fanout handler Lambda invokes, checkpoints after each success, and on a reported
// batch item failure retries from that record.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record as StreamRecord, type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { STREAM_BATCH_SIZE } from '../../lib/pipeline/fanout-handler.ts';
import type { Logger } from '../../lib/pipeline/queue-handler.ts';
import { Checkpoints, isCheckpointRecord } from './checkpoints.ts';
import { Loop } from './loop.ts';

export interface StreamPollerOptions {
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  tableName: string;
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  log: Logger;
  batchSize?: number;
  idleMs?: number;
}

interface ShardState {
  shard: Shard;
  iterator?: string;
  done: boolean;
}

export function startStreamPoller(opts: StreamPollerOptions): Loop {
  const checkpoints = new Checkpoints(opts.dynamo, opts.tableName);
  const shards = new Map<string, ShardState>();
  let streamArn: string | undefined;

  const tick = async (): Promise<boolean> => {
    streamArn ??= (await opts.dynamo.send(new DescribeTableCommand({ TableName: opts.tableName }))).Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${opts.tableName} has no stream`);
    await refreshShards(streamArn);
    let worked = false;
    for (const state of shards.values()) {
      if (state.done || !parentDone(state)) continue;
      worked = (await pollShard(streamArn, state)) || worked;
    }
    return worked;
  };

  async function refreshShards(arn: string): Promise<void> {
    let start: string | undefined;
    do {
      const res = await opts.streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }));
      for (const shard of res.StreamDescription?.Shards ?? []) {
        if (shards.has(shard.ShardId!)) continue;
        const saved = await checkpoints.get(shard.ShardId!);
        shards.set(shard.ShardId!, { shard, done: Boolean(saved.done) });
      }
      start = res.StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  function parentDone(state: ShardState): boolean {
    const parent = state.shard.ParentShardId ? shards.get(state.shard.ParentShardId) : undefined;
    return !parent || parent.done;
  }

  async function pollShard(arn: string, state: ShardState): Promise<boolean> {
    const shardId = state.shard.ShardId!;
    if (!state.iterator) {
      const saved = await checkpoints.get(shardId);
      state.iterator = await iterator(arn, shardId, saved.sequenceNumber ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON', saved.sequenceNumber);
    }
    const res = await opts.streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: opts.batchSize ?? STREAM_BATCH_SIZE }));
    const records = res.Records ?? [];
    // Our checkpoint writes come back on the stream. Answering a batch of nothing else with
    // another checkpoint write would feed the stream forever (a busy loop even when idle),
    // and Lambda would never see such records: skip them in memory (replaying them after a
    // restart is harmless, the fanout ignores them).
    const onlyCheckpoints = records.length > 0 && records.every(isCheckpointRecord);
    if (records.length && !onlyCheckpoints) {
      const result = await opts.handler({ Records: records.map((r) => lambdaRecord(r, arn)) });
      const failed = result.batchItemFailures[0]?.itemIdentifier;
      if (failed) {
        opts.log({ msg: 'stream batch failed; retrying from record', shardId, sequenceNumber: failed });
        state.iterator = await iterator(arn, shardId, 'AT_SEQUENCE_NUMBER', failed);
        return false;
      }
      await checkpoints.put(shardId, { sequenceNumber: records.at(-1)!.dynamodb!.SequenceNumber });
    }
    if (res.NextShardIterator) {
      state.iterator = res.NextShardIterator;
    } else {
      state.done = true;
      const saved = await checkpoints.get(shardId);
      await checkpoints.put(shardId, { ...saved, done: true });
    }
    return records.length > 0;
  }

  async function iterator(arn: string, shardId: string, type: 'TRIM_HORIZON' | 'AFTER_SEQUENCE_NUMBER' | 'AT_SEQUENCE_NUMBER', seq?: string): Promise<string> {
    const res = await opts.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: seq }));
    return res.ShardIterator!;
  }

  return new Loop('stream poller', tick, opts.idleMs ?? 200, opts.log);
}

/** The record as Lambda delivers it to a stream-triggered function. */
function lambdaRecord(r: StreamRecord, arn: string): DynamoDBRecord {
  const d = r.dynamodb!;
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventVersion: r.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: r.awsRegion,
    eventSourceARN: arn,
    dynamodb: {
      ApproximateCreationDateTime: d.ApproximateCreationDateTime ? Math.floor(d.ApproximateCreationDateTime.getTime() / 1000) : undefined,
      Keys: d.Keys as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      NewImage: d.NewImage as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
      OldImage: d.OldImage as NonNullable<DynamoDBRecord['dynamodb']>['OldImage'],
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType as NonNullable<DynamoDBRecord['dynamodb']>['StreamViewType'],
    },
  };
}
