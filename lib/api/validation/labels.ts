// Label maps (metadata.labels, selector matchLabels, spec.nodeSelector). Kube reports
// every problem at the map's own path, not at path[key], with the offending key or value
// as the bad value; kubectl users see e.g. `metadata.labels: Invalid value: "a b": ...`.

import type { StatusCause } from '../errors.ts';
import { invalidEach } from './field.ts';
import { isQualifiedName, isValidLabelValue } from './names.ts';

export function validateLabelName(name: string, fieldPath: string): StatusCause[] {
  return invalidEach(fieldPath, name, isQualifiedName(name));
}

export function validateLabels(labels: ReadonlyMap<string, string> | undefined, fieldPath: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!labels) return causes;
  for (const [k, v] of labels) {
    causes.push(...validateLabelName(k, fieldPath));
    causes.push(...invalidEach(fieldPath, v, isValidLabelValue(v)));
  }
  return causes;
}
