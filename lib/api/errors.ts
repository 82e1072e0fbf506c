// Typed API errors. Every failure the apiserver reports is one of these; lib/api/status.ts
// is the single place that turns them into a metav1.Status. Messages follow
// kube-apiserver's wording because kubectl prints them verbatim.

export interface GroupResource {
  group: string;
  resource: string;
}

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** "pods" for the core group, "deployments.apps" otherwise, as kube-apiserver names them. */
export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export abstract class ApiError extends Error {
  abstract readonly code: number;
  abstract readonly reason: string;
  details?: StatusDetails;

  constructor(message: string, details?: StatusDetails) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class BadRequestError extends ApiError {
  readonly code = 400;
  readonly reason = 'BadRequest';
}

export class UnauthorizedError extends ApiError {
  readonly code = 401;
  readonly reason = 'Unauthorized';
  constructor(message = 'Unauthorized') {
    super(message);
  }
}

export class ForbiddenError extends ApiError {
  readonly code = 403;
  readonly reason = 'Forbidden';
}

export class NotFoundError extends ApiError {
  readonly code = 404;
  readonly reason = 'NotFound';
  constructor(gr: GroupResource, name: string) {
    super(`${qualifiedResource(gr)} "${name}" not found`, {
      name,
      group: gr.group || undefined,
      kind: gr.resource,
    });
  }
}

/** An unknown URL, as opposed to a missing object. */
export class RouteNotFoundError extends ApiError {
  readonly code = 404;
  readonly reason = 'NotFound';
  constructor() {
    super('the server could not find the requested resource');
  }
}

export class MethodNotAllowedError extends ApiError {
  readonly code = 405;
  readonly reason = 'MethodNotAllowed';
}

export class NotAcceptableError extends ApiError {
  readonly code = 406;
  readonly reason = 'NotAcceptable';
}

export class AlreadyExistsError extends ApiError {
  readonly code = 409;
  readonly reason = 'AlreadyExists';
  constructor(gr: GroupResource, name: string) {
    super(`${qualifiedResource(gr)} "${name}" already exists`, {
      name,
      group: gr.group || undefined,
      kind: gr.resource,
    });
  }
}

/** A write raced another: the caller's resourceVersion (or uid precondition) is stale. */
export class ConflictError extends ApiError {
  readonly code = 409;
  readonly reason = 'Conflict';
  constructor(gr: GroupResource, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again') {
    super(`Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`, {
      name,
      group: gr.group || undefined,
      kind: gr.resource,
    });
  }
}

/**
 * Server-side apply would change fields other managers own (kube's NewApplyConflict): the
 * causes name each field (`FieldManagerConflict`) so the applier can drop them or force.
 */
export class ApplyConflictError extends ApiError {
  readonly code = 409;
  readonly reason = 'Conflict';
  constructor(message: string, causes: StatusCause[]) {
    super(message, { causes });
  }
}

export class GoneError extends ApiError {
  readonly code = 410;
  readonly reason = 'Expired';
}

export class RequestEntityTooLargeError extends ApiError {
  readonly code = 413;
  readonly reason = 'RequestEntityTooLarge';
}

export class UnsupportedMediaTypeError extends ApiError {
  readonly code = 415;
  readonly reason = 'UnsupportedMediaType';
}

/**
 * Field-level validation failures: kubectl prints `The Kind "name" is invalid: field: message`.
 * The kind is qualified by its group (`Deployment.apps`), as kube's qualified kind prints.
 */
export class InvalidError extends ApiError {
  readonly code = 422;
  readonly reason = 'Invalid';
  readonly causes: StatusCause[];
  constructor(kind: string, name: string, causes: StatusCause[], group?: string) {
    const summary = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    const body = summary.length === 1 ? summary[0] : `[${summary.join(', ')}]`;
    const qualified = group && !kind.endsWith(`.${group}`) ? `${kind}.${group}` : kind;
    super(`${qualified} "${name}" is invalid: ${body}`, { name, group: group || undefined, kind, causes });
    this.causes = causes;
  }
}

export class TooManyRequestsError extends ApiError {
  readonly code = 429;
  readonly reason = 'TooManyRequests';
}

export class InternalError extends ApiError {
  readonly code = 500;
  readonly reason = 'InternalError';
}

export class ServiceUnavailableError extends ApiError {
  readonly code = 503;
  readonly reason = 'ServiceUnavailable';
}
