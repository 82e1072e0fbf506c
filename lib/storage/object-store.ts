// The narrow storage interface everything above it is written against (kine's lesson:
// a small log-like interface, one implementation per engine). Implementations: DynamoDB
// (production and local) and an in-memory one for unit tests; test/contract runs the same
// cases against both.
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { GroupResource } from '../api/errors.ts';
import type { FieldSelector } from '../api/selectors/field-selector.ts';
import type { LabelSelector } from '../api/selectors/label-selector.ts';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectKey {
  resource: GroupResource;
  /** Empty or absent for cluster-scoped objects. */
  namespace?: string;
  name: string;
}

export interface ListOptions {
  /** Restrict to one namespace; absent lists across all namespaces. */
  namespace?: string;
  labelSelector?: LabelSelector;
  fieldSelector?: FieldSelector;
  /**
   * The kind's selectable fields as kube computes them (e.g. a pod's unset
   * spec.hostNetwork reads "false"); absent, fields are read from the object as stored.
   */
  fieldSet?: (obj: KubeObject) => Record<string, string>;
  /** Page size; absent or 0 means everything. */
  limit?: number;
  /** Opaque token from a previous page's `continue`. */
  continue?: string;
  /**
   * The caller ignores the list's revision (a controller reading current state): the
   * DynamoDB store then skips its read of the revision counter, and resourceVersion is "".
   */
  skipRevision?: boolean;
}

export interface ListResult {
  items: KubeObject[];
  /** The revision the list was served at (the first page's, for every later page). */
  resourceVersion: string;
  /** Present when more items may follow. */
  continue?: string;
}

export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

export interface ObjectStore {
  /** Throws NotFoundError. */
  get(key: ObjectKey): Promise<KubeObject>;
  list(resource: GroupResource, options?: ListOptions): Promise<ListResult>;
  /**
   * Stores a new object, conditional on absence (AlreadyExistsError otherwise). Assigns
   * resourceVersion, and uid and creationTimestamp when the caller did not; any other
   * metadata (generation included: only some kinds have one) is stored as given.
   */
  create(resource: GroupResource, obj: KubeObject): Promise<KubeObject>;
  /**
   * Replaces an object, conditional on `obj.metadata.resourceVersion` being the stored one
   * (ConflictError otherwise; NotFoundError if absent). uid and creationTimestamp are kept
   * from the stored object; the rest, generation included, is stored as given (the
   * registry decides generation per kind).
   *
   * `basis` is the stored object the caller read and derived `obj` from. When it is at the
   * revision `obj` names, the store takes uid and creationTimestamp from it instead of
   * reading the object again; the write stays conditional on that revision, so a stale
   * basis is still a ConflictError.
   */
  update(resource: GroupResource, obj: KubeObject, basis?: KubeObject): Promise<KubeObject>;
  /**
   * Removes an object, honouring uid/resourceVersion preconditions. Returns its last state.
   * `basis`, as for update: when it is at the revision the preconditions name, the store
   * does not read the object again, and the removal stays conditional on that revision.
   */
  delete(key: ObjectKey, preconditions?: Preconditions, basis?: KubeObject): Promise<KubeObject>;
  /** The newest allocated revision, as a decimal string. */
  currentRevision(): Promise<string>;
}
