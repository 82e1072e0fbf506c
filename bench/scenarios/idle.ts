// An idle cluster: `skiff up` with nothing to do, watched for IDLE_SECONDS — the CPU its
// process and DynamoDB Local's JVM burn, and the AWS requests it would make. The README
// says an idle skiff costs only storage; this checks the local runner keeps quiet too.
import { sum, usageBetween } from '../lib/cost.ts';
import type { Scenario } from '../lib/results.ts';
import { cpuSeconds, skiffUp } from '../lib/skiff-process.ts';
import { round } from '../lib/stats.ts';

const IDLE_SECONDS = 10;

export const idleScenario: Scenario = {
  name: 'idle',
  async run({ log }) {
    const skiff = await skiffUp(['--nodes', '0']);
    try {
      // Let start-up settle (table creation, bootstrap writes) before watching.
      await new Promise((r) => setTimeout(r, 5000));
      const java = skiff.dynamodbLocalPid();
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
