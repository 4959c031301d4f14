import { MetricDefinition } from '../metric-definitions';
import { metricsSheetRows } from '../metrics-sheet';

const table: MetricDefinition[] = [
  {
    id: 'visits',
    name: '走访次数',
    definition: '当日走访记录条数。',
    version: 2,
    documents: ['daily_report'],
  },
  { id: 'households', name: '移民户数', definition: '已登记户数。', version: 1, documents: ['daily_report'] },
  { id: 'gain', name: '本周提升', definition: '期末减期初。', version: 1, documents: ['weekly_bulletin'] },
];

describe('the 指标口径 sheet of an export', () => {
  it('lists the figures of its document with the versions the snapshot used', () => {
    expect(metricsSheetRows('daily_report', { visits: 2, households: 1 }, table)).toEqual([
      ['visits', '走访次数', 2, '当日走访记录条数。'],
      ['households', '移民户数', 1, '已登记户数。'],
    ]);
    expect(metricsSheetRows('weekly_bulletin', { gain: 1 }, table)).toEqual([
      ['gain', '本周提升', 1, '期末减期初。'],
    ]);
  });

  it("says when a figure was computed with an older definition than today's", () => {
    expect(metricsSheetRows('daily_report', { visits: 1, households: 1 }, table)[0]).toEqual([
      'visits',
      '走访次数',
      1,
      '按第1版口径计算；现行口径为第2版：当日走访记录条数。',
    ]);
  });

  it('leaves out a figure the snapshot did not compute, and marks snapshots from before versioning', () => {
    expect(metricsSheetRows('daily_report', { households: 1 }, table).map((row) => row[0])).toEqual([
      'households',
    ]);
    expect(metricsSheetRows('daily_report', null, table)).toEqual([
      ['visits', '走访次数', '—', '本表生成于指标版本化之前；现行口径（第2版）：当日走访记录条数。'],
      ['households', '移民户数', '—', '本表生成于指标版本化之前；现行口径（第1版）：已登记户数。'],
    ]);
  });
});
