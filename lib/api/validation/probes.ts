// Container probes, after kube's validateProbe / validateHandler: exactly one handler,
// ports that are numbers in range or IANA names, non-negative timings.

import type { StatusCause } from '../errors.ts';
import { child, forbidden, invalid, invalidEach, IS_NEGATIVE_ERROR_MSG, notSupported, required, typeInvalid } from './field.ts';
import { isValidPortName, isValidPortNum } from './names.ts';
import type { JsonObject } from './read.ts';
import { isObject, optArray, optInt, optString } from './read.ts';

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const TIMINGS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

/** IntOrString ports: a number must be a port number, a string a port name. Absent is 0. */
export function validatePortNumOrName(port: unknown, fieldPath: string): StatusCause[] {
  if (port === undefined || port === null) return invalidEach(fieldPath, 0, isValidPortNum(0));
  if (typeof port === 'number' && Number.isInteger(port)) return invalidEach(fieldPath, port, isValidPortNum(port));
  if (typeof port === 'string') return invalidEach(fieldPath, port, isValidPortName(port));
  return [typeInvalid(fieldPath, port, 'must be of type int-or-string')];
}

function validateHandler(name: (typeof HANDLERS)[number], h: JsonObject, path: string, out: StatusCause[]): void {
  switch (name) {
    case 'exec': {
      const command = optArray(h, 'command', path, out);
      if (!command || command.length === 0) out.push(required(child(path, 'command')));
      break;
    }
    case 'httpGet': {
      // path and scheme are defaulted ("/", "HTTP") before validation, so only a present
      // scheme is checked here.
      out.push(...validatePortNumOrName(h['port'], child(path, 'port')));
      const scheme = optString(h, 'scheme', path, out);
      if (scheme !== undefined && scheme !== 'HTTP' && scheme !== 'HTTPS') {
        out.push(notSupported(child(path, 'scheme'), scheme, ['HTTP', 'HTTPS']));
      }
      break;
    }
    case 'tcpSocket':
      out.push(...validatePortNumOrName(h['port'], child(path, 'port')));
      break;
    case 'grpc': {
      const port = optInt(h, 'port', path, out) ?? 0;
      out.push(...invalidEach(child(path, 'port'), port, isValidPortNum(port)));
      break;
    }
  }
}

/** `kind` distinguishes liveness and startup probes, whose successThreshold must be 1. */
export function validateProbe(probe: JsonObject, fieldPath: string, kind: 'livenessProbe' | 'readinessProbe' | 'startupProbe'): StatusCause[] {
  const out: StatusCause[] = [];
  let handlers = 0;
  for (const name of HANDLERS) {
    const h = probe[name];
    if (h === undefined || h === null) continue;
    const hPath = child(fieldPath, name);
    if (handlers > 0) {
      out.push(forbidden(hPath, 'may not specify more than 1 handler type'));
      continue;
    }
    handlers++;
    if (isObject(h)) validateHandler(name, h, hPath, out);
    else out.push(typeInvalid(hPath, h, 'must be of type object'));
  }
  if (handlers === 0) out.push(required(fieldPath, 'must specify a handler type'));
  for (const t of TIMINGS) {
    const v = optInt(probe, t, fieldPath, out);
    if (v !== undefined && v < 0) out.push(invalid(child(fieldPath, t), v, IS_NEGATIVE_ERROR_MSG));
  }
  // 0 is what defaulting turns into 1, so only an explicit other value is wrong.
  const success = optInt(probe, 'successThreshold', fieldPath, []) ?? 0;
  if (kind !== 'readinessProbe' && success !== 0 && success !== 1) {
    out.push(invalid(child(fieldPath, 'successThreshold'), success, 'must be 1'));
  }
  return out;
}
