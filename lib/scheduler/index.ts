// The scheduler's pure core: what the scheduling worker calls. It reads nodes and bound
// pods, builds NodeInfos, calls schedule(), and binds in a transaction whose capacity
// condition mirrors fitsAfterBind()/accountingDelta(); see each module for kube's rules.
export { schedule, fitsAfterBind, ERR_AFFINITY_CONFLICT } from './schedule.ts';
export type { ScheduleOptions, ScheduleResult, Unschedulable } from './schedule.ts';
export { buildNodeInfos, addPod, emptyNodeInfo, holdsResources } from './node-info.ts';
export type { NodeInfo } from './node-info.ts';
export { podRequests, fitRequests, scoreRequests, accountingDelta } from './pod-requests.ts';
export { nodeAllocatable, DEFAULT_MAX_PODS } from './resources.ts';
export type { Resources } from './resources.ts';
export { controllerKey } from './objects.ts';
export { NO_NODES_MESSAGE, formatFitError } from './fit-error.ts';
export { runFilters, runCapacityFilters, FILTERS } from './filters.ts';
export type { Rejection } from './rejection.ts';
export { podFacts } from './pod-facts.ts';
export type { PodFacts } from './pod-facts.ts';
