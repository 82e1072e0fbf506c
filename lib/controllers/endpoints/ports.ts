// Which pod port a Service port sends to (kube's podutil.FindPort): a numeric targetPort
// is used as is; a named one is looked up among the pod's container ports with the same
// protocol, so pods of one Service may serve a name on different numbers. Restartable
// init containers (sidecars) count, as in kube since 1.29.
import type { Container, EndpointPort, ServicePort } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../storage/object-store.ts';

export function findPort(pod: KubeObject, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  for (const container of podContainers(pod)) {
    for (const p of container.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** The Endpoints port for a Service port served on `port` (kube's endpointPortFromServicePort). */
export function endpointPort(servicePort: ServicePort, port: number): EndpointPort {
  const out: EndpointPort = { port, protocol: servicePort.protocol ?? 'TCP' };
  if (servicePort.name) out.name = servicePort.name;
  if (servicePort.appProtocol) out.appProtocol = servicePort.appProtocol;
  return out;
}

function podContainers(pod: KubeObject): Container[] {
  const spec = (pod['spec'] ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  return [...(spec.containers ?? []), ...sidecars];
}
