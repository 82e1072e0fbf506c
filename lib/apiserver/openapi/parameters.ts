// Query and path parameters of each operation, as kube-apiserver declares them. They are
// inlined (never `$ref`ed) because kubectl looks for a parameter *named* fieldValidation
// (and dryRun) on the operation itself to decide whether the server validates fields.

export type Parameter = Record<string, unknown>;

function query(name: string, type: 'string' | 'boolean' | 'integer'): Parameter {
  // kube marks every parameter schema uniqueItems; kept for fidelity with its documents.
  return { name, in: 'query', schema: { type, uniqueItems: true } };
}

export function pathParameter(name: 'name' | 'namespace'): Parameter {
  return { name, in: 'path', required: true, schema: { type: 'string', uniqueItems: true } };
}

export const PRETTY = query('pretty', 'string');

const dryRun = query('dryRun', 'string');
const fieldManager = query('fieldManager', 'string');
const fieldValidation = query('fieldValidation', 'string');
const gracePeriodSeconds = query('gracePeriodSeconds', 'integer');
const ignoreStoreReadError = query('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean');
const orphanDependents = query('orphanDependents', 'boolean');
const propagationPolicy = query('propagationPolicy', 'string');

const listing = [
  query('continue', 'string'),
  query('fieldSelector', 'string'),
  query('labelSelector', 'string'),
  query('limit', 'integer'),
  query('resourceVersion', 'string'),
  query('resourceVersionMatch', 'string'),
  query('sendInitialEvents', 'boolean'),
  query('timeoutSeconds', 'integer'),
];

export const LIST_PARAMETERS: readonly Parameter[] = [query('allowWatchBookmarks', 'boolean'), ...listing, query('watch', 'boolean')];

/** create, replace and subresource writes. */
export const WRITE_PARAMETERS: readonly Parameter[] = [dryRun, fieldManager, fieldValidation];

export const PATCH_PARAMETERS: readonly Parameter[] = [dryRun, fieldManager, fieldValidation, query('force', 'boolean')];

export const DELETE_PARAMETERS: readonly Parameter[] = [dryRun, gracePeriodSeconds, ignoreStoreReadError, orphanDependents, propagationPolicy];

// kube lists parameters alphabetically.
export const DELETE_COLLECTION_PARAMETERS: readonly Parameter[] = [
  ...listing,
  dryRun,
  gracePeriodSeconds,
  ignoreStoreReadError,
  orphanDependents,
  propagationPolicy,
].sort((a, b) => String(a.name).localeCompare(String(b.name)));
