// `skiff token create --node NAME`: mints a node agent's token against a running local
// cluster (found through <home>/cluster.json) and prints it once.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueToken } from '../lib/auth/issue-token.ts';
import { adminUser, nodeUser } from '../lib/auth/tokens.ts';
import { isDns1123Subdomain } from '../lib/api/validation/names.ts';
import { DynamoTokenStore } from '../lib/storage/dynamo-token-store.ts';
import { localDynamoClient } from './aws-clients.ts';
import { CLUSTER_FILE, type ClusterFile } from './cluster.ts';

export async function createToken(home: string, opts: { node?: string; admin?: boolean }): Promise<string> {
  if (!opts.node && !opts.admin) throw new Error('say whom the token is for: --node NAME (a node agent) or --admin');
  if (opts.node) {
    const problems = isDns1123Subdomain(opts.node);
    if (problems.length) throw new Error(`invalid node name "${opts.node}": ${problems.join('; ')}`);
  }
  const file = join(home, CLUSTER_FILE);
  if (!existsSync(file)) throw new Error(`no running cluster found in ${home}: start one with \`skiff up --home ${home}\` first`);
  const cluster = JSON.parse(readFileSync(file, 'utf8')) as ClusterFile;
  const client = localDynamoClient(cluster.dynamodbEndpoint);
  try {
    const user = opts.node ? nodeUser(opts.node) : adminUser();
    return await issueToken(new DynamoTokenStore(client, cluster.tableName), user, new Date(), randomBytes);
  } catch (err) {
    throw new Error(`could not reach the cluster's DynamoDB at ${cluster.dynamodbEndpoint} (is \`skiff up\` still running?): ${(err as Error).message}`);
  } finally {
    client.destroy();
  }
}
