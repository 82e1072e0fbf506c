// Renders the queue counters in Prometheus' text exposition format.
import { OUTCOMES, type OutcomeCounts } from './queue-metrics.ts';

export function renderQueueMetrics(snapshot: Record<string, OutcomeCounts>): string {
  const lines = [
    '# HELP skiff_queue_messages_total Work queue messages handled, by queue and outcome.',
    '# TYPE skiff_queue_messages_total counter',
  ];
  for (const queue of Object.keys(snapshot).sort()) {
    for (const outcome of OUTCOMES) {
      lines.push(`skiff_queue_messages_total{queue="${escapeLabel(queue)}",outcome="${outcome}"} ${snapshot[queue]![outcome] ?? 0}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
