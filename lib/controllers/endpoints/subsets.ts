// Endpoints subsets in kube's canonical packing (endpoints.RepackSubsets): every
// (address, port) pair a pod offers, regrouped so that ports offered by exactly the same
// addresses share one subset. Sorted, so the same pods always give the same object and an
// unchanged Service is never rewritten.
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';

export interface AddressEntry {
  address: EndpointAddress;
  ready: boolean;
  /** Empty for a headless Service without ports: the address is listed without any. */
  ports: EndpointPort[];
}

export function repackSubsets(entries: readonly AddressEntry[]): EndpointSubset[] {
  // port → the addresses offering it ("" stands for "no port" of a headless Service).
  const byPort = new Map<string, { port: EndpointPort | undefined; addresses: Map<string, AddressEntry> }>();
  for (const entry of entries) {
    for (const port of entry.ports.length ? entry.ports : [undefined]) {
      const key = port ? portKey(port) : '';
      let group = byPort.get(key);
      if (!group) byPort.set(key, (group = { port, addresses: new Map() }));
      group.addresses.set(addressKey(entry.address), entry);
    }
  }
  // address set → the ports offered by exactly that set.
  const bySet = new Map<string, { addresses: AddressEntry[]; ports: EndpointPort[] }>();
  for (const { port, addresses } of byPort.values()) {
    const setKey = [...addresses.entries()].map(([k, e]) => `${k}:${e.ready}`).sort().join(',');
    let subset = bySet.get(setKey);
    if (!subset) bySet.set(setKey, (subset = { addresses: [...addresses.values()], ports: [] }));
    if (port) subset.ports.push(port);
  }
  const subsets = [...bySet.values()].map(({ addresses, ports }) => {
    const subset: EndpointSubset = {};
    const ready = addresses.filter((a) => a.ready).map((a) => a.address).sort(compareAddresses);
    const notReady = addresses.filter((a) => !a.ready).map((a) => a.address).sort(compareAddresses);
    if (ready.length) subset.addresses = ready;
    if (notReady.length) subset.notReadyAddresses = notReady;
    if (ports.length) subset.ports = ports.sort((a, b) => compareText(portKey(a), portKey(b)));
    return subset;
  });
  return subsets.sort((a, b) => compareText(subsetKey(a), subsetKey(b)));
}

/** kube's addressKey: the IP and the pod's uid. */
function addressKey(a: EndpointAddress): string {
  return `${a.ip}/${a.targetRef?.uid ?? ''}`;
}

function portKey(p: EndpointPort): string {
  return `${p.name ?? ''}/${p.port}/${p.protocol ?? 'TCP'}/${p.appProtocol ?? ''}`;
}

function subsetKey(s: EndpointSubset): string {
  const first = s.addresses?.[0] ?? s.notReadyAddresses?.[0];
  return `${first ? addressKey(first) : ''}|${(s.ports ?? []).map(portKey).join(',')}`;
}

function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  return compareText(addressKey(a), addressKey(b));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
