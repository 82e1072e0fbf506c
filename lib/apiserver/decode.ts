// Request bodies: JSON (also when no Content-Type is sent, as kubectl does for scale) and
// YAML; duplicate fields per ?fieldValidation=. Anything unparseable is a 400 that says
// what was wrong, and nothing is written.
import { parseDocument } from 'yaml';
import { BadRequestError, UnsupportedMediaTypeError } from '../api/errors.ts';
import { findDuplicateFields } from '../api/json-duplicates.ts';
import type { FieldValidation } from '../registry/generic/context.ts';

/** kube-apiserver's request body limit. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export interface DecodeOptions {
  fieldValidation: FieldValidation;
  warnings: string[];
  /** Prefix for error messages, e.g. `Pod in version "v1" cannot be handled as a Pod`. */
  describe: string;
}

export function decodeBody(text: string, contentType: string | undefined, opts: DecodeOptions): unknown {
  const media = mediaType(contentType);
  if (media === '' || media === 'application/json' || media.endsWith('+json')) return decodeJson(text, opts);
  if (media === 'application/yaml' || media === 'application/apply-patch+yaml') return decodeYaml(text, opts);
  throw new UnsupportedMediaTypeError(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`);
}

function decodeJson(text: string, opts: DecodeOptions): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new BadRequestError(`${opts.describe}: the request body is not valid JSON: ${(err as Error).message}`);
  }
  if (opts.fieldValidation !== 'Ignore') reportDuplicates(findDuplicateFields(text), opts);
  return value;
}

function decodeYaml(text: string, opts: DecodeOptions): unknown {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length) {
    throw new BadRequestError(`${opts.describe}: the request body is not valid YAML: ${doc.errors[0]!.message}`);
  }
  if (opts.fieldValidation !== 'Ignore') {
    const strict = parseDocument(text, { uniqueKeys: true });
    const dup = strict.errors.find((e) => e.code === 'DUPLICATE_KEY');
    if (dup) reportDuplicates([dup.message.replace(/\s+at line.*$/s, '')], opts);
  }
  return doc.toJS({ maxAliasCount: 100 });
}

function reportDuplicates(paths: string[], opts: DecodeOptions): void {
  if (!paths.length) return;
  const listed = paths.map((p) => `duplicate field "${p}"`);
  if (opts.fieldValidation === 'Strict') throw new BadRequestError(`${opts.describe}: strict decoding error: ${listed.join(', ')}`);
  opts.warnings.push(...listed);
}
