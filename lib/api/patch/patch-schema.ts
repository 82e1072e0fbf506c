// How a strategic merge patch treats each field: the server-side copy of the API's
// `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key` (the `patchStrategy` /
// `patchMergeKey` struct tags in kube's types.go). Only fields that carry a strategy, or lead
// to one, need describing: anything not described merges as a map or is replaced as a list,
// which is also what kube does for fields without tags.

export interface PatchField {
  /**
   * merge: a list is merged element-wise (by `mergeKey` for objects, as a set for primitives).
   * replace: a map is replaced instead of merged.
   * retainKeys: the client sends `$retainKeys` for this map (a union such as
   * Deployment.spec.strategy); the server honours the directive wherever it appears, so this
   * is informational here.
   */
  strategy?: 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';
  /** The element field identifying list entries (`name` for containers and env). */
  mergeKey?: string;
  /** Sub-fields of a struct-like object. */
  fields?: Record<string, PatchField>;
  /** The element schema of a list, or the value schema of a map such as labels. */
  items?: PatchField;
}

/** The root is an object schema (a whole Kubernetes object). */
export type PatchSchema = PatchField;

/** The schema of `key` inside an object described by `field`, if any. */
export function fieldOf(field: PatchField | undefined, key: string): PatchField | undefined {
  const fields = field?.fields;
  if (fields && Object.prototype.hasOwnProperty.call(fields, key)) return fields[key];
  return field?.items;
}

/** Whether a list field is merged element-wise rather than replaced. */
export function isMergeList(field: PatchField | undefined): boolean {
  return field?.strategy === 'merge' || field?.strategy === 'merge,retainKeys';
}

/** Whether a map field is replaced wholesale rather than merged. */
export function isReplaceMap(field: PatchField | undefined): boolean {
  return field?.strategy === 'replace';
}

/** Whether `key` is a real field of the object (so a leading "$" is not a directive). */
export function declaresField(field: PatchField | undefined, key: string): boolean {
  const fields = field?.fields;
  return fields !== undefined && Object.prototype.hasOwnProperty.call(fields, key);
}

/** Freezes a schema tree so shared sub-schemas cannot be edited through one kind. */
export function freezeSchema<T extends PatchField>(field: T): Readonly<T> {
  if (Object.isFrozen(field)) return field;
  if (field.fields) {
    for (const sub of Object.values(field.fields)) freezeSchema(sub);
    Object.freeze(field.fields);
  }
  if (field.items) freezeSchema(field.items);
  return Object.freeze(field);
}
