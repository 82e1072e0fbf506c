// The one place where errors become metav1.Status. Unknown errors never leak their
// message or stack: the caller logs them with a request id and the client sees a
// generic 500.
import { ApiError, type StatusDetails } from './errors.ts';

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export function statusFromError(err: unknown, requestId?: string): Status {
  if (err instanceof ApiError) {
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: err.message,
      reason: err.reason,
      code: err.code,
    };
    if (err.details) status.details = stripUndefined(err.details);
    return status;
  }
  const suffix = requestId ? ` (request id ${requestId})` : '';
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `an internal error occurred; the server logged the details${suffix}`,
    reason: 'InternalError',
    code: 500,
  };
}

export function successStatus(details?: StatusDetails): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) status.details = stripUndefined(details);
  return status;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
