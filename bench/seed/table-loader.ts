import { BulkWriter, Row } from './bulk-writer';

/** Collects one table's rows and hands them to the writer in batches. */
export class TableLoader {
  private rows: Row[] = [];
  private parent?: TableLoader;
  count = 0;

  constructor(
    private readonly writer: BulkWriter,
    readonly table: string,
    private readonly columns: string[],
    private readonly batchSize: number,
  ) {}

  /** Rows of `parent` are always written before this table's (a foreign key points there). */
  references(parent: TableLoader): this {
    this.parent = parent;
    return this;
  }

  async add(row: Row): Promise<void> {
    if (row.length !== this.columns.length) {
      throw new Error(`${this.table}: ${row.length} values for ${this.columns.length} columns`);
    }
    this.rows.push(row);
    this.count += 1;
    if (this.rows.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    await this.parent?.flush();
    const rows = this.rows;
    this.rows = [];
    await this.writer.insert(this.table, this.columns, rows);
  }
}
