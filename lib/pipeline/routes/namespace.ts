// The namespace controller's keys are namespaces. A namespace being deleted is emptied and
// removed; any other namespace change (created, updated) has its defaults checked, as kube's
// serviceaccounts and root-ca-cert-publisher controllers do on namespace add and update.
// Their own objects route back to their namespace: the `default` ServiceAccount when it is
// deleted, and `kube-root-ca.crt` on any change (created or edited by someone else too), so
// both are put back. The final removal of a namespace needs nothing.
import { DEFAULT_SERVICE_ACCOUNT, ROOT_CA_CONFIGMAP } from '../../controllers/namespace/defaults-plan.ts';
import type { GroupResource } from '../../api/errors.ts';
import type { WorkKey } from '../work-key.ts';
import { type Change, NAMESPACES, changedKey, isResource, namedKey, present } from './change.ts';

const SERVICE_ACCOUNTS: GroupResource = { group: '', resource: 'serviceaccounts' };
const CONFIG_MAPS: GroupResource = { group: '', resource: 'configmaps' };

export function namespaceKeys(change: Change): WorkKey[] {
  if (isResource(change, NAMESPACES)) return change.new ? present([changedKey(change)]) : [];
  const obj = change.new ?? change.old;
  const name = obj?.metadata?.name;
  const watched = (isResource(change, SERVICE_ACCOUNTS) && name === DEFAULT_SERVICE_ACCOUNT && !change.new)
    || (isResource(change, CONFIG_MAPS) && name === ROOT_CA_CONFIGMAP);
  return watched ? present([namedKey(NAMESPACES, undefined, obj?.metadata?.namespace)]) : [];
}
