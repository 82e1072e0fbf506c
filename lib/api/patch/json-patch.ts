// JSON Patch (RFC 6902), the `application/json-patch+json` PATCH body (kubectl rollout undo,
// `kubectl patch --type=json`). fast-json-patch does the mutation; this module validates the
// document first (400 BadRequest), checks each operation's target against RFC 6902's rules
// (its own checks read through the prototype chain), and turns every failure while applying
// into a 422 Invalid, which is what kube-apiserver answers when a JSON patch does not apply.
import * as fastJsonPatchNs from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { BadRequestError, InvalidError } from '../errors.ts';
import { deepClone, jsonEqual } from './json-value.ts';
import { canAdd, isArrayIndex, lookup } from './json-pointer.ts';
import { parseJsonPatch, type JsonPatchOperation } from './json-patch-operations.ts';

// The package is CommonJS with an ESM "module" build beside it. Node's ESM loader exposes its
// functions only on the default export, a bundler's resolution only as named exports, so
// take whichever of the two carries them.
type FastJsonPatch = typeof fastJsonPatchNs;
const fastJsonPatch: FastJsonPatch =
  (fastJsonPatchNs as unknown as { default?: FastJsonPatch }).default?.applyOperation !== undefined
    ? (fastJsonPatchNs as unknown as { default: FastJsonPatch }).default
    : fastJsonPatchNs;

/** Names the object being patched, so a 422 reads `The Deployment "web" is invalid: …`. */
export interface JsonPatchTarget {
  kind: string;
  name: string;
  group?: string;
}

/**
 * Applies an RFC 6902 operation list to `original` and returns the new document.
 * Throws BadRequestError for a malformed operation list, RequestEntityTooLargeError beyond
 * 10,000 operations, and InvalidError (422) when an operation does not apply: a failed
 * `test`, or a path/from that does not exist. Inputs are never mutated.
 */
export function applyJsonPatch(original: unknown, operations: unknown, target?: JsonPatchTarget): unknown {
  const ops = parseJsonPatch(operations);
  let doc = deepClone(original);
  ops.forEach((op, i) => {
    const problem = whyNotApplicable(doc, op);
    if (problem) throw invalid(target, `json patch operation ${i} (${op.op} ${op.path}) does not apply: ${problem}`);
    doc = applyOne(doc, op, i, target);
  });
  return doc;
}

/** RFC 6902 §4's preconditions, checked on own properties and strict array indices. */
function whyNotApplicable(doc: unknown, op: JsonPatchOperation): string | undefined {
  switch (op.op) {
    case 'add':
      return canAdd(doc, op.pathTokens) ? undefined : missingOrOutOfRange(doc, op.pathTokens);
    case 'remove':
      if (op.pathTokens.length === 0) return 'the whole document cannot be removed';
      return lookup(doc, op.pathTokens).found ? undefined : 'the path does not exist';
    case 'replace':
      return lookup(doc, op.pathTokens).found ? undefined : 'the path does not exist';
    case 'test':
      return undefined; // a missing path simply fails the comparison, below
    case 'move':
    case 'copy': {
      const from = op.fromTokens ?? [];
      if (!lookup(doc, from).found) return `the "from" path ${op.from ?? ''} does not exist`;
      if (op.op === 'move' && isProperPrefix(from, op.pathTokens)) {
        return 'a value cannot be moved into one of its own children';
      }
      // A move removes first, so the destination's parent must exist once `from` is gone.
      const afterRemoval = op.op === 'move' ? withoutPath(doc, from) : doc;
      return canAdd(afterRemoval, op.pathTokens) ? undefined : missingOrOutOfRange(afterRemoval, op.pathTokens);
    }
  }
}

function applyOne(doc: unknown, op: JsonPatchOperation, i: number, target?: JsonPatchTarget): unknown {
  if (op.op === 'test') {
    // Compared here rather than by the library so "missing" and "different" read the same
    // and key order inside objects never matters.
    const found = lookup(doc, op.pathTokens);
    if (!found.found || !jsonEqual(found.value, op.value)) {
      throw invalid(target, `json patch operation ${i} (test ${op.path}) failed: the value does not match`);
    }
    return doc;
  }
  // Values are cloned per operation so the result never aliases the caller's patch body.
  const libOp = { op: op.op, path: op.path, from: op.from, value: deepClone(op.value) } as Operation;
  try {
    return fastJsonPatch.applyOperation(doc, libOp, false, true, true, i).newDocument;
  } catch (err) {
    if (err instanceof TypeError) {
      throw new BadRequestError(`invalid JSON patch: operation ${i} (${op.op} ${op.path}) was refused: ${err.message}`);
    }
    const detail = err instanceof Error ? err.message : String(err);
    throw invalid(target, `json patch operation ${i} (${op.op} ${op.path}) does not apply: ${detail}`);
  }
}

function invalid(target: JsonPatchTarget | undefined, message: string): InvalidError {
  return new InvalidError(target?.kind ?? '', target?.name ?? '', [{ reason: 'FieldValueInvalid', message }], target?.group);
}

function missingOrOutOfRange(doc: unknown, tokens: readonly string[]): string {
  const parent = lookup(doc, tokens.slice(0, -1));
  if (!parent.found || !Array.isArray(parent.value)) return 'the parent path does not exist';
  const last = tokens[tokens.length - 1] as string;
  return isArrayIndex(last) ? 'the array index is out of range' : `${JSON.stringify(last)} is not an array index`;
}

function isProperPrefix(prefix: readonly string[], tokens: readonly string[]): boolean {
  return prefix.length < tokens.length && prefix.every((t, i) => tokens[i] === t);
}

/** A copy of `doc` with the (existing) value at `tokens` removed, to pre-check a move. */
function withoutPath(doc: unknown, tokens: readonly string[]): unknown {
  if (tokens.length === 0) return undefined;
  const copy = deepClone(doc);
  const parent = lookup(copy, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1] as string;
  if (parent.found && Array.isArray(parent.value)) parent.value.splice(Number(last), 1);
  else if (parent.found && parent.value !== null && typeof parent.value === 'object') {
    delete (parent.value as Record<string, unknown>)[last];
  }
  return copy;
}
