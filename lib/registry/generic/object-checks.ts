// The checks every write runs, kind-agnostic: ObjectMeta, the kind's own rules, the
// type's field schema. Kept together so create, update and patch cannot diverge.
import { BadRequestError, InvalidError, type StatusCause } from '../../api/errors.ts';
import { checkFields } from '../../api/schema/strict-fields.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../api/validation/object-meta.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { groupVersion, type ResourceType } from '../resource-type.ts';
import type { WriteOptions } from './context.ts';

export function validateForCreate(type: ResourceType, obj: KubeObject): void {
  const causes = [
    ...validateObjectMeta(obj.metadata, { namespaced: type.namespaced, nameRule: type.strategy.nameRule, kind: type.kind }),
    ...(type.strategy.validate?.(obj) ?? []),
  ];
  throwIfInvalid(type, obj, causes);
}

export function validateForUpdate(type: ResourceType, obj: KubeObject, old: KubeObject): void {
  const causes = [
    ...validateObjectMeta(obj.metadata, { namespaced: type.namespaced, nameRule: type.strategy.nameRule, kind: type.kind }),
    ...validateObjectMetaUpdate(obj.metadata, old.metadata),
    ...(type.strategy.validate?.(obj) ?? []),
    ...(type.strategy.validateUpdate?.(obj, old) ?? []),
  ];
  throwIfInvalid(type, obj, causes);
}

function throwIfInvalid(type: ResourceType, obj: KubeObject, causes: StatusCause[]): void {
  if (causes.length) throw new InvalidError(type.kind, obj.metadata?.name || obj.metadata?.generateName || '', causes, type.group);
}

/**
 * Unknown fields and wrong JSON types, per ?fieldValidation=. Wrong types are always an
 * error (Go would fail to decode them); unknown fields only under Strict, a warning under Warn.
 */
export function checkSchema(type: ResourceType, obj: unknown, opts: WriteOptions, modelName = type.strategy.modelName, kind = type.kind): void {
  const { unknownFields, typeErrors } = checkFields(obj, modelName);
  const prefix = `${kind} in version "${groupVersion(type)}" cannot be handled as a ${kind}`;
  // Go's decoder stops at the first type error; so does kube-apiserver's message.
  if (typeErrors.length) throw new BadRequestError(`${prefix}: ${typeErrors[0]}`);
  if (!unknownFields.length) return;
  const mode = opts.fieldValidation ?? 'Ignore';
  const listed = unknownFields.map((f) => `unknown field "${f}"`);
  if (mode === 'Strict') throw new BadRequestError(`${prefix}: strict decoding error: ${listed.join(', ')}`);
  if (mode === 'Warn') opts.warnings?.push(...listed);
}

/** The body's apiVersion and kind must name the type the URL names (empty means "as the URL"). */
export function checkTypeMeta(type: ResourceType, obj: KubeObject, kind = type.kind, apiVersion = groupVersion(type)): KubeObject {
  if (obj.apiVersion && obj.apiVersion !== apiVersion) {
    throw new BadRequestError(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersion})`);
  }
  if (obj.kind && obj.kind !== kind) {
    throw new BadRequestError(`the kind in the data (${obj.kind}) does not match the expected kind (${kind})`);
  }
  return { ...obj, apiVersion, kind };
}
