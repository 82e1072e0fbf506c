// Kubernetes protobuf request bodies (application/vnd.kubernetes.protobuf), decoded into the
// JSON objects the rest of the apiserver handles.

export { decodeKubeProtobuf } from './decode.ts';
export { isProtobufMediaType, PROTOBUF_MEDIA_TYPE } from './media-type.ts';
