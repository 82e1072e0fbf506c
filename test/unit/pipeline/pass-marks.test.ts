import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { batchMark, coveredBy, PassMarks } from '../../../lib/pipeline/pass-marks.ts';

function rec(sent: string, received: string): SQSRecord {
  return {
    messageId: 'm', receiptHandle: 'r', body: '{}', messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1',
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: sent, SenderId: '', ApproximateFirstReceiveTimestamp: received },
  };
}

describe('pass marks', () => {
  it('marks a batch by its newest first receive, ignoring missing stamps', () => {
    expect(batchMark([rec('1', '300'), rec('2', '500'), rec('3', '')])).toBe(500);
    expect(batchMark([rec('1', '')])).toBeUndefined();
  });

  it('covers a group only when every message was sent strictly before the mark less the margin', () => {
    expect(coveredBy([rec('100', '0'), rec('499', '0')], 500, 0)).toBe(true);
    expect(coveredBy([rec('100', '0'), rec('500', '0')], 500, 0)).toBe(false);
    expect(coveredBy([rec('399', '0')], 500, 100)).toBe(true);
    expect(coveredBy([rec('400', '0')], 500, 100)).toBe(false);
    expect(coveredBy([rec('', '0')], 500, 0)).toBe(false);
    expect(coveredBy([rec('100', '0')], undefined, 0)).toBe(false);
    expect(coveredBy([], 500, 0)).toBe(false);
  });

  it('only moves a key mark forward, and forgets the oldest key beyond its capacity', () => {
    const marks = new PassMarks(2);
    marks.passed('a', [rec('1', '500')]);
    marks.passed('a', [rec('1', '300')]);
    expect(marks.get('a')).toBe(500);
    marks.passed('b', [rec('1', '10')]);
    marks.passed('a', [rec('1', '600')]);
    marks.passed('c', [rec('1', '20')]);
    expect(marks.get('b')).toBeUndefined();
    expect(marks.get('a')).toBe(600);
    expect(marks.get('c')).toBe(20);
  });
});
