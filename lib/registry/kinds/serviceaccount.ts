// ServiceAccounts: only ObjectMeta rules apply (kube's ValidateServiceAccount checks nothing
// else). Every namespace gets a "default" one, and pods name it when they name none.
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';

export const serviceAccounts: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  singular: 'serviceaccount',
  shortNames: ['sa'],
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    modelName: 'V1ServiceAccount',
    nameRule: 'dns1123-subdomain',
  },
};
