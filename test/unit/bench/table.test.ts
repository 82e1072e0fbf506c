import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../bench/lib/table.ts';
import { report } from '../../../bench/lib/report.ts';

describe('bench tables', () => {
  it('aligns numbers right and words left, with a rule under the header', () => {
    const text = formatTable(['verb', 'per sec'], [['create', 12.5], ['get', 1234]]);
    expect(text.split('\n')).toEqual([
      'verb    per sec',
      '------  -------',
      'create     12.5',
      'get        1234',
    ]);
  });

  it('shows missing cells as a dash and tiny figures with enough digits', () => {
    const text = formatTable(['a', 'b'], [[undefined, 0.0000123]]);
    expect(text.split('\n')[2]).toBe('-  0.000012');
  });

  it('reports only the sections a run produced', () => {
    const text = report({ store: { createsPerSec: 300, updatesPerSec: 250, txnPerSec: 120, concurrency: 8 } });
    expect(text).toContain('Store ceiling');
    expect(text).toContain('300');
    expect(text).not.toContain('apiserver');
  });
});
