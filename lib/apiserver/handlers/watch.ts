// ?watch=true: newline-delimited JSON events, flushed one by one, from the change log.
// resourceVersion unset or "0" starts with ADDED events for everything that exists
// (kube's "any" semantics), then follows changes after the list's revision.
import { BadRequestError, MethodNotAllowedError } from '../../api/errors.ts';
import { checkSupportedFields, parseFieldSelector } from '../../api/selectors/field-selector.ts';
import { parseLabelSelector } from '../../api/selectors/label-selector.ts';
import { statusFromError } from '../../api/status.ts';
import { groupVersion } from '../../registry/resource-type.ts';
import { resourceName } from '../../storage/change-log.ts';
import type { KubeObject } from '../../storage/object-store.ts';
import type { WatchFilter } from '../../watch/watch-filter.ts';
import { watchStream, type WatchEvent } from '../../watch/watch-stream.ts';
import { GoneError } from '../../api/errors.ts';
import type { ApiRequest, ApiResponse } from './api-request.ts';
import { includeObjectParam, negotiateTable } from '../table/accept.ts';
import { tableFor } from '../table/table.ts';

/** kube-apiserver picks 30–60 minutes when the client sets no timeout; we cap at 30. */
const MAX_TIMEOUT_SECONDS = 1800;
const BOOKMARK_EVERY_MS = 60_000;

export async function handleWatch(req: ApiRequest): Promise<ApiResponse> {
  const log = req.ctx.changes;
  if (!log) throw new MethodNotAllowedError('watch is not available on this server');
  const q = req.query;
  const fieldText = [q.get('fieldSelector'), req.info.name ? `metadata.name=${req.info.name}` : ''].filter(Boolean).join(',');
  const fieldSelector = fieldText ? parseFieldSelector(fieldText) : undefined;
  if (fieldSelector) checkSupportedFields(fieldSelector, ['metadata.name', 'metadata.namespace', ...(req.type.strategy.selectableFields ?? [])]);
  const filter: WatchFilter = {
    resource: resourceName(req.type),
    namespace: req.type.namespaced ? req.info.namespace : undefined,
    labelSelector: q.get('labelSelector') ? parseLabelSelector(q.get('labelSelector')!) : undefined,
    fieldSelector,
    fieldSet: req.type.strategy.fieldSet ? (o) => ({ 'metadata.name': o.metadata.name ?? '', 'metadata.namespace': o.metadata.namespace ?? '', ...req.type.strategy.fieldSet!(o) }) : undefined,
  };
  const cap = Math.min(MAX_TIMEOUT_SECONDS, req.ctx.watch?.maxSeconds ?? MAX_TIMEOUT_SECONDS);
  const timeout = Math.min(Number(q.get('timeoutSeconds') || cap), cap);
  if (!Number.isFinite(timeout) || timeout < 0) throw new BadRequestError(`timeoutSeconds must be a non-negative number, got "${q.get('timeoutSeconds')}"`);
  const bookmarks = q.get('allowWatchBookmarks') === 'true';

  const rv = q.get('resourceVersion') ?? '';
  let initial: KubeObject[] = [];
  let from: bigint;
  if (rv === '' || rv === '0') {
    const list = await req.ctx.store.list(req.type, { namespace: filter.namespace, labelSelector: filter.labelSelector, fieldSelector, fieldSet: filter.fieldSet });
    initial = list.items;
    from = BigInt(list.resourceVersion);
  } else {
    if (!/^\d+$/.test(rv)) throw new BadRequestError(`invalid resourceVersion "${rv}": must be a decimal revision`);
    from = BigInt(rv);
  }
  // An expired revision is an HTTP 410 before any event, as kube-apiserver answers it.
  const floor = await log.floor();
  if (from < floor) throw new GoneError(`too old resource version: ${from} (${floor + 1n})`);

  const tableVersion = negotiateTable(req.accept);
  const includeObject = tableVersion ? includeObjectParam(q.get('includeObject')) : undefined;
  let first = true;
  const encode = (ev: WatchEvent): string => {
    let object: unknown = ev.type === 'BOOKMARK'
      ? { kind: req.type.kind, apiVersion: groupVersion(req.type), metadata: { resourceVersion: ev.revision.toString() } }
      : ev.object;
    if (tableVersion && ev.type !== 'BOOKMARK') {
      // One-row Tables; only the first event carries the column definitions (as kube does).
      object = tableFor(req.type, [ev.object], { now: req.ctx.clock.now(), includeObject, omitColumns: !first, apiVersion: tableVersion });
      first = false;
    }
    return `${JSON.stringify({ type: ev.type, object })}\n`;
  };

  return {
    status: 200,
    body: undefined,
    async stream(write, signal) {
      const done = AbortSignal.any([signal, AbortSignal.timeout(timeout * 1000)]);
      try {
        for (const object of initial) await write(encode({ type: 'ADDED', object }));
        const events = watchStream({
          log, filter, from, signal: done, now: () => req.ctx.clock.now().getTime(),
          pollMs: req.ctx.watch?.pollMs, gapTimeoutMs: req.ctx.watch?.gapTimeoutMs,
          bookmarkEveryMs: bookmarks ? BOOKMARK_EVERY_MS : undefined,
        });
        for await (const ev of events) {
          if (done.aborted) break;
          await write(encode(ev));
        }
      } catch (err) {
        if (!done.aborted) await write(`${JSON.stringify({ type: 'ERROR', object: statusFromError(err) })}\n`).catch(() => undefined);
      }
    },
  };
}
