// Test helpers that build protobuf bodies. The envelope is written by hand with protobufjs'
// Writer (independent of the decoder's definitions); object bytes come from the decoder's own
// schema, which is fine for testing the JSON conversion — the field numbers themselves are
// pinned by the kubectl fixtures.
import { Writer } from 'protobufjs';
import { protoSchema } from '../../../lib/api/protobuf/kinds.ts';

export const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** runtime.Unknown{1: {1 apiVersion, 2 kind}, 2: raw, 3: contentEncoding} behind the magic. */
export function envelope(apiVersion: string, kind: string, raw: Uint8Array, contentEncoding?: string): Uint8Array {
  const w = Writer.create();
  w.uint32((1 << 3) | 2).fork();
  if (apiVersion) w.uint32((1 << 3) | 2).string(apiVersion);
  if (kind) w.uint32((2 << 3) | 2).string(kind);
  w.ldelim();
  w.uint32((2 << 3) | 2).bytes(raw);
  if (contentEncoding !== undefined) w.uint32((3 << 3) | 2).string(contentEncoding);
  const unknown = w.finish();
  return Uint8Array.from([...MAGIC, ...unknown]);
}

/** Encodes a plain object (protobuf field names) as `message`. */
export function encodeMessage(message: string, value: Record<string, unknown>): Uint8Array {
  const type = protoSchema().root.lookupType(message);
  const err = type.verify(value);
  if (err) throw new Error(`test object does not fit ${message}: ${err}`);
  return type.encode(type.fromObject(value)).finish();
}

export function body(apiVersion: string, kind: string, message: string, value: Record<string, unknown>): Uint8Array {
  return envelope(apiVersion, kind, encodeMessage(message, value));
}

/** Concatenates byte arrays, e.g. to append unknown fields to an encoded message. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}
