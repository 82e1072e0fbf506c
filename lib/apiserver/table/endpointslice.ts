// `kubectl get endpointslices`: kube's printEndpointSlice (NAME ADDRESSTYPE PORTS ENDPOINTS
// AGE). Unlike `get endpoints`, every endpoint's addresses are shown, ready or not.
import type { EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../../storage/object-store.ts';
import { AGE_COLUMN, NAME_COLUMN, column } from './columns.ts';
import { since } from './human-duration.ts';
import type { PrintedRow, Printer } from './types.ts';

const MAX_SHOWN = 3;

/** kube's listWithMoreString: the first three, then "+ N more...", or <unset> for none. */
function listWithMore(all: readonly string[]): string {
  const shown = all.slice(0, MAX_SHOWN).join(',');
  if (all.length > MAX_SHOWN) return `${shown} + ${all.length - MAX_SHOWN} more...`;
  return shown || '<unset>';
}

/** kube's formatDiscoveryPorts: a port without a number is shown by name, or "*" (all ports). */
export function formatSlicePorts(ports: readonly EndpointPort[] | undefined): string {
  return listWithMore((ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name || '*')));
}

/** kube's formatDiscoveryEndpoints: every address of every endpoint. */
export function formatSliceEndpoints(slice: EndpointSlice): string {
  return listWithMore((slice.endpoints ?? []).flatMap((e) => e.addresses ?? []));
}

const columns = Object.freeze([
  NAME_COLUMN,
  column(
    'AddressType',
    'string',
    'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.',
  ),
  column(
    'Ports',
    'string',
    'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.',
  ),
  column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.'),
  AGE_COLUMN,
]);

function row(obj: KubeObject, now: Date): PrintedRow {
  const slice = obj as unknown as EndpointSlice;
  return {
    cells: [slice.metadata?.name ?? '', slice.addressType ?? '', formatSlicePorts(slice.ports), formatSliceEndpoints(slice), since(slice.metadata?.creationTimestamp, now)],
  };
}

export const endpointSlicePrinter: Printer = { columns, row };
