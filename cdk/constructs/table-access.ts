// Least privilege on the objects table and the change log's table beside it (named
// "<objects>-changes", so its ARN is the objects table's plus that suffix), by role
// rather than by function, so the reasons sit in one place. The action lists follow what lib/ actually sends (lib-dynamodb
// Get, Put, Update, Query, BatchWrite, TransactWrite); a transaction is authorised per
// item as Put/Update, so there is no separate TransactWriteItems grant, and nothing
// in lib/ issues DeleteItem or Scan (deletes are tombstones; TTL removes them).
import { Effect, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { changesTableName, type TableDefinition } from '../../lib/storage/table-definition.ts';

export type TableAccess =
  /** The generic registry and everything beside it: objects, revision counter, tokens,
   *  node accounting (transactions), pod logs, queue metrics; the change log (watches
   *  read it, failed writes mark their revision as a gap). */
  | 'registry'
  /** The fanout only appends to the change log (pk "@changes"), in batches. */
  | 'changeLogAppend'
  /** Resync lists objects, and compacts the change log (batch deletes, floor update). */
  | 'resync';

const READ = ['dynamodb:GetItem', 'dynamodb:Query'];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'];

/** The change log's partition (lib/storage/dynamo-change-log.ts). */
export const CHANGE_LOG_PARTITION = '@changes';

export function grantTableAccess(grantee: IGrantable, table: ITable, def: TableDefinition, access: TableAccess): void {
  const indexArns = def.indexes.map((i) => `${table.tableArn}/index/${i.name}`);
  const changesArn = changesTableName(table.tableArn);
  const statements: PolicyStatement[] = [];
  switch (access) {
    case 'registry':
      statements.push(allow(READ, [table.tableArn, ...indexArns, changesArn]), allow(WRITE, [table.tableArn, changesArn]));
      break;
    case 'changeLogAppend':
      statements.push(new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:BatchWriteItem'],
        resources: [changesArn],
        // Even a bug in the fanout cannot touch objects, tokens or counters.
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [CHANGE_LOG_PARTITION] } },
      }));
      break;
    case 'resync':
      statements.push(allow(READ, [table.tableArn, ...indexArns, changesArn]), allow(['dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], [table.tableArn, changesArn]));
      break;
  }
  for (const s of statements) grantee.grantPrincipal.addToPrincipalPolicy(s);
}

function allow(actions: string[], resources: string[]): PolicyStatement {
  return new PolicyStatement({ effect: Effect.ALLOW, actions, resources });
}
