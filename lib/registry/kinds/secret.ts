// Secrets, after kube's SetDefaults_Secret, the v1 conversion that folds stringData into
// data, ValidateSecret and ValidateSecretUpdate.
import type { StatusCause } from '../../api/errors.ts';
import { FIELD_IMMUTABLE_ERROR_MSG, forbidden, invalid, invalidEach, key, required, tooLong } from '../../api/validation/field.ts';
import { isConfigMapKey } from '../../api/validation/names.ts';
import { isObject, optString } from '../../api/validation/read.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import { ALL_VERBS, type ResourceType } from '../resource-type.ts';
import { semanticEqual } from './semantic-equal.ts';

type Json = Record<string, unknown>;

/** kube's MaxSecretSize: the decoded bytes of all data values together. */
export const MAX_SECRET_BYTES = 1024 * 1024;

/** Undecodable base64 never gets here: the schema check refuses it as Go's decoder would. */
function decodedLength(text: string): number {
  return Buffer.from(text.replace(/[\r\n]/g, ''), 'base64').length;
}

/**
 * Opaque by default, and stringData written into data (base64, overriding the same key)
 * and dropped: kube does this while decoding, so stringData is never stored or returned.
 */
function defaultSecret(obj: KubeObject): KubeObject {
  const secret = structuredClone(obj);
  if (secret['type'] === undefined || secret['type'] === null || secret['type'] === '') secret['type'] = 'Opaque';
  const stringData = secret['stringData'];
  if (isObject(stringData)) {
    const data: Json = isObject(secret['data']) ? secret['data'] : {};
    for (const [k, v] of Object.entries(stringData)) {
      if (typeof v === 'string' || v === null) data[k] = Buffer.from(v ?? '', 'utf8').toString('base64');
    }
    if (Object.keys(data).length) secret['data'] = data;
    delete secret['stringData'];
  }
  return secret;
}

/** Keys each well-known type must carry (kube's per-type checks in ValidateSecret). */
function validateType(secret: KubeObject, type: string, data: Json): StatusCause[] {
  const has = (k: string): boolean => Object.hasOwn(data, k);
  const dataKey = (k: string): string => key('data', k);
  switch (type) {
    case 'kubernetes.io/service-account-token': {
      const name = secret.metadata?.annotations?.['kubernetes.io/service-account.name'];
      return name ? [] : [required(key('metadata.annotations', 'kubernetes.io/service-account.name'))];
    }
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const k = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      const value = data[k];
      if (!has(k)) return [required(dataKey(k))];
      try {
        const parsed: unknown = JSON.parse(Buffer.from(typeof value === 'string' ? value : '', 'base64').toString('utf8'));
        if (!isObject(parsed)) throw new SyntaxError('not an object');
      } catch (err) {
        return [invalid(dataKey(k), '<secret contents redacted>', (err as Error).message)];
      }
      return [];
    }
    case 'kubernetes.io/basic-auth':
      // Either may be empty, but at least one must be there.
      return has('username') || has('password') ? [] : [required(dataKey('username')), required(dataKey('password'))];
    case 'kubernetes.io/ssh-auth':
      return typeof data['ssh-privatekey'] === 'string' && data['ssh-privatekey'] !== '' ? [] : [required(dataKey('ssh-privatekey'))];
    case 'kubernetes.io/tls':
      return [...(has('tls.crt') ? [] : [required(dataKey('tls.crt'))]), ...(has('tls.key') ? [] : [required(dataKey('tls.key'))])];
    default:
      return [];
  }
}

function validateSecret(obj: KubeObject): StatusCause[] {
  const out: StatusCause[] = [];
  const data: Json = isObject(obj['data']) ? obj['data'] : {};
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    out.push(...invalidEach(key('data', k), k, isConfigMapKey(k)));
    if (typeof v === 'string') total += decodedLength(v);
  }
  if (total > MAX_SECRET_BYTES) out.push(tooLong('data', MAX_SECRET_BYTES));
  const type = optString(obj, 'type', '', out) ?? '';
  out.push(...validateType(obj, type, data));
  return out;
}

/**
 * `immutable: true` freezes the listed data fields and itself. Shared with ConfigMaps,
 * whose rule is the same with data and binaryData.
 */
export function validateImmutableData(obj: KubeObject, old: KubeObject, fields: readonly string[]): StatusCause[] {
  if (old['immutable'] !== true) return [];
  const out: StatusCause[] = [];
  if (obj['immutable'] !== true) out.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (!semanticEqual(obj[f], old[f])) out.push(forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return out;
}

function validateSecretUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const out: StatusCause[] = [];
  if (obj['type'] !== old['type']) out.push(invalid('type', obj['type'] ?? '', FIELD_IMMUTABLE_ERROR_MSG));
  out.push(...validateImmutableData(obj, old, ['data']));
  return out;
}

export const secrets: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  resource: 'secrets',
  singular: 'secret',
  namespaced: true,
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    modelName: 'V1Secret',
    nameRule: 'dns1123-subdomain',
    selectableFields: ['type'],
    defaults: defaultSecret,
    validate: validateSecret,
    validateUpdate: validateSecretUpdate,
  },
};
