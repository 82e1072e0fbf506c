// What the apiserver knows about one served kind: its names (for URLs, discovery and
// kubectl), its scope, and its strategy (the kind-specific rules the generic registry
// applies on every write). Adding a kind is one file in lib/registry/kinds/.
import type { StatusCause } from '../api/errors.ts';
import type { NameRule } from '../api/validation/names.ts';
import type { KubeObject } from '../storage/object-store.ts';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export type Subresource = 'status' | 'scale' | 'binding' | 'log';

export interface ScaleSpec {
  /** Reads/writes spec.replicas. */
  specReplicas: (obj: KubeObject) => number;
  setSpecReplicas: (obj: KubeObject, replicas: number) => KubeObject;
  statusReplicas: (obj: KubeObject) => number;
  /** The label selector as text, for Scale.status.selector. */
  selector: (obj: KubeObject) => string;
}

export interface ResourceStrategy {
  /** The @kubernetes/client-node model name that describes this kind's fields, e.g. "V1Pod". */
  modelName: string;
  /** Rule for metadata.name. */
  nameRule: NameRule;
  /** Fields (besides metadata.name / metadata.namespace) usable in fieldSelector. */
  selectableFields?: readonly string[];
  /** The selectable fields' values as kube computes them; absent, they are read from the object. */
  fieldSet?(obj: KubeObject): Record<string, string>;
  /** Kinds whose status the creator owns (a node agent registers its Node with capacity). */
  keepStatusOnCreate?: boolean;
  /** Fills defaults into a fresh copy; runs on create and update, before validation. */
  defaults?(obj: KubeObject): KubeObject;
  /** Kind-specific create-time preparation (e.g. pods start Pending), after defaults. */
  prepareForCreate?(obj: KubeObject): KubeObject;
  /** Kind-specific validation, beyond ObjectMeta (which the generic registry checks). */
  validate?(obj: KubeObject): StatusCause[];
  /** Extra rules for updates, such as immutable fields. */
  validateUpdate?(obj: KubeObject, old: KubeObject): StatusCause[];
  /** Kinds with a status subresource: updates of the main resource keep the old status. */
  hasStatus?: boolean;
  /**
   * Kinds that track metadata.generation (kube: only some strategies do; ConfigMaps, Pods in
   * 1.32, Services… never get one). Present, a create starts at 1 and an update of the main
   * resource bumps it when this says the desired state moved; absent, the registry neither
   * sets nor bumps it.
   */
  generation?: GenerationRule;
  /**
   * kube's deployment status strategy resets only spec and labels, so a status write may
   * change annotations: that is how its controller records the revision annotation without
   * bumping generation (which annotation changes through the main resource do).
   */
  statusWritesAnnotations?: boolean;
  scale?: ScaleSpec;
}

/** True when an update from `before` to `after` changed what the kind's generation tracks. */
export type GenerationRule = (before: KubeObject, after: KubeObject) => boolean;

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  /** Plural, lower case: the URL segment. */
  resource: string;
  singular: string;
  shortNames?: readonly string[];
  categories?: readonly string[];
  namespaced: boolean;
  verbs: readonly Verb[];
  subresources: readonly Subresource[];
  strategy: ResourceStrategy;
}

export function groupVersion(t: { group: string; version: string }): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}
