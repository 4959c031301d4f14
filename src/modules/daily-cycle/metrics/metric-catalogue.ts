import {
  checkMetricTable,
  MetricDefinition,
  MetricDocument,
  METRICS,
  MetricVersions,
  metricVersionsOf,
} from './metric-definitions';

/**
 * The metric table as a provider: the report and the bulletin ask it which versions they compute with. A test
 * provides another table (overrideProvider) instead of editing this one; the module builds it with a factory.
 */
export class MetricCatalogue {
  constructor(private readonly table: readonly MetricDefinition[] = METRICS) {
    checkMetricTable(table);
  }

  definitions(): readonly MetricDefinition[] {
    return this.table;
  }

  versionsOf(document: MetricDocument): MetricVersions {
    return metricVersionsOf(document, this.table);
  }
}
