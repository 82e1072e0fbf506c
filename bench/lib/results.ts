// The shape of bench/results.json (the fields, plus a few more) and of a scenario.

export interface ApiRow { verb: string; concurrency: number; perSec: number; p50Ms: number; p99Ms: number; count: number; errors: number }
export interface SchedulerRow { nodes: number; workers: number; pods: number; bound: number; podsPerSec: number; seconds: number }
export interface E2eRow {
  replicas: number; running: number; totalMs: number; msPerPod: number; startupP50Ms: number; startupP99Ms: number; controlPlanePeakRssMb: number;
  /** Where startup goes, as the watch saw it: first seen → bound, bound → Running. */
  toBindP50Ms: number; toBindP99Ms: number; toRunP50Ms: number; toRunP99Ms: number;
  /** CPU seconds the control plane and DynamoDB Local spent from apply to the last pod Running. */
  controlPlaneCpuSec: number; dynamodbLocalCpuSec: number;
}

export interface Results {
  startedAt?: string;
  machine?: { cpus: number; node: string; loadAverageAtStart: number[]; note: string };
  store?: { createsPerSec: number; updatesPerSec: number; txnPerSec: number; concurrency: number };
  apiserver?: ApiRow[];
  scheduler?: SchedulerRow[];
  e2e?: E2eRow[];
  memory?: { controlPlaneRssMb: number; agent1000PodsRssMb: number; agentPods: number; agentPodsRunning: number; dynamodbLocalRssMb: number };
  cost?: {
    perMillionWritesUsd: number;
    perPodLifecycleUsd: number;
    writes: { count: number; usage: unknown; breakdownUsd: unknown };
    podLifecycle: { pods: number; idleUsdPerSecSubtracted: number; usage: unknown; breakdownUsd: unknown };
    prices: Record<string, number>;
  };
  idle?: { seconds: number; controlPlaneCpuPercent: number; dynamodbLocalCpuPercent: number; dynamodbRequestsPerSec: number; streamRequestsPerSec: number; sqsRequestsPerSec: number };
  durations?: Record<string, number>;
}

export interface ScenarioContext {
  /** Smaller sizes, for trying a scenario while developing. */
  quick: boolean;
  log: (line: string) => void;
}

export interface Scenario {
  name: string;
  run(ctx: ScenarioContext): Promise<Partial<Results>>;
}
