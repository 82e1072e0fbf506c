// Pod volumes, after kube's validateVolumes / validateVolumeSource. Only the sources
// skiff's node agent can act on get their fields checked; every other in-tree source is
// still recognised so "exactly one source" is enforced the way kube enforces it.

import type { StatusCause } from '../errors.ts';
import { child, duplicate, forbidden, invalid, invalidEach, required, typeInvalid } from './field.ts';
import { isDns1123Label } from './names.ts';
import type { JsonObject } from './read.ts';
import { isObject, optInt, optObjectArray, optString } from './read.ts';
import { readQuantity } from './resources.ts';

// Kube's order: the second source found is the one reported as extra.
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc',
  'azureFile', 'vsphereVolume', 'azureDisk', 'configMap', 'photonPersistentDisk', 'portworxVolume', 'projected',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
] as const;

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** Relative, and never climbing out with "..": subPath, item paths. */
export function validateLocalDescendingPath(target: string, fieldPath: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (target.startsWith('/')) causes.push(invalid(fieldPath, target, 'must be a relative path'));
  if (target.split('/').includes('..')) causes.push(invalid(fieldPath, target, "must not contain '..'"));
  return causes;
}

function validateLocalNonReservedPath(target: string, fieldPath: string): StatusCause[] {
  const causes = validateLocalDescendingPath(target, fieldPath);
  // "..data" is where the kubelet's atomic writer keeps its own files.
  if (target.startsWith('..') && !target.startsWith('../')) causes.push(invalid(fieldPath, target, "must not start with '..'"));
  return causes;
}

function validateMode(obj: JsonObject, name: string, path: string, out: StatusCause[]): void {
  const mode = optInt(obj, name, path, out);
  if (mode !== undefined && (mode < 0 || mode > 0o777)) out.push(invalid(child(path, name), mode, FILE_MODE_ERROR));
}

/** configMap and secret volumes project keys to files. */
function validateItems(src: JsonObject, path: string, out: StatusCause[]): void {
  validateMode(src, 'defaultMode', path, out);
  for (const { item, path: itemPath } of optObjectArray(src, 'items', path, out)) {
    if (!optString(item, 'key', itemPath, out)) out.push(required(child(itemPath, 'key')));
    const target = optString(item, 'path', itemPath, out) ?? '';
    if (!target) out.push(required(child(itemPath, 'path')));
    out.push(...validateLocalNonReservedPath(target, child(itemPath, 'path')));
    validateMode(item, 'mode', itemPath, out);
  }
}

function validateSource(vol: JsonObject, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  let count = 0;
  for (const name of VOLUME_SOURCES) {
    const src = vol[name];
    if (src === undefined || src === null) continue;
    const srcPath = child(path, name);
    if (count++ > 0) {
      out.push(forbidden(srcPath, 'may not specify more than 1 volume type'));
      continue;
    }
    if (!isObject(src)) {
      out.push(typeInvalid(srcPath, src, 'must be of type object'));
      continue;
    }
    switch (name) {
      case 'emptyDir': {
        const raw = src['sizeLimit'];
        if (raw === undefined || raw === null) break;
        const q = readQuantity(raw, child(srcPath, 'sizeLimit'), out);
        if (q && q.nanos < 0n) out.push(forbidden(child(srcPath, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
        break;
      }
      case 'configMap':
        if (!optString(src, 'name', srcPath, out)) out.push(required(child(srcPath, 'name')));
        validateItems(src, srcPath, out);
        break;
      case 'secret':
        if (!optString(src, 'secretName', srcPath, out)) out.push(required(child(srcPath, 'secretName')));
        validateItems(src, srcPath, out);
        break;
      case 'persistentVolumeClaim':
        if (!optString(src, 'claimName', srcPath, out)) out.push(required(child(srcPath, 'claimName')));
        break;
      case 'hostPath': {
        const p = optString(src, 'path', srcPath, out) ?? '';
        if (!p) out.push(required(child(srcPath, 'path')));
        else if (p.split('/').includes('..')) out.push(invalid(child(srcPath, 'path'), p, "must not contain '..'"));
        break;
      }
      default:
        break;
    }
  }
  if (count === 0) out.push(required(path, 'must specify a volume type'));
  return out;
}

/**
 * Returns the causes and the names of the volumes that validated cleanly; as in kube, a
 * mount of a broken volume then also reports the volume as not found.
 */
export function validateVolumes(spec: JsonObject, specPath: string): { causes: StatusCause[]; names: Set<string> } {
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  for (const { item: vol, path } of optObjectArray(spec, 'volumes', specPath, causes)) {
    const namePath = child(path, 'name');
    const errs: StatusCause[] = validateSource(vol, path);
    const name = optString(vol, 'name', path, errs) ?? '';
    if (!name) errs.push(required(namePath));
    else errs.push(...invalidEach(namePath, name, isDns1123Label(name)));
    if (names.has(name)) errs.push(duplicate(namePath, name));
    if (errs.length === 0) names.add(name);
    causes.push(...errs);
  }
  return { causes, names };
}
