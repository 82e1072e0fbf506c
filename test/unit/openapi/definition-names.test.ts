import { describe, expect, it } from 'vitest';
import { definitionName, groupPackage } from '../../../lib/apiserver/openapi/definition-names.ts';

describe('definitionName', () => {
  it('maps client-node models to kube schema names', () => {
    expect(definitionName('V1Pod', '')).toBe('io.k8s.api.core.v1.Pod');
    expect(definitionName('CoreV1Event', '')).toBe('io.k8s.api.core.v1.Event');
    expect(definitionName('EventsV1Event', 'events.k8s.io')).toBe('io.k8s.api.events.v1.Event');
    expect(definitionName('V1ObjectMeta', 'apps')).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(definitionName('V1DeleteOptions', '')).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions');
    expect(definitionName('V1Lease', 'coordination.k8s.io')).toBe('io.k8s.api.coordination.v1.Lease');
    expect(definitionName('V1Scale', 'autoscaling')).toBe('io.k8s.api.autoscaling.v1.Scale');
    expect(definitionName('V1CustomResourceDefinition', 'apiextensions.k8s.io')).toBe(
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
    );
  });

  it('keeps core types in core whichever kind reaches them', () => {
    expect(definitionName('V1PodTemplateSpec', 'apps')).toBe('io.k8s.api.core.v1.PodTemplateSpec');
    expect(definitionName('V1PersistentVolumeClaim', 'apps')).toBe('io.k8s.api.core.v1.PersistentVolumeClaim');
    expect(definitionName('V1DeploymentSpec', 'apps')).toBe('io.k8s.api.apps.v1.DeploymentSpec');
  });

  it('derives Go package paths from group names', () => {
    expect(groupPackage('')).toBe('io.k8s.api.core');
    expect(groupPackage('rbac.authorization.k8s.io')).toBe('io.k8s.api.rbac');
    expect(groupPackage('internal.apiserver.k8s.io')).toBe('io.k8s.api.apiserverinternal');
    expect(groupPackage('apiregistration.k8s.io')).toBe('io.k8s.kube-aggregator.pkg.apis.apiregistration');
  });
});
