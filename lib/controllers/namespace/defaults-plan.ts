// What a live namespace must hold, as a pure decision: the `default` ServiceAccount (kube's
// serviceaccounts-controller) and the `kube-root-ca.crt` ConfigMap carrying the cluster CA
// (kube's root-ca-cert-publisher). Nothing is made in a namespace that is terminating, and
// without a CA bundle (AWS: the function URL's certificate is AWS's) no ConfigMap is published.
import { isDeepStrictEqual } from 'node:util';
import { isTerminating } from '../../registry/generic/namespace-lifecycle.ts';
import type { KubeObject } from '../../storage/object-store.ts';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const ROOT_CA_KEY = 'ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
/** The publisher's annotation value, as kube-controller-manager writes it. */
export const ROOT_CA_DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints '
  + 'such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export interface NamespaceDefaultsState {
  namespace: KubeObject | undefined;
  /** The namespace's `default` ServiceAccount, if it exists. */
  serviceAccount: KubeObject | undefined;
  /** The namespace's `kube-root-ca.crt` ConfigMap, if it exists. */
  rootCaConfigMap: KubeObject | undefined;
  /** The cluster CA bundle (PEM); undefined where the cluster has none of its own. */
  rootCaPem: string | undefined;
}

export type DefaultsWrite =
  | { verb: 'create'; resource: 'serviceaccounts' | 'configmaps'; obj: KubeObject }
  | { verb: 'update'; resource: 'configmaps'; obj: KubeObject };

export function planNamespaceDefaults(state: NamespaceDefaultsState): DefaultsWrite[] {
  const ns = state.namespace;
  if (!ns || isTerminating(ns)) return [];
  const namespace = ns.metadata.name!;
  const writes: DefaultsWrite[] = [];
  if (!state.serviceAccount) {
    writes.push({ verb: 'create', resource: 'serviceaccounts', obj: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace } } });
  }
  if (state.rootCaPem === undefined) return writes;
  const data = { [ROOT_CA_KEY]: state.rootCaPem };
  const cm = state.rootCaConfigMap;
  if (!cm) {
    writes.push({
      verb: 'create', resource: 'configmaps',
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } }, data },
    });
    return writes;
  }
  // As the publisher: the data must be exactly the bundle, and some description must be
  // there (a user's own wording is kept); labels, other annotations and binaryData are left alone.
  if (isDeepStrictEqual(cm['data'] ?? {}, data) && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return writes;
  const restored: KubeObject = {
    ...cm,
    metadata: { ...cm.metadata, annotations: { ...cm.metadata.annotations, [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
    data,
  };
  writes.push({ verb: 'update', resource: 'configmaps', obj: restored });
  return writes;
}
