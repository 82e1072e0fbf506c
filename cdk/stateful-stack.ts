// Everything that holds data: the objects table, the change log's table and the queues. Kept apart from the
// compute stack so functions can be replaced, or the compute stack destroyed and
// redeployed, without touching state (the table is retained even if this stack goes).
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { workQueues } from '../lib/queue/queue-definitions.ts';
import { changesTable, changesTableName, objectsTable } from '../lib/storage/table-definition.ts';
import type { SkiffConfig } from './config.ts';
import { ObjectsTable } from './constructs/objects-table.ts';
import { WorkQueues } from './constructs/work-queues.ts';

export interface StatefulStackProps extends StackProps {
  config: SkiffConfig;
}

export class StatefulStack extends Stack {
  readonly objects: ObjectsTable;
  readonly changes: ObjectsTable;
  readonly queues: WorkQueues;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const disposable = props.config.localstack;
    this.objects = new ObjectsTable(this, 'Objects', { definition: objectsTable, disposable });
    // Named after the objects table, so every function finds it from TABLE_NAME alone
    // (changesTableName) and grants can name its ARN (table-access.ts).
    this.changes = new ObjectsTable(this, 'Changes', { definition: changesTable, disposable, tableName: changesTableName(this.objects.table.tableName) });
    this.queues = new WorkQueues(this, 'Queues', { prefix: props.config.name, definitions: workQueues });
    new CfnOutput(this, 'TableName', { value: this.objects.table.tableName, description: 'the objects table' });
  }
}
