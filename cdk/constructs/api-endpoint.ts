// The apiserver: one Lambda running the same Hono app `skiff up` serves, reached through
// a function URL in RESPONSE_STREAM mode. Streaming is what lets a watch stay open up to
// the function's 15 minute limit and a large list exceed the 6 MB buffered payload cap;
// API Gateway HTTP APIs stop at 30 s. The URL has no IAM auth because kubectl cannot sign
// SigV4: the app authenticates every request with its bearer tokens (hashed in the table).
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FunctionUrlAuthType, InvokeMode, type FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TableDefinition } from '../../lib/storage/table-definition.ts';
import { SkiffFunction } from './skiff-function.ts';
import { grantTableAccess } from './table-access.ts';

export interface ApiEndpointProps {
  table: ITable;
  tableDefinition: TableDefinition;
  logRetention: RetentionDays;
}

/** Lambda's ceiling for one invocation, and so for one watch. */
const API_TIMEOUT = Duration.minutes(15);
/** Time left to end a watch cleanly (a final bookmark, a closed chunked body) before Lambda cuts it. */
const WATCH_MARGIN = Duration.seconds(30);

export class ApiEndpoint extends Construct {
  readonly server: SkiffFunction;
  readonly url: FunctionUrl;

  constructor(scope: Construct, id: string, props: ApiEndpointProps) {
    super(scope, id);
    this.server = new SkiffFunction(this, 'Server', {
      entry: 'apiserver.ts',
      description: 'skiff apiserver: Kubernetes REST over the objects table',
      timeout: API_TIMEOUT,
      // Memory buys CPU: decoding, validation and patching are CPU-bound.
      memorySize: 1024,
      tableName: props.table.tableName,
      // The apiserver writes to the table only; controllers hear about it through the stream.
      queueUrls: {},
      logRetention: props.logRetention,
      environment: {
        // For functions/apiserver.ts to cap watch timeouts below the function timeout.
        SKIFF_WATCH_MAX_SECONDS: String(API_TIMEOUT.toSeconds() - WATCH_MARGIN.toSeconds()),
      },
    });
    grantTableAccess(this.server.role, props.table, props.tableDefinition, 'registry');
    this.url = this.server.fn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE, invokeMode: InvokeMode.RESPONSE_STREAM });
  }
}
