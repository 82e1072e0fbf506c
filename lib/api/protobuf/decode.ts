// Entry point: a Kubernetes protobuf request body in, the plain JSON object the apiserver
// already handles out, identical to what the same client would have sent as JSON.

import { BadRequestError, UnsupportedMediaTypeError } from '../errors.ts';
import { readEnvelope } from './envelope.ts';
import { messageToJson } from './go-json.ts';
import { decodableKinds, messageForKind, protoSchema } from './kinds.ts';
import { PROTOBUF_MEDIA_TYPE } from './media-type.ts';
import { MalformedValueError } from './well-known-types.ts';

// int64 as numbers like JSON.parse gives them; bytes as base64 like Go's JSON for []byte.
const TO_OBJECT = { longs: Number, bytes: String } as const;

export function decodeKubeProtobuf(body: Uint8Array): Record<string, unknown> {
  const { apiVersion, kind, raw } = readEnvelope(body);
  const message = messageForKind(apiVersion, kind);
  if (!message) {
    throw new UnsupportedMediaTypeError(
      `this server cannot decode ${apiVersion}, Kind=${kind} from ${PROTOBUF_MEDIA_TYPE}; ` +
        `send it as application/json (protobuf is accepted for ${decodableKinds().join(', ')})`,
    );
  }
  // Kube's wording for a body that does not decode into the kind it names.
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  const describe = `${kind} in version "${version}" cannot be handled as a ${kind}`;
  const { root, fields } = protoSchema();
  const type = root.lookupType(message);
  let decoded: Record<string, unknown>;
  try {
    decoded = type.toObject(type.decode(raw), TO_OBJECT);
  } catch (err) {
    throw new BadRequestError(`${describe}: malformed protobuf: ${(err as Error).message}`);
  }
  try {
    return { kind, apiVersion, ...messageToJson(fields, message, decoded, '') };
  } catch (err) {
    if (err instanceof MalformedValueError) throw new BadRequestError(`${describe}: ${err.message}`);
    throw err;
  }
}
