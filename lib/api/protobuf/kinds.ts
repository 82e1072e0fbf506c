// The kinds we accept as protobuf and the schema that decodes them. The list follows what
// real clients send that way: kubectl's typed `create` generators, `auth can-i` and
// `auth whoami`, plus Lease for client-go leader election. Anything else gets a 415 asking
// for JSON.

import { APPS_V1 } from './defs-apps-v1.ts';
import { AUTHENTICATION_V1 } from './defs-authentication-v1.ts';
import { AUTHORIZATION_V1 } from './defs-authorization-v1.ts';
import { COORDINATION_V1 } from './defs-coordination-v1.ts';
import { CORE_V1 } from './defs-core-v1.ts';
import { CORE_V1_CONTAINER } from './defs-core-v1-container.ts';
import { CORE_V1_CONTROLLER_KINDS } from './defs-core-v1-controller-kinds.ts';
import { CORE_V1_POD } from './defs-core-v1-pod.ts';
import { CORE_V1_VOLUME } from './defs-core-v1-volume.ts';
import { DISCOVERY_V1 } from './defs-discovery-v1.ts';
import { META_V1 } from './defs-meta-v1.ts';
import { buildSchema } from './proto-root.ts';
import type { ProtoSchema } from './proto-root.ts';
import { WELL_KNOWN_DEFS } from './well-known-types.ts';

/** apiVersion → kind → top-level message name. */
const KINDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  v1: {
    Namespace: 'Namespace',
    ConfigMap: 'ConfigMap',
    Secret: 'Secret',
    ServiceAccount: 'ServiceAccount',
    Service: 'Service',
  },
  'apps/v1': { Deployment: 'Deployment' },
  'authentication.k8s.io/v1': { SelfSubjectReview: 'SelfSubjectReview' },
  'authorization.k8s.io/v1': {
    SelfSubjectAccessReview: 'SelfSubjectAccessReview',
    SelfSubjectRulesReview: 'SelfSubjectRulesReview',
  },
  'coordination.k8s.io/v1': { Lease: 'Lease' },
};

let schema: ProtoSchema | undefined;

/**
 * Built on first use: a few milliseconds that JSON-only requests never pay. It also holds
 * messages no client sends us as protobuf (ReplicaSet, EndpointSlice, Endpoints, Event):
 * their field specs shape what the controllers write (lib/api/schema/go-json-round-trip.ts).
 */
export function protoSchema(): ProtoSchema {
  schema ??= buildSchema([
    WELL_KNOWN_DEFS,
    META_V1,
    CORE_V1,
    CORE_V1_POD,
    CORE_V1_CONTAINER,
    CORE_V1_VOLUME,
    CORE_V1_CONTROLLER_KINDS,
    APPS_V1,
    DISCOVERY_V1,
    AUTHENTICATION_V1,
    AUTHORIZATION_V1,
    COORDINATION_V1,
  ]);
  return schema;
}

/** The message that decodes apiVersion/kind, or undefined when we do not decode that kind. */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  const byKind = Object.hasOwn(KINDS, apiVersion) ? KINDS[apiVersion] : undefined;
  return byKind && Object.hasOwn(byKind, kind) ? byKind[kind] : undefined;
}

/** What we decode, as "apps/v1 Deployment" strings, for error messages. */
export function decodableKinds(): string[] {
  return Object.entries(KINDS).flatMap(([gv, kinds]) => Object.keys(kinds).map((k) => `${gv} ${k}`));
}
