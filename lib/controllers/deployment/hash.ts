// The pod-template-hash: kube's ComputeHash shape (FNV-32a over the template, then the
// collision count, rendered with SafeEncodeString's vowel-free alphabet so it can never
// spell a word or break a label). Kube hashes Go's printed struct, which cannot be
// reproduced over JSON; what matters here is that equal templates hash equally and the
// result is a valid label value, so the encoding is canonical JSON that forgives the same
// "unset" spellings the template comparison forgives (semanticEqual).
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isUnset(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);
}

/** Sorted keys, unset members dropped (unset array elements kept as null, position matters). */
export function canonicalJson(v: unknown): string {
  if (isUnset(v)) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isPlainObject(v)) {
    const members = Object.keys(v)
      .sort()
      .filter((k) => !isUnset(v[k]))
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`);
    return members.length ? `{${members.join(',')}}` : 'null';
  }
  return JSON.stringify(v);
}

function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character mapped into the safe alphabet by its code. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** The template without the hash label itself, so an RS's template hashes to its own label. */
function withoutHashLabel(template: PodTemplateSpec): PodTemplateSpec {
  const labels = template.metadata?.labels;
  if (!labels || !Object.hasOwn(labels, POD_TEMPLATE_HASH_LABEL)) return template;
  const { [POD_TEMPLATE_HASH_LABEL]: _hash, ...rest } = labels;
  return { ...template, metadata: { ...template.metadata, labels: rest } };
}

export function podTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(withoutHashLabel(template))));
  if (collisionCount !== undefined) {
    // As kube: the count as a little-endian uint32 in an 8-byte buffer, zero-padded.
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncode(String(h));
}
