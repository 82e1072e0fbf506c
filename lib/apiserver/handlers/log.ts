// The pods/log subresource over HTTP: GET reads (text/plain, kube's query parameters),
// POST is the node's append (see lib/registry/subresources/pod-logs.ts for the protocol).
import { BadRequestError, MethodNotAllowedError, ServiceUnavailableError } from '../../api/errors.ts';
import { appendPodLog, readPodLog } from '../../registry/subresources/pod-logs.ts';
import { nonNegativeInt, objectKey, type ApiRequest, type ApiResponse } from './api-request.ts';

/** Options kube has that skiff does not serve yet: refused rather than silently ignored. */
const UNSUPPORTED = ['follow', 'timestamps'] as const;

function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  if (v === null || v === '' || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  throw new BadRequestError(`${name}: Invalid value: "${v}": must be true or false`);
}

export async function handleLog(req: ApiRequest): Promise<ApiResponse> {
  const store = req.podLogs;
  if (!store) throw new ServiceUnavailableError('pod logs are not configured on this apiserver');
  const q = req.query;
  const key = objectKey(req);
  if (req.info.verb === 'get') {
    for (const name of UNSUPPORTED) if (flag(q, name)) throw new BadRequestError(`${name} is not supported by skiff yet`);
    if (q.get('sinceSeconds') || q.get('sinceTime')) throw new BadRequestError('sinceSeconds and sinceTime are not supported by skiff yet');
    const limitBytes = nonNegativeInt(q, 'limitBytes');
    if (limitBytes === 0) throw new BadRequestError('limitBytes: Invalid value: 0: must be greater than 0');
    const text = await readPodLog(req.ctx, store, key, {
      container: q.get('container') || undefined,
      tailLines: nonNegativeInt(q, 'tailLines'),
      limitBytes,
      previous: flag(q, 'previous'),
    });
    return { status: 200, body: undefined, text };
  }
  if (req.info.verb === 'create') {
    const container = q.get('container');
    if (!container) throw new BadRequestError('container is required to append a log');
    const instance = nonNegativeInt(q, 'instance');
    const seq = nonNegativeInt(q, 'seq');
    if (instance === undefined || seq === undefined) throw new BadRequestError('instance and seq are required to append a log');
    const outcome = await appendPodLog(req.ctx, store, key, req.user, { container, instance, seq, podUID: q.get('podUID') || undefined }, await req.readBody());
    const code = outcome === 'created' ? 201 : 200;
    return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code } };
  }
  throw new MethodNotAllowedError(`the log subresource does not support ${req.info.verb}`);
}
