// Shape validation of an `application/json-patch+json` body (RFC 6902 §4), done before
// anything is applied so a malformed document is a 400 that names the bad operation, not a
// failure half-way through.
import { BadRequestError, RequestEntityTooLargeError } from '../errors.ts';
import { describe, getOwn, hasOwn, isJsonObject } from './json-value.ts';
import { parsePointer } from './json-pointer.ts';

export type JsonPatchOp = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

/** One validated operation; pointers are kept both raw (for messages) and parsed. */
export interface JsonPatchOperation {
  op: JsonPatchOp;
  path: string;
  pathTokens: string[];
  from?: string;
  fromTokens?: string[];
  value?: unknown;
}

// kube-apiserver refuses longer patches with 413 and this wording.
export const MAX_JSON_PATCH_OPERATIONS = 10_000;

const OPS: ReadonlySet<string> = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const NEEDS_VALUE: ReadonlySet<string> = new Set(['add', 'replace', 'test']);
const NEEDS_FROM: ReadonlySet<string> = new Set(['move', 'copy']);

export function parseJsonPatch(operations: unknown): JsonPatchOperation[] {
  if (!Array.isArray(operations)) {
    throw new BadRequestError(
      `invalid JSON patch: expected an array of operations, got ${kindOf(operations)}`,
    );
  }
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new RequestEntityTooLargeError(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  return operations.map((raw, i) => parseOperation(raw, i));
}

function parseOperation(raw: unknown, i: number): JsonPatchOperation {
  const at = `invalid JSON patch: operation ${i}`;
  if (!isJsonObject(raw)) throw new BadRequestError(`${at} must be an object, got ${kindOf(raw)}`);

  const op = getOwn(raw, 'op');
  if (typeof op !== 'string' || !OPS.has(op)) {
    throw new BadRequestError(
      `${at} has unsupported "op" ${describe(op)}: must be one of add, remove, replace, move, copy, test`,
    );
  }
  const path = getOwn(raw, 'path');
  if (typeof path !== 'string') throw new BadRequestError(`${at} (${op}) needs a string "path"`);
  const pathTokens = parsePointer(path);
  if (!pathTokens) throw new BadRequestError(`${at} (${op}) has an invalid JSON pointer "path": ${describe(path)}`);

  const out: JsonPatchOperation = { op: op as JsonPatchOp, path, pathTokens };
  if (NEEDS_FROM.has(op)) {
    const from = getOwn(raw, 'from');
    if (typeof from !== 'string') throw new BadRequestError(`${at} (${op}) needs a string "from"`);
    const fromTokens = parsePointer(from);
    if (!fromTokens) throw new BadRequestError(`${at} (${op}) has an invalid JSON pointer "from": ${describe(from)}`);
    out.from = from;
    out.fromTokens = fromTokens;
  }
  if (NEEDS_VALUE.has(op)) {
    // `"value": null` is a legitimate value; only a missing member is an error.
    if (!hasOwn(raw, 'value')) throw new BadRequestError(`${at} (${op}) needs a "value"`);
    out.value = raw.value;
  }
  // The library refuses these for prototype-pollution reasons; say so as a client error.
  for (const tokens of [pathTokens, out.fromTokens ?? []]) {
    if (tokens.includes('__proto__')) {
      throw new BadRequestError(`${at} (${op}) may not address a "__proto__" member`);
    }
    if (tokens.some((t, j) => t === 'prototype' && tokens[j - 1] === 'constructor')) {
      throw new BadRequestError(`${at} (${op}) may not address "constructor/prototype"`);
    }
  }
  return out;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
