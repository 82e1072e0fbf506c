// The objects table in AWS, built from the one definition in lib/ (the local bootstrap
// builds its CreateTable call from the same object), plus what only a cloud table has:
// point-in-time recovery, deletion protection, and retention when the stack goes away.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../../lib/storage/table-definition.ts';

export interface ObjectsTableProps {
  definition: TableDefinition;
  /** A fixed physical name (the change log's, derived from the objects table's); absent, CloudFormation names it. */
  tableName?: string;
  /** LocalStack state is disposable: no deletion protection, removed with the stack. */
  disposable: boolean;
}

export class ObjectsTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: ObjectsTableProps) {
    super(scope, id);
    const def = props.definition;
    this.table = new Table(this, 'Table', {
      ...(props.tableName ? { tableName: props.tableName } : {}),
      partitionKey: attribute(def.partitionKey),
      sortKey: attribute(def.sortKey),
      // On demand: an idle cluster pays for storage only, and bursts need no capacity planning.
      billingMode: BillingMode.PAY_PER_REQUEST,
      ...(def.streamView ? { stream: streamView(def.streamView) } : {}),
      timeToLiveAttribute: def.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: !props.disposable,
      removalPolicy: props.disposable ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    for (const index of def.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }
  }
}

function attribute(a: KeyAttribute): { name: string; type: AttributeType } {
  return { name: a.name, type: a.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}

function streamView(view: NonNullable<TableDefinition['streamView']>): StreamViewType {
  // One case today; a switch keeps a new view in lib/ from being silently mistranslated.
  switch (view) {
    case 'NEW_AND_OLD_IMAGES':
      return StreamViewType.NEW_AND_OLD_IMAGES;
  }
}
