// Memory: peak RSS of the control-plane process (`skiff up` with no in-process agents)
// and of one `skiff agent` process (simulated runtime, its own process) holding 1000 pods
// bound to its node, read from /proc/<pid>/status VmHWM once every pod is Running.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { apiClient, expectStatus } from '../lib/http.ts';
import { pollUntil, runLoad } from '../lib/load.ts';
import type { Scenario } from '../lib/results.ts';
import { SKIFF_BIN, peakRssMb, skiffUp } from '../lib/skiff-process.ts';

const NODE = 'bench-agent';

function pod(name: string) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'mem' } }, spec: { nodeName: NODE, containers: [{ name: 'app', image: 'bench/app:1' }] } };
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SKIFF_BIN, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`skiff ${args[0]} exited ${code}`))));
  });
}

export const memoryScenario: Scenario = {
  name: 'memory',
  async run({ quick, log }) {
    const pods = quick ? 100 : 1000;
    const skiff = await skiffUp(['--nodes', '0']);
    const api = apiClient(skiff.apiUrl, skiff.token, skiff.caPem);
    let agent: ReturnType<typeof spawn> | undefined;
    try {
      const token = await run(['token', 'create', '--home', skiff.home, '--node', NODE]);
      agent = spawn(process.execPath, [
        SKIFF_BIN, 'agent', '--server', skiff.apiUrl, '--token', token, '--name', NODE, '--runtime', 'simulated',
        '--ca-file', join(skiff.home, 'pki', 'ca.crt'), '--state-dir', join(skiff.home, 'agent'), '--max-pods', String(pods + 10),
        '--start-delay', '1', '--address', '10.0.0.1',
      ], { stdio: 'ignore' });
      // The pods are created already bound to the agent's node: its memory depends on what
      // it holds, not on how the pods got there, and skipping the ReplicaSet and scheduler
      // keeps this scenario short.
      const made = await runLoad({ concurrency: 16, count: pods, maxMs: 120_000, op: async (i) => {
        expectStatus(await api.call('POST', '/api/v1/namespaces/default/pods', pod(`mem-${i}`)), [201], 'create pod');
      } });
      if (made.errors) log(`memory: ${made.errors} pod creates failed, first: ${made.firstError}`);
      let seen = 0;
      const running = await pollUntil(async () => {
        // Only the pods not yet Running come back: the poll stays small while the agent works.
        const res = await api.call('GET', '/api/v1/namespaces/default/pods?fieldSelector=status.phase%21%3DRunning');
        const waiting = ((JSON.parse(res.body) as { items?: unknown[] }).items ?? []).length;
        seen = made.latenciesMs.length - waiting;
        return waiting === 0 ? seen : undefined;
      }, Math.min(150_000, Math.max(60_000, pods * 150)), 2000);
      log(`memory: ${running ?? seen} of ${pods} pods Running on one agent`);
      await new Promise((r) => setTimeout(r, 3000));
      const java = skiff.dynamodbLocalPid();
      const memory = { controlPlaneRssMb: skiff.peakRssMb(), agent1000PodsRssMb: peakRssMb(agent.pid!), agentPods: pods, agentPodsRunning: running ?? seen, dynamodbLocalRssMb: peakRssMb(java) };
      log(`memory: control plane ${memory.controlPlaneRssMb} MiB, agent ${memory.agent1000PodsRssMb} MiB, DynamoDB Local ${memory.dynamodbLocalRssMb} MiB`);
      return { memory };
    } finally {
      if (agent && agent.exitCode === null) {
        const exited = new Promise((r) => agent!.once('exit', r));
        agent.kill('SIGTERM');
        await exited;
      }
      api.close();
      await skiff.stop();
    }
  },
};
