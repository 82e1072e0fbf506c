// k8s.io/api/discovery/v1 EndpointSlice. Only the endpoints controller writes these; the
// specs shape what it writes as kube's would read back (lib/api/schema/go-json-round-trip.ts).
// Field numbers are the real API's (generated.proto, v0.32); notation in field-spec.ts.

import type { MessageDefs } from './field-spec.ts';

export const DISCOVERY_V1: MessageDefs = {
  EndpointSlice: {
    metadata: '1 ObjectMeta',
    addressType: '4 string!',
    // Neither list has omitempty, and etcd's protobuf turns an empty one into nil: kube's
    // placeholder slice reads back as "endpoints": null, "ports": null.
    endpoints: '2 []Endpoint!',
    ports: '3 []DiscoveryEndpointPort!',
  },
  Endpoint: {
    addresses: '1 []string!',
    conditions: '2 EndpointConditions',
    hostname: '3 *string',
    targetRef: '4 *ObjectReference',
    deprecatedTopology: '5 {string}',
    nodeName: '6 *string',
    zone: '7 *string',
    hints: '8 *EndpointHints',
  },
  EndpointConditions: {
    ready: '1 *bool',
    serving: '2 *bool',
    terminating: '3 *bool',
  },
  EndpointHints: {
    forZones: '1 []ForZone',
  },
  ForZone: {
    name: '1 string!',
  },
  // discovery/v1 EndpointPort, renamed: message names share one namespace with core/v1's
  // EndpointPort, whose fields are not pointers.
  DiscoveryEndpointPort: {
    name: '1 *string',
    protocol: '2 *string',
    port: '3 *int32',
    appProtocol: '4 *string',
  },
};
