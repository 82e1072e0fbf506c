// The `skiff` command. Each subcommand parses its flags and hands off to local/ or lib/.
import { Command, InvalidArgumentError } from 'commander';
import { startCluster } from './cluster.ts';
import { resolveHome } from './home.ts';

function portOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return n;
}

const program = new Command('skiff').description('A Kubernetes-compatible control plane on serverless primitives');

program
  .command('up')
  .description('run a local cluster: DynamoDB Local, the SQS emulator and the control plane')
  .option('--home <dir>', 'where the cluster keeps its state (default $SKIFF_HOME or ./.skiff)')
  .option('--port <port>', 'apiserver HTTPS port', portOption, 6443)
  .option('--in-memory', 'keep no data: a throwaway cluster', false)
  .option('--dynamodb-port <port>', 'DynamoDB Local port (default: a free one)', portOption)
  .option('--sqs-port <port>', 'SQS emulator port (default: a free one)', portOption)
  .action(async (opts: { home?: string; port: number; inMemory: boolean; dynamodbPort?: number; sqsPort?: number }) => {
    const home = resolveHome(opts.home);
    const cluster = await startCluster({ home, inMemory: opts.inMemory, port: opts.port, dynamodbPort: opts.dynamodbPort, sqsPort: opts.sqsPort });
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`skiff: ${signal}, stopping`);
      await cluster.stop();
      console.log('skiff: stopped');
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    console.log(`skiff: ready home=${cluster.home} dynamodb=${cluster.dynamodbEndpoint} sqs=${cluster.sqsEndpoint}`);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`skiff: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
