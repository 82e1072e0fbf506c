// k8s.io/api/core/v1 Volume and the volume sources a control plane without in-tree cloud
// plugins can use: hostPath, emptyDir, secret, nfs, persistentVolumeClaim, downwardAPI,
// configMap, projected, csi and image. The deprecated in-tree cloud/storage plugins (gce, aws,
// cinder, rbd, …) and generic ephemeral volumes are left out: their field numbers are skipped
// like any unknown field, and validation then reports the volume as having no source.
// Field numbers are the real API's (generated.proto, v0.32); notation in field-spec.ts.

import type { MessageDefs } from './field-spec.ts';

export const CORE_V1_VOLUME: MessageDefs = {
  Volume: {
    name: '1 string!',
    // VolumeSource is embedded in Go, so its one set member sits beside "name" in JSON.
    volumeSource: '2 ...VolumeSource',
  },
  VolumeSource: {
    hostPath: '1 *HostPathVolumeSource',
    emptyDir: '2 *EmptyDirVolumeSource',
    secret: '6 *SecretVolumeSource',
    nfs: '7 *NFSVolumeSource',
    persistentVolumeClaim: '10 *PersistentVolumeClaimVolumeSource',
    downwardAPI: '16 *DownwardAPIVolumeSource',
    configMap: '19 *ConfigMapVolumeSource',
    projected: '26 *ProjectedVolumeSource',
    csi: '28 *CSIVolumeSource',
    image: '30 *ImageVolumeSource',
  },
  HostPathVolumeSource: {
    path: '1 string!',
    type: '2 *string',
  },
  EmptyDirVolumeSource: {
    medium: '1 string',
    sizeLimit: '2 *Quantity',
  },
  SecretVolumeSource: {
    secretName: '1 string',
    items: '2 []KeyToPath',
    defaultMode: '3 *int32',
    optional: '4 *bool',
  },
  KeyToPath: {
    key: '1 string!',
    path: '2 string!',
    mode: '3 *int32',
  },
  NFSVolumeSource: {
    server: '1 string!',
    path: '2 string!',
    readOnly: '3 bool',
  },
  PersistentVolumeClaimVolumeSource: {
    claimName: '1 string!',
    readOnly: '2 bool',
  },
  DownwardAPIVolumeSource: {
    items: '1 []DownwardAPIVolumeFile',
    defaultMode: '2 *int32',
  },
  DownwardAPIVolumeFile: {
    path: '1 string!',
    fieldRef: '2 *ObjectFieldSelector',
    resourceFieldRef: '3 *ResourceFieldSelector',
    mode: '4 *int32',
  },
  ConfigMapVolumeSource: {
    localObjectReference: '1 ...LocalObjectReference',
    items: '2 []KeyToPath',
    defaultMode: '3 *int32',
    optional: '4 *bool',
  },
  ProjectedVolumeSource: {
    sources: '1 []VolumeProjection!',
    defaultMode: '2 *int32',
  },
  VolumeProjection: {
    secret: '1 *SecretProjection',
    downwardAPI: '2 *DownwardAPIProjection',
    configMap: '3 *ConfigMapProjection',
    serviceAccountToken: '4 *ServiceAccountTokenProjection',
    clusterTrustBundle: '5 *ClusterTrustBundleProjection',
  },
  SecretProjection: {
    localObjectReference: '1 ...LocalObjectReference',
    items: '2 []KeyToPath',
    optional: '4 *bool',
  },
  ConfigMapProjection: {
    localObjectReference: '1 ...LocalObjectReference',
    items: '2 []KeyToPath',
    optional: '4 *bool',
  },
  DownwardAPIProjection: {
    items: '1 []DownwardAPIVolumeFile',
  },
  ServiceAccountTokenProjection: {
    audience: '1 string',
    expirationSeconds: '2 *int64',
    path: '3 string!',
  },
  ClusterTrustBundleProjection: {
    name: '1 *string',
    signerName: '2 *string',
    labelSelector: '3 *LabelSelector',
    optional: '5 *bool',
    path: '4 string!',
  },
  CSIVolumeSource: {
    driver: '1 string!',
    readOnly: '2 *bool',
    fsType: '3 *string',
    volumeAttributes: '4 {string}',
    nodePublishSecretRef: '5 *LocalObjectReference',
  },
  ImageVolumeSource: {
    reference: '1 string',
    pullPolicy: '2 string',
  },
};
