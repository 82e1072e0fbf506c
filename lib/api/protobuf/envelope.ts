// The wrapper around every Kubernetes protobuf body: the 4-byte magic "k8s\0", then a
// runtime.Unknown whose typeMeta names the object and whose raw bytes are the object itself.
// Field numbers are apimachinery's pkg/runtime generated.proto.

import { BadRequestError, UnsupportedMediaTypeError } from '../errors.ts';
import { buildSchema } from './proto-root.ts';

export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00); // "k8s\0"

const ENVELOPE = buildSchema([
  {
    Unknown: { typeMeta: '1 TypeMeta', raw: '2 bytes', contentEncoding: '3 string', contentType: '4 string' },
    // runtime.TypeMeta, not meta/v1's: here apiVersion is field 1 and kind field 2.
    TypeMeta: { apiVersion: '1 string', kind: '2 string' },
  },
]);
const UNKNOWN = ENVELOPE.root.lookupType('Unknown');

export interface Envelope {
  readonly apiVersion: string;
  readonly kind: string;
  /** The object, encoded per its generated.proto. */
  readonly raw: Uint8Array;
}

interface DecodedUnknown {
  typeMeta?: { apiVersion?: string; kind?: string };
  raw?: Uint8Array;
  contentEncoding?: string;
}

export function readEnvelope(body: Uint8Array): Envelope {
  if (body.length < PROTOBUF_MAGIC.length || PROTOBUF_MAGIC.some((b, i) => body[i] !== b)) {
    throw new BadRequestError(
      'the request body is not a Kubernetes protobuf message: it must start with the 4-byte prefix "k8s\\x00" ' +
        '(send the object as application/json if it is not protobuf)',
    );
  }
  let unknown: DecodedUnknown;
  try {
    unknown = UNKNOWN.decode(body.subarray(PROTOBUF_MAGIC.length)) as unknown as DecodedUnknown;
  } catch (err) {
    throw new BadRequestError(`the request body is a truncated or malformed Kubernetes protobuf envelope: ${(err as Error).message}`);
  }
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  if (!apiVersion || !kind) {
    throw new BadRequestError(
      `the Kubernetes protobuf envelope does not name the object's ${!apiVersion ? 'apiVersion' : 'kind'} ` +
        '(runtime.Unknown typeMeta must carry both)',
    );
  }
  // Kube's own clients never compress inside the envelope; refuse rather than misread.
  if (unknown.contentEncoding) {
    throw new UnsupportedMediaTypeError(
      `content encoding "${unknown.contentEncoding}" inside the protobuf envelope is not supported; send the object uncompressed or as application/json`,
    );
  }
  return { apiVersion, kind, raw: unknown.raw ?? new Uint8Array(0) };
}
