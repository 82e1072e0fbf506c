// Recognises the Content-Type kubectl's typed clients send. Parameters are ignored: kube's
// own serializer matches on the media type alone.

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

export function isProtobufMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  return contentType.split(';')[0]!.trim().toLowerCase() === PROTOBUF_MEDIA_TYPE;
}
