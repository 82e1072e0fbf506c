// k8s.io/api/coordination/v1 Lease: client-go leader election (and kubelets) write Leases as
// protobuf, so a Go controller pointed at skiff needs this. Field numbers are the real API's
// (generated.proto, v0.32); notation in field-spec.ts.

import type { MessageDefs } from './field-spec.ts';

export const COORDINATION_V1: MessageDefs = {
  Lease: {
    metadata: '1 ObjectMeta',
    spec: '2 LeaseSpec',
  },
  LeaseSpec: {
    holderIdentity: '1 *string',
    leaseDurationSeconds: '2 *int32',
    // MicroTime, unlike Time, keeps microseconds: "2024-05-01T10:00:00.123456Z".
    acquireTime: '3 *MicroTime',
    renewTime: '4 *MicroTime',
    leaseTransitions: '5 *int32',
    strategy: '6 *string',
    preferredHolder: '7 *string',
  },
};
