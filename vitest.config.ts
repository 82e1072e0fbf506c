import { defineConfig } from 'vitest/config';

// Node 20 is supported; silence the SDK's notice about its future Node 22 floor (global setup runs here too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local and one SQS emulator for the whole run; tests isolate by table name.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Files run one at a time: the heaviest integration files (2000 pods, 500 simulated pods)
    // contend for 2 cores and one DynamoDB Local; serial runs are slower but never flaky.
    fileParallelism: false,
  },
});
