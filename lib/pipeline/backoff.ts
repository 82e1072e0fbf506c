// Capped exponential backoff for failed reconciles, in whole seconds (SQS visibility
// timeouts are whole seconds): base, 2·base, 4·base, … up to cap.

export interface BackoffPolicy {
  baseSeconds: number;
  capSeconds: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseSeconds: 1, capSeconds: 300 };

export function backoffSeconds(policy: BackoffPolicy, receiveCount: number): number {
  const attempt = Math.max(1, receiveCount);
  return Math.min(policy.capSeconds, policy.baseSeconds * 2 ** Math.min(attempt - 1, 30));
}
