// The `paths` of one group-version's OpenAPI v3 document, laid out like kube-apiserver's:
// collection and item paths per resource (plus the all-namespaces list), subresource
// paths, and on every operation the x-kubernetes-action and x-kubernetes-group-version-kind
// kubectl uses to find "the PATCH of kind X" and decide on server-side field validation.
import { modelInfo } from '../../api/schema/model-fields.ts';
import type { ResourceType, Verb } from '../../registry/resource-type.ts';
import { kindOf, sortedResources, subresourcesOf, type GroupVersionKind, type SubresourceInfo } from '../discovery/subresources.ts';
import { schemaRef, type ComponentSchemas } from './component-schemas.ts';
import { PATCH } from './definition-names.ts';
import {
  DELETE_COLLECTION_PARAMETERS,
  DELETE_PARAMETERS,
  LIST_PARAMETERS,
  PATCH_PARAMETERS,
  pathParameter,
  PRETTY,
  WRITE_PARAMETERS,
  type Parameter,
} from './parameters.ts';

export type PathItem = Record<string, unknown>;
type Operation = Record<string, unknown>;

const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'];
const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
const RESPONSE_TEXT: Readonly<Record<string, string>> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };

export interface PathsInput {
  group: string;
  version: string;
  types: readonly ResourceType[];
  schemas: ComponentSchemas;
  /** Whether the server applies strategic merge patches to this kind. */
  strategicMerge: (t: ResourceType) => boolean;
}

