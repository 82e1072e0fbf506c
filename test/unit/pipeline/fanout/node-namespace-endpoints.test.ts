// Namespace, node lifecycle and endpoints routes.
import { describe, expect, it } from 'vitest';
// The route's copies of the slice labels must be the controller's own.
import { CONTROLLER_NAME, MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from '../../../../lib/controllers/endpoints/slice-plan.ts';
import { type Case, NODES, PODS, node, obj, pod, routesTo } from './fixtures.ts';

const NS = { group: '', resource: 'namespaces' };
const SVC = { group: '', resource: 'services' };
const LEASES = { group: 'coordination.k8s.io', resource: 'leases' };
const ns = (o: Parameters<typeof obj>[4] = {}) => obj('v1', 'Namespace', 'team', undefined, o);
const lease = (name: string, namespace: string, renewTime = 'a') =>
  obj('coordination.k8s.io/v1', 'Lease', name, namespace, {}, { spec: { holderIdentity: name, renewTime } });

const SA = { group: '', resource: 'serviceaccounts' };
const CM = { group: '', resource: 'configmaps' };
const sa = (name: string) => obj('v1', 'ServiceAccount', name, 'team');
const cm = (name: string, data: Record<string, string> = {}) => obj('v1', 'ConfigMap', name, 'team', {}, { data });

const namespaceCases: Case[] = [
  { name: 'created (its defaults are made)', change: { resource: NS, new: ns() }, want: ['namespace /namespaces//team'] },
  { name: 'updated (its defaults are checked)', change: { resource: NS, old: ns(), new: ns({ labels: { a: 'b' } }) }, want: ['namespace /namespaces//team'] },
  { name: 'getting a deletionTimestamp', change: { resource: NS, old: ns(), new: ns({ deleting: true, finalizers: ['kubernetes'] }) }, want: ['namespace /namespaces//team'] },
  { name: 'still terminating', change: { resource: NS, old: ns({ deleting: true }), new: ns({ deleting: true, labels: { a: 'b' } }) }, want: ['namespace /namespaces//team'] },
  { name: 'finally removed', change: { resource: NS, old: ns({ deleting: true }) }, want: [] },
  { name: 'the default ServiceAccount deleted', change: { resource: SA, old: sa('default') }, want: ['namespace /namespaces//team'] },
  { name: 'the default ServiceAccount created or edited', change: { resource: SA, old: sa('default'), new: sa('default') }, want: [] },
  { name: 'another ServiceAccount deleted', change: { resource: SA, old: sa('builder') }, want: [] },
  { name: 'the root CA ConfigMap deleted', change: { resource: CM, old: cm('kube-root-ca.crt') }, want: ['namespace /namespaces//team'] },
  { name: 'the root CA ConfigMap edited', change: { resource: CM, old: cm('kube-root-ca.crt'), new: cm('kube-root-ca.crt', { 'ca.crt': 'x' }) }, want: ['namespace /namespaces//team'] },
  { name: 'the root CA ConfigMap created', change: { resource: CM, new: cm('kube-root-ca.crt') }, want: ['namespace /namespaces//team'] },
  { name: 'another ConfigMap deleted', change: { resource: CM, old: cm('settings') }, want: [] },
];

const nodeLifecycleCases: Case[] = [
  { name: 'a node created', change: { resource: NODES, new: node('n1') }, want: ['nodelifecycle /nodes//n1'] },
  { name: 'a node heartbeat in status', change: { resource: NODES, old: node('n1'), new: node('n1', { heartbeat: 'later' }) }, want: ['nodelifecycle /nodes//n1'] },
  { name: 'a node deleted', change: { resource: NODES, old: node('n1') }, want: ['nodelifecycle /nodes//n1'] },
  { name: 'a node lease created', change: { resource: LEASES, new: lease('n1', 'kube-node-lease') }, want: ['nodelifecycle /nodes//n1'] },
  { name: 'a node lease renewed', change: { resource: LEASES, old: lease('n1', 'kube-node-lease'), new: lease('n1', 'kube-node-lease', 'b') }, want: ['nodelifecycle /nodes//n1'] },
  { name: 'a node lease deleted', change: { resource: LEASES, old: lease('n1', 'kube-node-lease') }, want: ['nodelifecycle /nodes//n1'] },
  { name: 'a lease elsewhere (leader election)', change: { resource: LEASES, old: lease('lock', 'kube-system'), new: lease('lock', 'kube-system', 'b') }, want: [] },
];

const svcKey = 'endpoints /services/default/web';
const SLICES = { group: 'discovery.k8s.io', resource: 'endpointslices' };
const slice = (labels: Record<string, string> = {}) =>
  obj('discovery.k8s.io/v1', 'EndpointSlice', 'web-abcde', 'default', { labels: { [SERVICE_NAME_LABEL]: 'web', [MANAGED_BY_LABEL]: CONTROLLER_NAME, ...labels } });
const podKey = 'endpoints /pods/default/p';
const running = (o: Parameters<typeof pod>[1] = {}) => pod('p', { nodeName: 'n1', phase: 'Running', podIP: '10.0.0.1', ready: true, labels: { app: 'web' }, ...o });

const endpointsCases: Case[] = [
  { name: 'a service created', change: { resource: SVC, new: obj('v1', 'Service', 'web', 'default') }, want: [svcKey] },
  { name: 'a service updated', change: { resource: SVC, old: obj('v1', 'Service', 'web', 'default'), new: obj('v1', 'Service', 'web', 'default', { labels: { a: 'b' } }) }, want: [svcKey] },
  { name: 'a service deleted', change: { resource: SVC, old: obj('v1', 'Service', 'web', 'default') }, want: [svcKey] },
  { name: 'a pod created (no IP yet: in no Endpoints)', change: { resource: PODS, new: pod('p') }, want: [] },
  { name: 'a pod created with an IP already', change: { resource: PODS, new: running() }, want: [podKey] },
  { name: 'a pod deleted', change: { resource: PODS, old: running() }, want: [podKey] },
  { name: 'a pod deleted before it had an IP', change: { resource: PODS, old: pod('p', { nodeName: 'n1', labels: { app: 'web' } }) }, want: [] },
  { name: 'labels changed', change: { resource: PODS, old: running(), new: running({ labels: { app: 'api' } }) }, want: [podKey] },
  { name: 'became ready', change: { resource: PODS, old: running({ ready: false }), new: running() }, want: [podKey] },
  { name: 'got an IP', change: { resource: PODS, old: running({ podIP: '' }), new: running() }, want: [podKey] },
  { name: 'phase changed', change: { resource: PODS, old: running(), new: running({ phase: 'Succeeded' }) }, want: [podKey] },
  { name: 'getting a deletionTimestamp', change: { resource: PODS, old: running(), new: running({ deleting: true }) }, want: [podKey] },
  { name: 'only annotations changed', change: { resource: PODS, old: running(), new: running({ annotations: { note: 'x' } }) }, want: [] },
  { name: 'only bound (no IP yet)', change: { resource: PODS, old: pod('p'), new: pod('p', { nodeName: 'n1' }) }, want: [] },
  { name: 'a configmap', change: { resource: { group: '', resource: 'configmaps' }, new: obj('v1', 'ConfigMap', 'c', 'default') }, want: [] },
  { name: 'a managed slice deleted', change: { resource: SLICES, old: slice() }, want: [svcKey] },
  { name: 'a managed slice edited', change: { resource: SLICES, old: slice(), new: slice({ note: 'x' }) }, want: [svcKey] },
  { name: 'a slice taken over by someone else', change: { resource: SLICES, old: slice(), new: slice({ [MANAGED_BY_LABEL]: 'me' }) }, want: [svcKey] },
  { name: 'a slice somebody else manages', change: { resource: SLICES, new: slice({ [MANAGED_BY_LABEL]: 'me' }) }, want: [] },
];

describe('namespace routes', () => {
  it.each(namespaceCases)('$name', ({ change, want }) => expect(routesTo('namespace', change)).toEqual(want));
});

describe('nodelifecycle routes', () => {
  it.each(nodeLifecycleCases)('$name', ({ change, want }) => expect(routesTo('nodelifecycle', change)).toEqual(want));
});

describe('endpoints routes', () => {
  it.each(endpointsCases)('$name', ({ change, want }) => expect(routesTo('endpoints', change)).toEqual(want));
});
