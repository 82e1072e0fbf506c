// Turns a URL into what is being asked for, as kube-apiserver's RequestInfoFactory does,
// so routing, authorization and logging all agree on the verb, resource and namespace.

export interface ResourceRequest {
  kind: 'resource';
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
}

export interface OtherRequest {
  kind: 'other';
  path: string;
  verb: string;
}

export type RequestInfo = ResourceRequest | OtherRequest;

/** Subresources of a namespace itself, so /namespaces/x/status is not "resource status in x". */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(method: string, path: string, watch: boolean): RequestInfo {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const other: OtherRequest = { kind: 'other', path, verb: method.toLowerCase() };
  let rest: string[];
  let group: string;
  let version: string;
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return other;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
  }
  if (rest.length > 3 || rest.length === 0) return other;
  const [resource, name, subresource] = rest as [string, string | undefined, string | undefined];
  const verb = verbFor(method.toUpperCase(), name !== undefined, watch);
  if (!verb) return other;
  // For the namespaces resource itself, the namespace of the request is the object's name.
  if (resource === 'namespaces') namespace = name;
  return { kind: 'resource', group, version, namespace, resource, name, subresource, verb };
}

function verbFor(method: string, hasName: boolean, watch: boolean): ResourceRequest['verb'] | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (watch) return 'watch';
      return hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}
