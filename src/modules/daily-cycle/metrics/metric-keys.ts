/**
 * The metric keys a document emits: every key whose value is a number, at any depth, by its own name; a map of
 * households per stage (a breakdown's `stages`) counts as its one key. The audit checkpoint is no figure. The
 * tests hold the metric table to what the report and bulletin builders emit with it.
 */
export function emittedMetricKeys(document: unknown): Set<string> {
  const keys = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'auditCheckpoint' || key === 'metricVersions') continue;
      if (typeof inner === 'number') keys.add(key);
      else if (key === 'stages' && !Array.isArray(inner)) keys.add(key);
      else walk(inner);
    }
  };
  walk(document);
  return keys;
}