/** "coordination.k8s.io" → "Coordination", "" → "Core": the group part of operation ids. */
function groupWord(group: string): string {
  if (group === '') return 'Core';
  return group.replace(/\.k8s\.io$/, '').split('.').map(capitalize).join('');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function responses(schemaName: string, codes: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const code of codes) out[code] = { description: RESPONSE_TEXT[code], content: { 'application/json': { schema: schemaRef(schemaName) } } };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

function requestBody(schemaName: string, required: boolean): Record<string, unknown> {
  return { content: { '*/*': { schema: schemaRef(schemaName) } }, ...(required ? { required: true } : {}) };
}

class PathBuilder {
  readonly paths: Record<string, PathItem> = {};
  private readonly opPrefix: string;
  private readonly tag: string;
  private readonly base: string;
  private readonly status: string;
  private readonly deleteOptions: string;
  private readonly patch: string;

  constructor(private readonly input: PathsInput) {
    const { group, version, schemas } = input;
    const word = groupWord(group);
    this.opPrefix = `${word}${capitalize(version)}`;
    this.tag = `${word.charAt(0).toLowerCase()}${word.slice(1)}_${version}`;
    this.base = group ? `/apis/${group}/${version}` : `/api/${version}`;
    this.status = schemas.addModel('V1Status', '');
    schemas.addGvk(this.status, { group: '', version: 'v1', kind: 'Status' });
    this.deleteOptions = schemas.addModel('V1DeleteOptions', '');
    this.patch = schemas.addFixed(PATCH);
    // The group-version's own discovery document.
    this.paths[`${this.base}/`] = {
      get: { operationId: `get${this.opPrefix}APIResources`, tags: [this.tag], responses: responses(schemas.addModel('V1APIResourceList', ''), ['200']) },
    };
  }

  private op(id: string, action: string, gvk: GroupVersionKind, rest: Operation): Operation {
    return { operationId: id, tags: [this.tag], ...rest, 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': { ...gvk } };
  }

  private params(parameters: readonly Parameter[]): Operation {
    return { parameters: [...parameters] };
  }

  private patchBody(t: ResourceType): Record<string, unknown> {
    const types = this.input.strategicMerge(t) ? [...PATCH_TYPES, STRATEGIC_MERGE_PATCH] : PATCH_TYPES;
    const content: Record<string, unknown> = {};
    for (const type of [...types].sort()) content[type] = { schema: schemaRef(this.patch) };
    return { content, required: true };
  }

  /** get/put/patch (and post for create-only subresources) on one object, in `schema`'s kind. */
  private objectOperations(t: ResourceType, id: string, gvk: GroupVersionKind, schema: string, verbs: ReadonlySet<Verb>): PathItem {
    const ops: PathItem = {};
    const write = { ...this.params(WRITE_PARAMETERS), requestBody: requestBody(schema, true) };
    if (verbs.has('create')) ops.post = this.op(`create${id}`, 'post', gvk, { ...write, responses: responses(schema, ['200', '201', '202']) });
    if (verbs.has('get')) ops.get = this.op(`read${id}`, 'get', gvk, { responses: responses(schema, ['200']) });
    if (verbs.has('update')) ops.put = this.op(`replace${id}`, 'put', gvk, { ...write, responses: responses(schema, ['200', '201']) });
    if (verbs.has('patch')) {
      ops.patch = this.op(`patch${id}`, 'patch', gvk, { ...this.params(PATCH_PARAMETERS), requestBody: this.patchBody(t), responses: responses(schema, ['200', '201']) });
    }
    if (verbs.has('delete')) {
      ops.delete = this.op(`delete${id}`, 'delete', gvk, {
        ...this.params(DELETE_PARAMETERS),
        requestBody: requestBody(this.deleteOptions, false),
        responses: responses(schema, ['200', '202']),
      });
    }
    return ops;
  }

  addResource(t: ResourceType): void {
    const { schemas } = this.input;
    const gvk = kindOf(t);
    const kindSchema = schemas.addModel(t.strategy.modelName, t.group);
    schemas.addGvk(kindSchema, gvk);
    const listModel = `${t.strategy.modelName}List`;
    const listSchema = modelInfo(listModel) ? schemas.addModel(listModel, t.group) : kindSchema;
    if (listSchema !== kindSchema) schemas.addGvk(listSchema, { ...gvk, kind: `${t.kind}List` });

    const verbs = new Set(t.verbs);
    const scopedKind = `${t.namespaced ? 'Namespaced' : ''}${t.kind}`;
    const id = `${this.opPrefix}${scopedKind}`;
    const nsParams = t.namespaced ? [pathParameter('namespace')] : [];
    const collectionPath = `${this.base}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.resource}`;
    const itemPath = `${collectionPath}/{name}`;
    const itemParams = [pathParameter('name'), ...nsParams, PRETTY];

    const collection: PathItem = {};
    if (verbs.has('list')) collection.get = this.op(`list${id}`, 'list', gvk, { ...this.params(LIST_PARAMETERS), responses: responses(listSchema, ['200']) });
    if (verbs.has('create')) {
      collection.post = this.op(`create${id}`, 'post', gvk, {
        ...this.params(WRITE_PARAMETERS),
        requestBody: requestBody(kindSchema, true),
        responses: responses(kindSchema, ['200', '201', '202']),
      });
    }
    if (verbs.has('deletecollection')) {
      collection.delete = this.op(`delete${this.opPrefix}Collection${scopedKind}`, 'deletecollection', gvk, {
        ...this.params(DELETE_COLLECTION_PARAMETERS),
        requestBody: requestBody(this.deleteOptions, false),
        responses: responses(this.status, ['200']),
      });
    }
    if (Object.keys(collection).length > 0) this.paths[collectionPath] = { ...collection, parameters: [...nsParams, PRETTY] };

    // Creation is a collection operation; the item path serves the rest.
    const itemVerbs = new Set([...verbs].filter((v) => v !== 'create'));
    const item = this.objectOperations(t, id, gvk, kindSchema, itemVerbs);
    if (Object.keys(item).length > 0) this.paths[itemPath] = { ...item, parameters: itemParams };

    if (t.namespaced && verbs.has('list')) {
      this.paths[`${this.base}/${t.resource}`] = {
        get: this.op(`list${this.opPrefix}${t.kind}ForAllNamespaces`, 'list', gvk, { ...this.params(LIST_PARAMETERS), responses: responses(listSchema, ['200']) }),
        parameters: [PRETTY],
      };
    }
    for (const sub of subresourcesOf(t)) this.addSubresource(t, sub, `${id}${capitalize(sub.name)}`, `${itemPath}/${sub.name}`, itemParams);
  }

  private addSubresource(t: ResourceType, sub: SubresourceInfo, id: string, path: string, params: Parameter[]): void {
    const schema = this.input.schemas.addModel(sub.modelName, sub.kind.group);
    this.input.schemas.addGvk(schema, sub.kind);
    this.paths[path] = { ...this.objectOperations(t, id, sub.kind, schema, new Set(sub.verbs)), parameters: params };
  }
}

export function groupVersionPaths(input: PathsInput): Record<string, PathItem> {
  const builder = new PathBuilder(input);
  for (const t of sortedResources(input.types)) builder.addResource(t);
  return builder.paths;
}
