// `skiff agent`: a node agent against any skiff apiserver, and startLocalAgents(), the
// in-process agents `skiff up --nodes N --runtime R` runs (nodes local-1 … local-N).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { countOption, positiveIntOption } from './cli-options.ts';
import { parseQuantity } from '../lib/api/quantity.ts';
import { isDns1123Subdomain } from '../lib/api/validation/names.ts';
import { systemClock } from '../lib/core/clock.ts';
import { startAgent, type Agent } from '../lib/agent/agent.ts';
import { kubeAgentApi } from '../lib/agent/kube-agent-api.ts';
import { machineAddress, type Capacity } from '../lib/agent/machine.ts';
import { createRuntime, RUNTIME_KINDS } from '../lib/agent/runtimes/create-runtime.ts';
import type { RuntimeKind } from '../lib/agent/runtimes/runtime.ts';

export interface RunAgentOptions {
  server: string;
  token: string;
  caPem?: string;
  name: string;
  runtime: RuntimeKind;
  stateDir: string;
  address?: string;
  capacity?: Partial<Capacity>;
  labels?: Record<string, string>;
  pollIntervalMs?: number;
  leaseRenewMs?: number;
  startDelayMs?: number;
  dockerSocket?: string;
  log?: (entry: Record<string, unknown>) => void;
}

/** One agent with its runtime and API client, as `skiff agent` and `skiff up` run it. */
export async function runAgent(opts: RunAgentOptions): Promise<Agent> {
  const address = opts.address ?? machineAddress();
  const runtime = await createRuntime({
    kind: opts.runtime, nodeName: opts.name, stateDir: opts.stateDir, hostIP: address, startDelayMs: opts.startDelayMs, dockerSocket: opts.dockerSocket,
  });
  const api = kubeAgentApi({ server: opts.server, token: opts.token, caPem: opts.caPem });
  return startAgent({ api, clock: systemClock, log: opts.log }, {
    name: opts.name, runtime, address, capacity: opts.capacity, labels: opts.labels, pollIntervalMs: opts.pollIntervalMs, leaseRenewMs: opts.leaseRenewMs,
  });
}

export interface LocalAgentsOptions {
  apiUrl: string;
  caPem: string;
  /** Mints the node's token (skiff up issues one per node). */
  tokenFor: (node: string) => Promise<string>;
  count: number;
  runtime: RuntimeKind;
  home: string;
  log?: (entry: Record<string, unknown>) => void;
  pollIntervalMs?: number;
  startDelayMs?: number;
}

export async function startLocalAgents(opts: LocalAgentsOptions): Promise<{ agents: Agent[]; stop(): Promise<void> }> {
  const agents: Agent[] = [];
  const stop = async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
  };
  try {
    for (let i = 1; i <= opts.count; i++) {
      const name = `local-${i}`;
      agents.push(await runAgent({
        server: opts.apiUrl, caPem: opts.caPem, token: await opts.tokenFor(name), name, runtime: opts.runtime,
        // Local clusters live on loopback, like the apiserver.
        stateDir: join(opts.home, 'agents', name), address: '127.0.0.1', pollIntervalMs: opts.pollIntervalMs, startDelayMs: opts.startDelayMs, log: opts.log,
      }));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { agents, stop };
}

function quantity(value: string): string {
  try {
    parseQuantity(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
  return value;
}

function label(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('a label is key=value.');
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

interface AgentFlags {
  server: string;
  token: string;
  name: string;
  runtime: RuntimeKind;
  caFile?: string;
  stateDir?: string;
  cpu?: string;
  memory?: string;
  maxPods?: number;
  pollInterval: number;
  leaseRenew: number;
  address?: string;
  label: Record<string, string>;
  startDelay: number;
  dockerSocket?: string;
  verbose: boolean;
}

export function agentCommand(): Command {
  return new Command('agent')
    .description('run a node agent: register a Node, renew its Lease and run the pods bound to it')
    .requiredOption('--server <url>', 'the apiserver, https://host:port')
    .requiredOption('--token <token>', "the node's bearer token (skiff token create --node NAME)")
    .requiredOption('--name <name>', 'the node name')
    .addOption(new Option('--runtime <kind>', 'how containers run').choices(RUNTIME_KINDS).default('process'))
    .option('--ca-file <file>', "PEM of the CA that signed the apiserver's certificate (<home>/pki/ca.crt for skiff up)")
    .option('--state-dir <dir>', 'where pod directories go (default ./.skiff-agent/<name>)')
    .option('--cpu <quantity>', 'CPU capacity to report (default: this machine)', quantity)
    .option('--memory <quantity>', 'memory capacity to report, e.g. 64Gi (default: this machine)', quantity)
    .option('--max-pods <n>', 'pod capacity to report (default 110)', positiveIntOption)
    .option('--poll-interval <ms>', 'how often bound pods are listed', positiveIntOption, 1000)
    .option('--lease-renew <ms>', 'how often the node Lease is renewed', positiveIntOption, 10_000)
    .option('--address <ip>', "the node's InternalIP (default: the first non-internal IPv4 address)")
    .option('--label <key=value>', 'an extra node label (repeatable)', label, {})
    .option('--start-delay <ms>', 'simulated runtime: how long a container takes to turn Running', countOption, 1000)
    .option('--docker-socket <path>', 'docker runtime: the Docker Engine socket')
    .option('--verbose', 'log as JSON lines', false)
    .action(async (flags: AgentFlags) => {
      const problems = isDns1123Subdomain(flags.name);
      if (problems.length) throw new Error(`invalid node name "${flags.name}": ${problems.join('; ')}`);
      const capacity: Partial<Capacity> = {};
      if (flags.cpu) capacity.cpu = flags.cpu;
      if (flags.memory) capacity.memory = flags.memory;
      if (flags.maxPods) capacity.pods = String(flags.maxPods);
      const agent = await runAgent({
        server: flags.server, token: flags.token, name: flags.name, runtime: flags.runtime,
        caPem: flags.caFile ? readFileSync(flags.caFile, 'utf8') : undefined,
        stateDir: resolve(flags.stateDir ?? join('.skiff-agent', flags.name)),
        address: flags.address, capacity, labels: flags.label, pollIntervalMs: flags.pollInterval, leaseRenewMs: flags.leaseRenew,
        startDelayMs: flags.startDelay, dockerSocket: flags.dockerSocket,
        log: (e) => (flags.verbose || /failed/.test(String(e['msg'])) ? console.log(JSON.stringify({ time: new Date().toISOString(), ...e })) : undefined),
      });
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`skiff agent: ${signal}, stopping`);
        await agent.stop();
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      await agent.ready;
      console.log(`skiff agent: node ${flags.name} registered (runtime ${flags.runtime})`);
    });
}
