// GET and LIST through the registry: selectors parsed and checked against the fields the
// kind supports (kube answers 400 for any other field), then the store does the rest.
import { checkSupportedFields, parseFieldSelector } from '../../api/selectors/field-selector.ts';
import { parseLabelSelector } from '../../api/selectors/label-selector.ts';
import type { KubeObject, ListResult, ObjectKey } from '../../storage/object-store.ts';
import type { ResourceType } from '../resource-type.ts';
import type { RegistryContext } from './context.ts';

export interface ListQuery {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

const ALWAYS_SELECTABLE = ['metadata.name', 'metadata.namespace'];

export function getObject(ctx: RegistryContext, type: ResourceType, key: ObjectKey): Promise<KubeObject> {
  return ctx.store.get(key);
}

export async function listObjects(ctx: RegistryContext, type: ResourceType, query: ListQuery): Promise<ListResult> {
  const fieldSelector = query.fieldSelector ? parseFieldSelector(query.fieldSelector) : undefined;
  if (fieldSelector) checkSupportedFields(fieldSelector, [...ALWAYS_SELECTABLE, ...(type.strategy.selectableFields ?? [])], type.kind);
  return ctx.store.list(type, {
    namespace: type.namespaced ? query.namespace : undefined,
    labelSelector: query.labelSelector ? parseLabelSelector(query.labelSelector) : undefined,
    fieldSelector,
    fieldSet: type.strategy.fieldSet ? fieldSetOf(type) : undefined,
    limit: query.limit,
    continue: query.continue,
  });
}

function fieldSetOf(type: ResourceType): (obj: KubeObject) => Record<string, string> {
  const kindFields = type.strategy.fieldSet!;
  return (obj) => ({ 'metadata.name': obj.metadata.name ?? '', 'metadata.namespace': obj.metadata.namespace ?? '', ...kindFields(obj) });
}

/** A list body as kube-apiserver serves it. */
export function listBody(type: ResourceType, result: ListResult): Record<string, unknown> {
  const metadata: Record<string, string> = { resourceVersion: result.resourceVersion };
  if (result.continue) metadata['continue'] = result.continue;
  return {
    kind: `${type.kind}List`,
    apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
    metadata,
    items: result.items,
  };
}
