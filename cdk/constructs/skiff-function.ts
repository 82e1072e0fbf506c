// One Lambda the way skiff runs all of them: an entry in functions/, bundled by esbuild,
// arm64 on the current Node.js runtime, its own role (no managed policies: it may write
// only its own log group until the caller grants more) and its own log group with retention.
import { join } from 'node:path';
import { RemovalPolicy, Stack, type Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BUNDLING, FUNCTIONS_DIR, PROJECT_ROOT } from '../bundling.ts';

export interface SkiffFunctionProps {
  /** File name in functions/, e.g. "fanout.ts". */
  entry: string;
  description: string;
  timeout: Duration;
  memorySize: number;
  /** TABLE_NAME: every entry builds its deps from it, even one that never touches the table. */
  tableName: string;
  /** QUEUE_URLS: only the queues this function may send to or consume (the IAM grants match). */
  queueUrls: Readonly<Record<string, string>>;
  logRetention: RetentionDays;
  /** Extra environment (documented where it is set). */
  environment?: Record<string, string>;
}

// The newest Node.js runtime aws-cdk-lib knows; cdk-nag's AwsSolutions-L1 holds us to it.
export const NODE_RUNTIME = Runtime.NODEJS_24_X;

export class SkiffFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: SkiffFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // Logs are diagnostics, not state: they go with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${id}: writes its own logs; every other permission is granted explicitly`,
    });
    this.logGroup.grant(this.role, 'logs:CreateLogStream', 'logs:PutLogEvents');

    this.fn = new NodejsFunction(this, 'Function', {
      entry: join(FUNCTIONS_DIR, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: NODE_RUNTIME,
      architecture: Architecture.ARM_64,
      description: props.description,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      // JSON: platform records (START/REPORT) and our JSON lines share one queryable shape.
      loggingFormat: LoggingFormat.JSON,
      bundling: Stack.of(this).bundlingRequired
        ? BUNDLING
        // Bundling is skipped for stacks a cdk command did not select (and in the tests):
        // a fixed hash then spares fingerprinting the whole repository, node_modules included.
        : { ...BUNDLING, assetHash: `unbundled:${props.entry}` },
      environment: {
        TABLE_NAME: props.tableName,
        QUEUE_URLS: Stack.of(this).toJsonString(props.queueUrls),
        // Stack traces point at functions/ and lib/, not the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    });
  }
}
