// Pod tolerations, after kube's ValidateTolerations. The scheduler matches these against
// node taints, so a toleration that cannot mean anything is rejected up front.

import type { StatusCause } from '../errors.ts';
import { child, invalid, notSupported } from './field.ts';
import { validateLabelName } from './labels.ts';
import { isValidLabelValue } from './names.ts';
import type { JsonObject } from './read.ts';
import { optInt, optObjectArray, optString } from './read.ts';

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(spec: JsonObject, specPath: string): StatusCause[] {
  const out: StatusCause[] = [];
  for (const { item: t, path } of optObjectArray(spec, 'tolerations', specPath, out)) {
    const tKey = optString(t, 'key', path, out) ?? '';
    const operator = optString(t, 'operator', path, out) ?? '';
    const value = optString(t, 'value', path, out) ?? '';
    const effect = optString(t, 'effect', path, out) ?? '';
    const seconds = optInt(t, 'tolerationSeconds', path, out);
    const opPath = child(path, 'operator');

    if (tKey) out.push(...validateLabelName(tKey, child(path, 'key')));
    // An empty key with Exists is the "tolerate everything" wildcard; with Equal it is nonsense.
    if (!tKey && operator !== 'Exists') {
      out.push(invalid(opPath, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (seconds !== undefined && effect !== 'NoExecute') {
      out.push(invalid(child(path, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (operator) {
      case '':
      case 'Equal': {
        // Kube joins every label-value problem into one message, reported at operator.
        const errs = isValidLabelValue(value);
        if (errs.length) out.push(invalid(opPath, value, errs.join(';')));
        break;
      }
      case 'Exists':
        if (value) out.push(invalid(opPath, t, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        out.push(notSupported(opPath, operator, ['Equal', 'Exists']));
    }
    // An empty effect matches every taint effect.
    if (effect && !TAINT_EFFECTS.includes(effect)) out.push(notSupported(child(path, 'effect'), effect, TAINT_EFFECTS));
  }
  return out;
}
