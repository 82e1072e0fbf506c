// The logger every AWS SDK client here is built with. The SDK's default logger does
// nothing, yet its logging middleware still copies each request and response through a
// schema-driven sensitive-field filter to build the record it hands that logger: the
// single largest piece of the SDK's per-request CPU in a profile of the scheduler bench.
// The middleware calls `logger.info?.(…)` and `logger.error?.(…)`, so a logger without
// those two methods skips the call and, with it, building the record.
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

type SdkLogger = NonNullable<DynamoDBClientConfig['logger']>;

const nothing = (): void => undefined;

export const quietSdkLogger = { debug: nothing, warn: nothing, trace: nothing } as unknown as SdkLogger;
