// core/v1 Events, after kube's event strategy and legacyValidateEvent. Events are written
// by every component and read by `kubectl describe` and `kubectl get events
// --field-selector involvedObject.name=…`, so the involved object must be named and its
// namespace must agree with the event's.
import type { StatusCause } from '../../api/errors.ts';
import { invalid, invalidEach, notSupported, required } from '../../api/validation/field.ts';
import { isDns1123Subdomain, isQualifiedName } from '../../api/validation/names.ts';
import type { JsonObject } from '../../api/validation/read.ts';
import { isObject, optString } from '../../api/validation/read.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';

const EVENT_TYPES = ['Normal', 'Warning'];
/** kube's length limits for "new" events (those carrying eventTime). */
const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The checks kube applies only to events that carry eventTime (written by the events API). */
function validateNewStyle(obj: KubeObject, involvedNs: string, namespace: string, out: StatusCause[]): void {
  if (!involvedNs && namespace !== 'default' && namespace !== 'kube-system') {
    out.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
  }
  const controller = str(obj['reportingComponent']);
  if (!controller) out.push(required('reportingComponent'));
  out.push(...invalidEach('reportingComponent', controller, isQualifiedName(controller)));
  const instance = str(obj['reportingInstance']);
  if (!instance) out.push(required('reportingInstance'));
  if (instance.length > REPORTING_INSTANCE_LIMIT) out.push(invalid('reportingInstance', '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`));
  const action = str(obj['action']);
  if (!action) out.push(required('action'));
  if (action.length > ACTION_LIMIT) out.push(invalid('action', '', `can have at most ${ACTION_LIMIT} characters`));
  const reason = str(obj['reason']);
  if (!reason) out.push(required('reason'));
  if (reason.length > REASON_LIMIT) out.push(invalid('reason', '', `can have at most ${REASON_LIMIT} characters`));
  if (str(obj['message']).length > NOTE_LIMIT) out.push(invalid('message', '', `can have at most ${NOTE_LIMIT} characters`));
}

function validateEvent(obj: KubeObject): StatusCause[] {
  const out: StatusCause[] = [];
  const namespace = obj.metadata?.namespace ?? '';
  const involved = obj['involvedObject'];
  if (!isObject(involved)) {
    out.push(required('involvedObject'));
  } else {
    const involvedNs = optString(involved, 'namespace', 'involvedObject', out) ?? '';
    if (obj['eventTime'] === undefined || obj['eventTime'] === null) {
      // Events about cluster-scoped objects (nodes) live in "default".
      const matches = involvedNs ? involvedNs === namespace : namespace === '' || namespace === 'default';
      if (!matches) out.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    } else {
      validateNewStyle(obj, involvedNs, namespace, out);
    }
  }
  const type = optString(obj as JsonObject, 'type', '', out);
  if (type && !EVENT_TYPES.includes(type)) out.push(notSupported('type', type, EVENT_TYPES));
  if (namespace) out.push(...invalidEach('namespace', namespace, isDns1123Subdomain(namespace)));
  return out;
}

/**
 * kube's event field set. "source" is computed (source.component, else the reporting
 * controller), so a plain path lookup cannot answer it; "reportingComponent" is the v1
 * spelling of reportingController.
 */
export function eventFieldSet(obj: KubeObject): Record<string, string> {
  const involved: JsonObject = isObject(obj['involvedObject']) ? obj['involvedObject'] : {};
  const source: JsonObject = isObject(obj['source']) ? obj['source'] : {};
  return {
    'metadata.name': obj.metadata?.name ?? '',
    'metadata.namespace': obj.metadata?.namespace ?? '',
    'involvedObject.kind': str(involved['kind']),
    'involvedObject.namespace': str(involved['namespace']),
    'involvedObject.name': str(involved['name']),
    'involvedObject.uid': str(involved['uid']),
    'involvedObject.apiVersion': str(involved['apiVersion']),
    'involvedObject.resourceVersion': str(involved['resourceVersion']),
    'involvedObject.fieldPath': str(involved['fieldPath']),
    reason: str(obj['reason']),
    reportingComponent: str(obj['reportingComponent']),
    source: str(source['component']) || str(obj['reportingComponent']),
    type: str(obj['type']),
  };
}

export const events: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Event',
  resource: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    fieldSet: eventFieldSet,
    modelName: 'CoreV1Event',
    // kube validates no ObjectMeta for core/v1 events; recorders name them "<object>.<hex>".
    nameRule: 'path-segment',
    selectableFields: [
      'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
      'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath',
      'reason', 'reportingComponent', 'source', 'type',
    ],
    validate: validateEvent,
  },
};
