// `skiff kubeconfig --stack NAME`: first contact with a deployed skiff (AWS or LocalStack).
// Reads the stack outputs that `cdk deploy --outputs-file` wrote, then, with the caller's
// own AWS credentials (whoever may write the table administers the cluster), makes sure
// the system namespaces exist, mints an admin token into the table (stored hashed, like
// every token) and writes a kubeconfig for the API's function URL.
// Outputs come from the file rather than CloudFormation because @aws-sdk/client-cloudformation
// is not a dependency; the outputs file needs no extra permissions either.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { isDns1123Subdomain } from '../lib/api/validation/names.ts';
import { issueToken } from '../lib/auth/issue-token.ts';
import { adminUser, nodeUser, type UserInfo } from '../lib/auth/tokens.ts';
import { systemClock } from '../lib/core/clock.ts';
import { randomIds } from '../lib/core/ids.ts';
import { buildDeps } from '../lib/deps.ts';
import { ensureBootstrapNamespaces, ensureKubernetesService } from '../lib/registry/bootstrap.ts';
import { DynamoTokenStore } from '../lib/storage/dynamo-token-store.ts';

export const DEFAULT_OUTPUTS_FILE = '.skiff/cdk-outputs.json';

/** What a deployed stack tells a client: the outputs of `<name>-compute` (cdk/compute-stack.ts). */
export interface StackTarget {
  stack: string;
  apiUrl: string;
  tableName: string;
  region: string;
}

export interface StackOptions {
  /** The deployment name (`skiff`) or its compute stack's name (`skiff-compute`). */
  stack: string;
  outputsFile?: string;
  /** LocalStack (or any other AWS-compatible endpoint) instead of AWS. */
  endpoint?: string;
}

/** Finds the stack's outputs in a `cdk deploy --outputs-file` file: {stackName: {OutputKey: value}}. */
export function readStackOutputs(file: string, stack: string): StackTarget {
  if (!existsSync(file)) {
    throw new Error(`no stack outputs at ${file}: deploy with \`npx cdk deploy --all --outputs-file ${file}\` (or \`npm run deploy:local\`), or pass --outputs`);
  }
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
  const name = all[stack] ? stack : `${stack}-compute`;
  const outputs = all[name];
  if (!outputs) throw new Error(`${file} has no outputs for stack "${stack}" or "${stack}-compute" (it has: ${Object.keys(all).join(', ') || 'none'})`);
  const get = (key: string): string => {
    const value = outputs[key];
    if (!value) throw new Error(`stack ${name} has no ${key} output in ${file}; was it deployed from this version of skiff?`);
    return value;
  };
  return { stack: name, apiUrl: get('ApiUrl'), tableName: get('TableName'), region: get('Region') };
}

/** A DynamoDB client for the stack's table: the default AWS credential chain, or LocalStack's. */
export function stackDynamoClient(target: StackTarget, endpoint?: string): DynamoDBClient {
  if (!endpoint) return new DynamoDBClient({ region: target.region });
  // LocalStack accepts any credentials; use the caller's if set so a shared profile still works.
  const credentials = process.env['AWS_ACCESS_KEY_ID'] ? undefined : { accessKeyId: 'test', secretAccessKey: 'test' };
  return new DynamoDBClient({ region: target.region, endpoint, ...(credentials ? { credentials } : {}) });
}

/** `skiff token create --stack NAME --node N|--admin`: mints a token into a deployed stack's table. */
export async function createStackToken(opts: StackOptions & { node?: string; admin?: boolean }): Promise<string> {
  if (!opts.node && !opts.admin) throw new Error('say whom the token is for: --node NAME (a node agent) or --admin');
  if (opts.node) {
    const problems = isDns1123Subdomain(opts.node);
    if (problems.length) throw new Error(`invalid node name "${opts.node}": ${problems.join('; ')}`);
  }
  const target = readStackOutputs(resolve(opts.outputsFile ?? DEFAULT_OUTPUTS_FILE), opts.stack);
  const client = stackDynamoClient(target, opts.endpoint);
  try {
    return await mint(client, target, opts.node ? nodeUser(opts.node) : adminUser());
  } finally {
    client.destroy();
  }
}

export interface KubeconfigResult {
  path: string;
  server: string;
  context: string;
}

export async function writeStackKubeconfig(opts: StackOptions & { out?: string }): Promise<KubeconfigResult> {
  const target = readStackOutputs(resolve(opts.outputsFile ?? DEFAULT_OUTPUTS_FILE), opts.stack);
  const client = stackDynamoClient(target, opts.endpoint);
  try {
    // The apiserver refuses objects in namespaces that do not exist; `skiff up` makes these
    // at start, a Lambda has no start, so the first client does it (idempotently).
    const { ctx } = buildDeps({ dynamo: client, tableName: target.tableName, clock: systemClock, ids: randomIds });
    await ensureBootstrapNamespaces(ctx);
    // A function URL has a port (443) but no address of its own, so the Service's
    // endpoints list none: the Service exists for discovery, not for routing.
    await ensureKubernetesService(ctx, { port: urlPort(target.apiUrl), addresses: [] });
    const token = await mint(client, target, adminUser());
    const server = target.apiUrl.replace(/\/+$/, '');
    const context = target.stack.replace(/-compute$/, '');
    const path = resolve(opts.out ?? `.skiff/${context}.kubeconfig`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderRemoteKubeconfig(context, server, token), { mode: 0o600 });
    return { path, server, context };
  } finally {
    client.destroy();
  }
}

/**
 * A kubeconfig without certificate-authority-data: a function URL presents a certificate
 * from a public CA the system trusts, and LocalStack's URL is plain HTTP.
 */
export function renderRemoteKubeconfig(name: string, server: string, token: string): string {
  const user = `${name}-admin`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server } }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name, context: { cluster: name, user, namespace: 'default' } }],
    'current-context': name,
  });
}

async function mint(client: DynamoDBClient, target: StackTarget, user: UserInfo): Promise<string> {
  try {
    return await issueToken(new DynamoTokenStore(client, target.tableName), user, new Date(), randomBytes);
  } catch (err) {
    throw new Error(`could not write a token to table ${target.tableName} in ${target.region}: ${(err as Error).message}`);
  }
}

export function kubeconfigCommand(): Command {
  return new Command('kubeconfig')
    .description('write a kubeconfig for a deployed stack (mints an admin token with your AWS credentials)')
    .requiredOption('--stack <name>', 'the deployment name (skiff) or its compute stack (skiff-compute)')
    .option('--outputs <file>', 'the file `cdk deploy --outputs-file` wrote', DEFAULT_OUTPUTS_FILE)
    .option('--endpoint <url>', 'an AWS-compatible endpoint instead of AWS, e.g. http://localhost:4566 for LocalStack')
    .option('--out <file>', 'where to write the kubeconfig (default .skiff/<name>.kubeconfig)')
    .action(async (flags: { stack: string; outputs: string; endpoint?: string; out?: string }) => {
      const r = await writeStackKubeconfig({ stack: flags.stack, outputsFile: flags.outputs, endpoint: flags.endpoint, out: flags.out });
      process.stdout.write(`skiff: kubeconfig for ${r.server} written to ${r.path}\nexport KUBECONFIG=${r.path}\n`);
    });
}

/** The port a URL is served on, its scheme's default when it names none. */
export function urlPort(url: string): number {
  const u = new URL(url);
  return u.port ? Number(u.port) : u.protocol === 'http:' ? 80 : 443;
}
