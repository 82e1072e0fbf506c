// A real apiserver over HTTPS on a fresh table of the run's shared DynamoDB Local, with
// its own home (PKI, admin token, kubeconfig). What `skiff up` serves, minus the JVM start.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { startLocalApiServer, type LocalApiServer } from '../../local/apiserver.ts';
import { localDynamoClient } from '../../local/aws-clients.ts';
import { ensureTable } from '../../local/bootstrap.ts';

export interface TestCluster extends LocalApiServer {
  home: string;
}

export async function startTestCluster(): Promise<TestCluster> {
  const dynamo = localDynamoClient(inject('dynamodbEndpoint'));
  const tableName = `it-${randomBytes(6).toString('hex')}`;
  await ensureTable(dynamo, tableName);
  const home = mkdtempSync(join(tmpdir(), 'skiff-it-'));
  const server = await startLocalApiServer({ dynamo, tableName, home, port: 0 });
  return {
    ...server,
    home,
    stop: async () => {
      await server.stop();
      dynamo.destroy();
    },
  };
}
