// `skiff kubeconfig --stack` and `skiff token create --stack` against a table on DynamoDB
// Local standing in for a deployed stack: the outputs file as `cdk deploy --outputs-file`
// writes it, tokens stored only as hashes, the system namespaces and the `kubernetes`
// Service created once.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { parseToken, tokenMatches } from '../../lib/auth/tokens.ts';
import { systemClock } from '../../lib/core/clock.ts';
import { randomIds } from '../../lib/core/ids.ts';
import { DynamoStore } from '../../lib/storage/dynamo-store.ts';
import { DynamoTokenStore } from '../../lib/storage/dynamo-token-store.ts';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { ensureTable } from '../../local/bootstrap.ts';
import { createStackToken, readStackOutputs, urlPort, writeStackKubeconfig } from '../../local/kubeconfig-command.ts';

let dir: string;
let outputsFile: string;
let tableName: string;
const endpoint = () => inject('dynamodbEndpoint');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'skiff-kubeconfig-'));
  tableName = `test-${randomBytes(6).toString('hex')}`;
  const client = localDynamoClient(endpoint());
  await ensureTable(client, tableName);
  client.destroy();
  outputsFile = join(dir, 'outputs.json');
  writeFileSync(outputsFile, JSON.stringify({
    'demo-stateful': { TableName: tableName },
    'demo-compute': { ApiUrl: 'https://abc.lambda-url.eu-west-1.on.aws/', TableName: tableName, Region: 'eu-west-1', AlarmTopicArn: 'arn' },
  }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function storedToken(token: string) {
  const client = localDynamoClient(endpoint());
  try {
    return await new DynamoTokenStore(client, tableName).findToken(parseToken(token)!.id);
  } finally {
    client.destroy();
  }
}

describe('readStackOutputs', () => {
  it('finds the compute stack by deployment name or by stack name', () => {
    expect(readStackOutputs(outputsFile, 'demo')).toEqual({ stack: 'demo-compute', apiUrl: 'https://abc.lambda-url.eu-west-1.on.aws/', tableName, region: 'eu-west-1' });
    expect(readStackOutputs(outputsFile, 'demo-compute').stack).toBe('demo-compute');
  });

  it('reads the API port from the URL, the scheme\'s default when it names none', () => {
    expect([urlPort('https://abc.lambda-url.eu-west-1.on.aws/'), urlPort('http://abc.lambda-url.us-east-1.localhost.localstack.cloud:4566/'), urlPort('http://x/')]).toEqual([443, 4566, 80]);
  });

  it('says how to get outputs when there are none', () => {
    expect(() => readStackOutputs(join(dir, 'missing.json'), 'demo')).toThrow(/--outputs-file/);
    expect(() => readStackOutputs(outputsFile, 'other')).toThrow(/no outputs for stack "other".*demo-compute/);
  });
});

describe('skiff kubeconfig --stack', () => {
  it('writes a private kubeconfig for the function URL with a working admin token, and the system namespaces', async () => {
    const out = join(dir, 'demo.kubeconfig');
    const r = await writeStackKubeconfig({ stack: 'demo', outputsFile, endpoint: endpoint(), out });
    expect(r).toEqual({ path: out, server: 'https://abc.lambda-url.eu-west-1.on.aws', context: 'demo' });
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const config = parse(readFileSync(out, 'utf8')) as { clusters: { cluster: Record<string, string> }[]; users: { user: { token: string } }[]; 'current-context': string };
    expect(config.clusters[0]!.cluster).toEqual({ server: 'https://abc.lambda-url.eu-west-1.on.aws' });
    expect(config['current-context']).toBe('demo');
    const token = config.users[0]!.user.token;
    const record = await storedToken(token);
    expect(record?.user.groups).toContain('system:masters');
    expect(tokenMatches(token, record!)).toBe(true);
    expect(JSON.stringify(record)).not.toContain(token.split('.')[2]);

    const client = localDynamoClient(endpoint());
    const store = new DynamoStore({ client, tableName, clock: systemClock, ids: randomIds });
    const namespaces = await store.list({ group: '', resource: 'namespaces' }, {});
    // The `kubernetes` Service: 443 to the function URL's port; a URL has no address to list.
    const kubernetes = (resource: string, group = '') => store.get({ resource: { group, resource }, namespace: 'default', name: 'kubernetes' });
    const svc = await kubernetes('services');
    const endpoints = await kubernetes('endpoints');
    const slice = await kubernetes('endpointslices', 'discovery.k8s.io');
    client.destroy();
    expect(namespaces.items.map((n) => n.metadata.name)).toEqual(expect.arrayContaining(['default', 'kube-system']));
    expect(svc['spec']).toMatchObject({ clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }] });
    expect(endpoints['subsets'] ?? []).toEqual([]);
    expect(slice).toMatchObject({ ports: [{ name: 'https', port: 443, protocol: 'TCP' }] });
    expect(slice['endpoints'] ?? []).toEqual([]);

    // A second run is harmless: the namespaces exist, a fresh token is minted.
    await writeStackKubeconfig({ stack: 'demo', outputsFile, endpoint: endpoint(), out });
  });
});

describe('skiff token create --stack', () => {
  it('mints a node token into the stack table', async () => {
    const token = await createStackToken({ stack: 'demo', outputsFile, endpoint: endpoint(), node: 'edge-1' });
    expect((await storedToken(token))?.user.name).toBe('system:node:edge-1');
  });

  it('refuses an invalid node name before touching the table', async () => {
    await expect(createStackToken({ stack: 'demo', outputsFile, endpoint: endpoint(), node: 'Bad_Name' })).rejects.toThrow(/invalid node name/);
  });
});
