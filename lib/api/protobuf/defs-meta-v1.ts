// k8s.io/apimachinery/pkg/apis/meta/v1 messages that appear inside the objects we decode.
// Field numbers are the real API's (generated.proto, v0.32); the type notation is explained in
// field-spec.ts. Time, MicroTime and FieldsV1 live in well-known-types.ts with their JSON forms.

import type { MessageDefs } from './field-spec.ts';

export const META_V1: MessageDefs = {
  ObjectMeta: {
    name: '1 string',
    generateName: '2 string',
    namespace: '3 string',
    selfLink: '4 string',
    uid: '5 string',
    resourceVersion: '6 string',
    generation: '7 int64',
    // A non-pointer Time: Go sends it empty when unset and encodes it as null, which is why
    // kubectl's own JSON carries "creationTimestamp": null.
    creationTimestamp: '8 Time',
    deletionTimestamp: '9 *Time',
    deletionGracePeriodSeconds: '10 *int64',
    labels: '11 {string}',
    annotations: '12 {string}',
    ownerReferences: '13 []OwnerReference',
    finalizers: '14 []string',
    managedFields: '17 []ManagedFieldsEntry',
  },
  OwnerReference: {
    apiVersion: '5 string!',
    kind: '1 string!',
    name: '3 string!',
    uid: '4 string!',
    controller: '6 *bool',
    blockOwnerDeletion: '7 *bool',
  },
  ManagedFieldsEntry: {
    manager: '1 string',
    operation: '2 string',
    apiVersion: '3 string',
    time: '4 *Time',
    fieldsType: '6 string',
    fieldsV1: '7 *FieldsV1',
    subresource: '8 string',
  },
  LabelSelector: {
    matchLabels: '1 {string}',
    matchExpressions: '2 []LabelSelectorRequirement',
  },
  LabelSelectorRequirement: {
    key: '1 string!',
    operator: '2 string!',
    values: '3 []string',
  },
  // Used by authorization's fieldSelector attributes.
  FieldSelectorRequirement: {
    key: '1 string!',
    operator: '2 string!',
    values: '3 []string',
  },
  // metav1.Condition, as in Service.status.conditions.
  Condition: {
    type: '1 string!',
    status: '2 string!',
    observedGeneration: '3 int64',
    lastTransitionTime: '4 Time',
    reason: '5 string!',
    message: '6 string!',
  },
};
