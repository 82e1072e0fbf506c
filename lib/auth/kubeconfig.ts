// The kubeconfig a user points kubectl at: the cluster's CA, its URL, a bearer token.
import { stringify } from 'yaml';

export interface KubeconfigInput {
  clusterName: string;
  server: string;
  caCertPem: string;
  userName: string;
  token: string;
  namespace?: string;
}

export function renderKubeconfig(k: KubeconfigInput): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: k.clusterName, cluster: { server: k.server, 'certificate-authority-data': Buffer.from(k.caCertPem).toString('base64') } }],
    users: [{ name: k.userName, user: { token: k.token } }],
    contexts: [{ name: k.clusterName, context: { cluster: k.clusterName, user: k.userName, namespace: k.namespace ?? 'default' } }],
    'current-context': k.clusterName,
  });
}
