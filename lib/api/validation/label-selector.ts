// metav1.LabelSelector objects (Deployment/ReplicaSet/Job spec.selector and friends),
// after apimachinery's ValidateLabelSelector. The string selector syntax of `?labelSelector=`
// is a different grammar and is parsed elsewhere.

import type { StatusCause } from '../errors.ts';
import { child, forbidden, invalid, invalidEach, required, typeInvalid } from './field.ts';
import { validateLabelName, validateLabels } from './labels.ts';
import { isValidLabelValue } from './names.ts';
import { isObject, optObjectArray, optString, optStringArray, optStringMap } from './read.ts';

export const LABEL_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/** `sel` absent or null is a nil selector and valid here; callers that need one say so. */
export function validateLabelSelector(sel: unknown, fieldPath: string): StatusCause[] {
  if (sel === undefined || sel === null) return [];
  if (!isObject(sel)) return [typeInvalid(fieldPath, sel, 'must be of type object')];
  const causes: StatusCause[] = [];
  causes.push(...validateLabels(optStringMap(sel, 'matchLabels', fieldPath, causes), child(fieldPath, 'matchLabels')));
  for (const { item, path } of optObjectArray(sel, 'matchExpressions', fieldPath, causes)) {
    const operator = optString(item, 'operator', path, causes) ?? '';
    const keyName = optString(item, 'key', path, causes) ?? '';
    const values = optStringArray(item, 'values', path, causes) ?? [];
    const valuesPath = child(path, 'values');
    switch (operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) causes.push(required(valuesPath, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) causes.push(forbidden(valuesPath, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        causes.push(invalid(child(path, 'operator'), operator, 'not a valid selector operator'));
    }
    causes.push(...validateLabelName(keyName, child(path, 'key')));
    values.forEach((v, i) => causes.push(...invalidEach(`${valuesPath}[${i}]`, v, isValidLabelValue(v))));
  }
  return causes;
}
