// createApiServer(deps): the Kubernetes REST API as a Hono app. The core never sees
// Lambda or Node server types: functions/apiserver.ts and local/ adapt it. Every failure
// leaves through onError as a metav1.Status.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { stream } from 'hono/streaming';
import { ForbiddenError, RouteNotFoundError, qualifiedResource } from '../api/errors.ts';
import { statusFromError } from '../api/status.ts';
import type { Authenticator, Authorizer } from '../auth/authenticator.ts';
import type { UserInfo } from '../auth/tokens.ts';
import type { RegistryContext } from '../registry/generic/context.ts';
import type { QueueMetrics } from '../observability/queue-metrics.ts';
import type { PodLogStore } from '../storage/pod-log-store.ts';
import { renderQueueMetrics } from '../observability/prometheus.ts';
import { MAX_BODY_BYTES } from './decode.ts';
import { mountDiscovery } from './discovery-routes.ts';
import { dispatch } from './handlers/dispatch.ts';
import { handleReview } from './handlers/review.ts';
import { parseRequestInfo, type ResourceRequest } from './request-info.ts';
import { versionInfo } from './version.ts';

export interface ApiServerDeps {
  ctx: RegistryContext;
  authenticator: Authenticator;
  authorizer: Authorizer;
  /** One JSON object per request (and per internal error); default: discard. */
  log?: (entry: Record<string, unknown>) => void;
  requestId?: () => string;
  /** Work queue counters for /metrics; absent, /metrics serves an empty exposition. */
  metrics?: QueueMetrics;
  /** Container output behind pods/log (lib/storage/pod-log-store.ts). */
  podLogs?: PodLogStore;
}

type Env = { Variables: { user: UserInfo; requestId: string } };

const UNAUTHENTICATED_PATHS = new Set(['/healthz', '/livez', '/readyz']);

export function createApiServer(deps: ApiServerDeps): Hono<Env> {
  const log = deps.log ?? (() => undefined);
  const app = new Hono<Env>();

  app.use('*', async (c, next) => {
    const started = Date.now();
    c.set('requestId', deps.requestId?.() ?? deps.ctx.ids.uid());
    await next();
    log({ msg: 'request', requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, user: c.get('user')?.name, ms: Date.now() - started });
  });

  app.onError((err, c) => {
    const status = statusFromError(err, c.get('requestId'));
    if (status.code >= 500) log({ msg: 'internal error', requestId: c.get('requestId'), error: err instanceof Error ? err.stack : String(err) });
    return c.json(status, status.code as 500);
  });
  app.notFound(() => {
    throw new RouteNotFoundError();
  });

  for (const path of UNAUTHENTICATED_PATHS) app.get(path, (c) => c.text('ok'));

  app.use('*', async (c, next) => {
    c.set('user', await deps.authenticator.authenticate(c.req.header('authorization')));
    await next();
  });
  app.use('*', bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `Request entity too large: limit is ${MAX_BODY_BYTES}`, reason: 'RequestEntityTooLarge', code: 413 }, 413),
  }));

  app.get('/version', (c) => c.json(versionInfo()));
  app.get('/metrics', async (c) => {
    const text = renderQueueMetrics(deps.metrics ? await deps.metrics.snapshot() : {});
    return c.text(text, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  mountDiscovery(app, deps.ctx.registry);

  app.all('/api/*', (c) => serveResource(c, deps));
  app.all('/apis/*', (c) => serveResource(c, deps));
  return app;
}

async function serveResource(c: Context<Env>, deps: ApiServerDeps): Promise<Response> {
  const info = parseRequestInfo(c.req.method, c.req.path, c.req.query('watch') === 'true' || c.req.query('watch') === '1');
  if (info.kind !== 'resource') throw new RouteNotFoundError();
  const review = deps.ctx.registry.review(info.group, info.version, info.resource);
  const type = review ?? deps.ctx.registry.lookup(info.group, info.version, info.resource);
  if (!type) throw new RouteNotFoundError();
  if (type.namespaced === false && info.namespace && info.resource !== 'namespaces') throw new RouteNotFoundError();
  await authorize(deps.authorizer, c.get('user'), info);

  const warnings: string[] = [];
  const req = {
    info,
    type,
    query: new URL(c.req.url).searchParams,
    contentType: c.req.header('content-type'),
    readBody: () => c.req.text(),
    readBytes: async () => new Uint8Array(await c.req.arrayBuffer()),
    user: c.get('user'),
    ctx: deps.ctx,
    warnings,
    accept: c.req.header('accept'),
    userAgent: c.req.header('user-agent'),
    podLogs: deps.podLogs,
  };
  // Review kinds are answered, not stored: they never reach the generic handlers.
  const res = review ? await handleReview(req, review, deps.authorizer) : await dispatch(req);
  for (const w of warnings) c.header('Warning', `299 - ${JSON.stringify(w)}`, { append: true });
  if (res.stream) {
    const produce = res.stream;
    c.header('content-type', 'application/json');
    return stream(c, async (s) => {
      const aborted = new AbortController();
      s.onAbort(() => aborted.abort());
      await produce((chunk) => s.write(chunk).then(() => undefined), AbortSignal.any([aborted.signal, c.req.raw.signal]));
    });
  }
  if (res.text !== undefined) return c.body(res.text, res.status as 200, { 'content-type': 'text/plain' });
  return c.json(res.body as object, res.status as 200);
}

async function authorize(authorizer: Authorizer, user: UserInfo, info: ResourceRequest): Promise<void> {
  const decision = await authorizer.authorize(user, {
    verb: info.verb, group: info.group, resource: info.resource, namespace: info.namespace, name: info.name, subresource: info.subresource,
  });
  if (decision.allowed) return;
  const what = qualifiedResource({ group: info.group, resource: info.subresource ? `${info.resource}/${info.subresource}` : info.resource });
  const where = info.namespace ? ` in the namespace "${info.namespace}"` : '';
  throw new ForbiddenError(
    `${what}${info.name ? ` "${info.name}"` : ''} is forbidden: User "${user.name}" cannot ${info.verb} resource "${info.resource}" in API group "${info.group}"${where}`,
  );
}
