// An idle cluster: `skiff up` with nothing to do, watched for IDLE_SECONDS — the CPU its
// process and DynamoDB Local's JVM burn, and the AWS requests it would make. The README
// says an idle skiff costs only storage; this checks the local runner keeps quiet too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sum, usageBetween } from '../lib/cost.ts';
import type { Scenario } from '../lib/results.ts';
import { skiffUp } from '../lib/skiff-process.ts';
import { round } from '../lib/stats.ts';

const IDLE_SECONDS = 15;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process, in seconds (/proc/<pid>/stat fields 14 and 15). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

export const idleScenario: Scenario = {
  name: 'idle',
  async run({ log }) {
    const skiff = await skiffUp(['--nodes', '0']);
    try {
      // Let start-up settle (table creation, bootstrap writes) before watching.
      await new Promise((r) => setTimeout(r, 5000));
      const java = (JSON.parse(readFileSync(join(skiff.home, 'dynamodb-local.pid'), 'utf8')) as { java: number }).java;
      const before = { usage: skiff.usage(), cp: cpuSeconds(skiff.pid), java: cpuSeconds(java) };
      await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
      const usage = usageBetween(before.usage, skiff.usage());
      const idle = {
        seconds: IDLE_SECONDS,
        controlPlaneCpuPercent: round(((cpuSeconds(skiff.pid) - before.cp) / IDLE_SECONDS) * 100, 1),
        dynamodbLocalCpuPercent: round(((cpuSeconds(java) - before.java) / IDLE_SECONDS) * 100, 1),
        dynamodbRequestsPerSec: round(sum(usage.dynamo.requests) / IDLE_SECONDS, 1),
        streamRequestsPerSec: round(sum(usage.streams.requests) / IDLE_SECONDS, 1),
        sqsRequestsPerSec: round(sum(usage.sqs.requests) / IDLE_SECONDS, 1),
      };
      log(`idle: ${JSON.stringify(idle)}`);
      return { idle };
    } finally {
      await skiff.stop();
    }
  },
};
