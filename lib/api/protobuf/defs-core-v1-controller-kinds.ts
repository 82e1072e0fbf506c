// k8s.io/api/core/v1 kinds that skiff's own controllers write rather than clients: Endpoints
// and Event. Their specs shape those writes as kube's would read back
// (lib/api/schema/go-json-round-trip.ts). Field numbers are the real API's (generated.proto,
// v0.32); notation in field-spec.ts.

import type { MessageDefs } from './field-spec.ts';

export const CORE_V1_CONTROLLER_KINDS: MessageDefs = {
  Endpoints: {
    metadata: '1 ObjectMeta',
    subsets: '2 []EndpointSubset',
  },
  EndpointSubset: {
    addresses: '1 []EndpointAddress',
    notReadyAddresses: '2 []EndpointAddress',
    ports: '3 []EndpointPort',
  },
  EndpointAddress: {
    ip: '1 string!',
    hostname: '3 string',
    nodeName: '4 *string',
    targetRef: '2 *ObjectReference',
  },
  EndpointPort: {
    name: '1 string',
    port: '2 int32!',
    protocol: '3 string',
    appProtocol: '4 *string',
  },

  Event: {
    metadata: '1 ObjectMeta',
    involvedObject: '2 ObjectReference',
    reason: '3 string',
    message: '4 string',
    source: '5 EventSource',
    firstTimestamp: '6 Time',
    lastTimestamp: '7 Time',
    count: '8 int32',
    type: '9 string',
    // A non-pointer MicroTime: events from the core/v1 recorder read back "eventTime": null.
    eventTime: '10 MicroTime',
    series: '11 *EventSeries',
    action: '12 string',
    related: '13 *ObjectReference',
    // No omitempty on either, so they show even when empty.
    reportingComponent: '14 string!',
    reportingInstance: '15 string!',
  },
  EventSource: {
    component: '1 string',
    host: '2 string',
  },
  EventSeries: {
    count: '1 int32',
    lastObservedTime: '2 MicroTime',
  },
};
