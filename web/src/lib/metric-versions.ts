/**
 * Which definitions (指标口径) a stored report or bulletin was computed with, as a line under it: the server keeps
 * each metric's version with the snapshot (docs/metrics.md), so a later change of a definition is visible on an old
 * figure instead of silently changing what it meant. Null: stored before versions were recorded.
 */
export function describeMetricVersions(versions: Record<string, number> | null | undefined): string {
  if (!versions) return '指标口径：启用口径版本记录之前生成';
  const byVersion = new Map<number, number>();
  for (const version of Object.values(versions)) byVersion.set(version, (byVersion.get(version) ?? 0) + 1);
  if (byVersion.size === 0) return '指标口径：未记录';
  const parts = [...byVersion.entries()].sort(([a], [b]) => a - b);
  if (parts.length === 1) return `指标口径：${parts[0][1]} 项指标均为第 ${parts[0][0]} 版`;
  return `指标口径：${parts.map(([version, count]) => `${count} 项第 ${version} 版`).join('，')}`;
}

/** The versions one by one, for a tooltip: metric id and version, in id order. */
export function listMetricVersions(versions: Record<string, number> | null | undefined): string {
  if (!versions) return '';
  return Object.entries(versions)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, version]) => `${id} v${version}`)
    .join('；');
}
