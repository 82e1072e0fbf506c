// The setup every kubectl integration file shares: one in-process test cluster for the
// file, started before its tests and stopped after them, and the real kubectl pointed at it.
import { afterAll, beforeAll } from 'vitest';
import { kubectlRunner, type KubectlRunner } from './kubectl.ts';
import { startTestCluster, type TestCluster } from './test-cluster.ts';

export function kubectlTestCluster(): { k: KubectlRunner; cluster: () => TestCluster } {
  let started: TestCluster | undefined;
  const cluster = (): TestCluster => {
    if (!started) throw new Error('the test cluster starts in beforeAll: use it inside a test');
    return started;
  };
  beforeAll(async () => {
    started = await startTestCluster();
  });
  afterAll(async () => {
    await started?.stop();
  });
  return { k: kubectlRunner(() => cluster().kubeconfigPath), cluster };
}
