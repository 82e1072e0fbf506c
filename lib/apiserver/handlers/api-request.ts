// What every resource handler receives and returns. Handlers never see Hono, Lambda or
// Node server types; lib/apiserver/app.ts adapts.
import { BadRequestError, InvalidError } from '../../api/errors.ts';
import type { UserInfo } from '../../auth/tokens.ts';
import type { FieldValidation, RegistryContext } from '../../registry/generic/context.ts';
import { groupVersion, type ResourceType } from '../../registry/resource-type.ts';
import type { ObjectKey } from '../../storage/object-store.ts';
import type { PodLogStore } from '../../storage/pod-log-store.ts';
import { decodeBody } from '../decode.ts';
import { decodeKubeProtobuf, isProtobufMediaType } from '../../api/protobuf/index.ts';
import type { ResourceRequest } from '../request-info.ts';

export interface ApiRequest {
  info: ResourceRequest;
  type: ResourceType;
  query: URLSearchParams;
  contentType: string | undefined;
  readBody(): Promise<string>;
  /** The raw body, for binary media types (protobuf). */
  readBytes(): Promise<Uint8Array>;
  user: UserInfo;
  ctx: RegistryContext;
  /** Collected into Warning headers. */
  warnings: string[];
  accept?: string;
  /** Names the field manager of a write that sends no ?fieldManager=. */
  userAgent?: string;
  /** Container output behind pods/log. */
  podLogs?: PodLogStore;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** A text/plain response (pods/log) instead of JSON. */
  text?: string;
  /** A streamed response (watch): called once headers are sent; ends when it returns. */
  stream?: (write: (chunk: string) => Promise<void>, signal: AbortSignal) => Promise<void>;
}

export function objectKey(req: ApiRequest): ObjectKey {
  return { resource: req.type, namespace: req.type.namespaced ? req.info.namespace : undefined, name: req.info.name! };
}

export function isDryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const v of values) {
    if (v !== 'All') throw new BadRequestError(`Invalid dry run value: ${v} (the only supported value is All)`);
  }
  return values.length > 0;
}

/**
 * The manager a write is recorded under: ?fieldManager=, else the User-Agent up to its first
 * "/" (kube's managerOrUserAgent), e.g. "kubectl" or "node-fetch".
 */
export function fieldManager(req: Pick<ApiRequest, 'query' | 'userAgent'>, options: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions'): string | undefined {
  const given = req.query.get('fieldManager');
  if (given !== null && given !== '') {
    const causes = [];
    if (given.length > 128) causes.push({ reason: 'FieldValueTooLong', message: 'Too long: may not be more than 128 bytes', field: 'fieldManager' });
    if (/\p{C}/u.test(given)) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(given)}: must only contain printable characters`, field: 'fieldManager' });
    if (causes.length) throw new InvalidError(`${options}.meta.k8s.io`, '', causes, 'meta.k8s.io');
    return given;
  }
  const prefix = (req.userAgent ?? '').split('/')[0]!.trim().slice(0, 128);
  return prefix || undefined;
}

export function fieldValidation(query: URLSearchParams): FieldValidation {
  const v = query.get('fieldValidation');
  if (v === null || v === '') return 'Ignore';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw new BadRequestError(`fieldValidation parameter unsupported: ${v}; supported values are Strict, Warn, Ignore`);
}

/** How kube-apiserver prefixes decode errors for this kind. */
export function decodeContext(type: ResourceType, kind = type.kind): string {
  return `${kind} in version "${groupVersion(type)}" cannot be handled as a ${kind}`;
}

export async function readJsonObject(req: ApiRequest, kind = req.type.kind): Promise<Record<string, unknown>> {
  // kubectl's typed commands (create namespace|configmap|secret|deployment …) send protobuf.
  if (isProtobufMediaType(req.contentType)) return decodeKubeProtobuf(await req.readBytes());
  const text = await req.readBody();
  if (!text.trim()) throw new BadRequestError(`${decodeContext(req.type, kind)}: the request body is empty`);
  const value = decodeBody(text, req.contentType, {
    fieldValidation: fieldValidation(req.query),
    warnings: req.warnings,
    describe: decodeContext(req.type, kind),
  });
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequestError(`${decodeContext(req.type, kind)}: the request body must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

export function nonNegativeInt(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new BadRequestError(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}
