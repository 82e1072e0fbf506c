// The `skiff` command. Each subcommand parses its flags and hands off to local/ or lib/.
import { Command, Option } from 'commander';
import { countOption, portOption, secondsOption } from './cli-options.ts';
import { startCluster } from './cluster.ts';
import { resolveHome } from './home.ts';
import { createToken } from './token-command.ts';
import { agentCommand } from './agent-command.ts';
import { DEFAULT_OUTPUTS_FILE, createStackToken, kubeconfigCommand } from './kubeconfig-command.ts';
import { UsageMeter, writeUsageEvery } from './usage-meter.ts';

const program = new Command('skiff').description('A Kubernetes-compatible control plane on serverless primitives');

program
  .command('up')
  .description('run a local cluster: DynamoDB Local, the SQS emulator and the control plane')
  .option('--home <dir>', 'where the cluster keeps its state (default $SKIFF_HOME or ./.skiff)')
  .option('--port <port>', 'apiserver HTTPS port (0 picks a free one)', portOption, 6443)
  .option('--in-memory', 'keep no data: a throwaway cluster', false)
  .option('--dynamodb-port <port>', 'DynamoDB Local port (default: a free one)', portOption)
  .option('--sqs-port <port>', 'SQS emulator port (default: a free one)', portOption)
  .option('--verbose', 'log every request and handler outcome as JSON lines', false)
  .option('--resync-interval <seconds>', 're-enqueue every object for its consumers this often', secondsOption, 300)
  .option('--nodes <n>', 'node agents to run in this process (local-1 … local-N); 0 for none', countOption, 1)
  .addOption(new Option('--runtime <kind>', 'how those agents run containers').choices(['process', 'docker', 'simulated']).default('process'))
  .option('--start-delay <ms>', 'simulated runtime: how long a container takes to turn Running', countOption, 1000)
  .option('--usage-file <file>', 'keep counts of billable AWS requests in this JSON file (npm run bench)')
  .action(async (opts: { home?: string; port: number; inMemory: boolean; dynamodbPort?: number; sqsPort?: number; verbose: boolean; resyncInterval: number; nodes: number; runtime: 'process' | 'docker' | 'simulated'; startDelay: number; usageFile?: string }) => {
    const home = resolveHome(opts.home);
    const log = opts.verbose ? (e: Record<string, unknown>) => console.log(JSON.stringify({ time: new Date().toISOString(), ...e })) : undefined;
    const meter = opts.usageFile ? new UsageMeter() : undefined;
    const cluster = await startCluster({
      home, inMemory: opts.inMemory, port: opts.port, dynamodbPort: opts.dynamodbPort, sqsPort: opts.sqsPort, log,
      resyncIntervalMs: opts.resyncInterval * 1000, nodes: opts.nodes, runtime: opts.runtime, startDelayMs: opts.startDelay, meter,
    });
    const usage = meter && opts.usageFile ? writeUsageEvery(meter, opts.usageFile, 500) : undefined;
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`skiff: ${signal}, stopping`);
      await cluster.stop();
      usage?.stop();
      console.log('skiff: stopped');
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    // One write, so whoever waits for the ready line also has the export line.
    process.stdout.write(
      `skiff: ready api=${cluster.apiUrl} home=${cluster.home} dynamodb=${cluster.dynamodbEndpoint} sqs=${cluster.sqsEndpoint}\n` +
      `export KUBECONFIG=${cluster.kubeconfigPath}\n`,
    );
  });

const token = program.command('token').description('bearer tokens for clients and node agents');
token
  .command('create')
  .description('issue a token against the running cluster in --home and print it once')
  .option('--home <dir>', 'the cluster home (default $SKIFF_HOME or ./.skiff)')
  .option('--node <name>', 'a token for the node agent of this node')
  .option('--admin', 'another administrator token', false)
  .option('--stack <name>', 'mint into a deployed stack instead (reads --outputs)')
  .option('--outputs <file>', 'the file `cdk deploy --outputs-file` wrote', DEFAULT_OUTPUTS_FILE)
  .option('--endpoint <url>', 'LocalStack endpoint, with --stack')
  .action(async (opts: { home?: string; node?: string; admin: boolean; stack?: string; outputs: string; endpoint?: string }) => {
    console.log(opts.stack
      ? await createStackToken({ stack: opts.stack, outputsFile: opts.outputs, endpoint: opts.endpoint, node: opts.node, admin: opts.admin })
      : await createToken(resolveHome(opts.home), { node: opts.node, admin: opts.admin }));
  });

program.addCommand(agentCommand());
program.addCommand(kubeconfigCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`skiff: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
