import { describe, expect, it } from 'vitest';
import { describeMetricVersions, listMetricVersions } from './metric-versions';

describe('the definitions a snapshot was computed with', () => {
  it('says when a snapshot predates the recording of versions', () => {
    expect(describeMetricVersions(null)).toBe('指标口径：启用口径版本记录之前生成');
    expect(describeMetricVersions(undefined)).toBe('指标口径：启用口径版本记录之前生成');
    expect(listMetricVersions(null)).toBe('');
  });

  it('counts the metrics of each version, oldest version first', () => {
    expect(describeMetricVersions({ households: 1, visits: 1, signed: 1 })).toBe(
      '指标口径：3 项指标均为第 1 版',
    );
    expect(describeMetricVersions({ households: 1, visits: 2, signed: 1, stalled: 3 })).toBe(
      '指标口径：2 项第 1 版，1 项第 2 版，1 项第 3 版',
    );
    expect(describeMetricVersions({})).toBe('指标口径：未记录');
  });

  it('lists each metric with its version in id order', () => {
    expect(listMetricVersions({ visits: 2, households: 1 })).toBe('households v1；visits v2');
  });
});
