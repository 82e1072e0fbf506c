import { describe, expect, it } from 'vitest';
import { createApiServer } from '../../../lib/apiserver/app.ts';
import { allowAuthenticated } from '../../../lib/auth/authenticator.ts';
import { UnauthorizedError } from '../../../lib/api/errors.ts';
import { MemoryQueueMetrics } from '../../../lib/observability/queue-metrics.ts';
import { testApi } from '../../support/test-api.ts';

describe('/metrics', () => {
  it('serves queue counters in Prometheus text format, to authenticated callers only', async () => {
    const base = await testApi();
    const metrics = new MemoryQueueMetrics();
    await metrics.record('scheduler', { processed: 3, retried: 1 });
    await metrics.record('scheduler', { processed: 2, deadLettered: 1 });
    const app = createApiServer({
      ctx: base.ctx, authorizer: allowAuthenticated, metrics,
      authenticator: { authenticate: async (h) => { if (h !== 'Bearer ok') throw new UnauthorizedError(); return { name: 'u', groups: [] }; } },
    });
    const res = await app.request('http://x/metrics', { headers: { authorization: 'Bearer ok' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('# TYPE skiff_queue_messages_total counter');
    expect(text).toContain('skiff_queue_messages_total{queue="scheduler",outcome="processed"} 5');
    expect(text).toContain('skiff_queue_messages_total{queue="scheduler",outcome="retried"} 1');
    expect(text).toContain('skiff_queue_messages_total{queue="scheduler",outcome="deadLettered"} 1');
    expect((await app.request('http://x/metrics')).status).toBe(401);
  });
});
