import * as ExcelJS from 'exceljs';
import { inflateRawSync } from 'node:zlib';
import { readCentralDirectory } from '../../src/modules/ledger/zip-inspector';
import { auth } from '../support/factories';
import { TestApp } from '../support/test-app';

/** Helpers for the ledger e2e files: ledgers are built here with exceljs (and iconv-lite), not checked in. */

export const HOUSEHOLD_HEADERS = [
  '户编号',
  '乡镇',
  '村',
  '组',
  '户主姓名',
  '户主身份证号',
  '联系电话',
  '家庭住址',
  '标识',
  '主房面积(㎡)',
  '房屋结构',
  '包户干部',
  '阶段',
  '安置意愿',
  '安置点',
  '生计方式',
  '备注',
];
export const MEMBER_HEADERS = ['户编号', '姓名', '身份证号', '性别', '出生日期', '与户主关系', '民族'];

export type Row = Record<string, string | number | null | undefined>;

/** Downloads the template through the API. */
export async function template(t: TestApp, token: string): Promise<Buffer> {
  const response = await t.http
    .get('/api/v1/households/import/template')
    .set(auth(token))
    .buffer(true)
    .parse(binary as never);
  if (response.status !== 200) throw new Error(`template: ${response.status}`);
  return response.body as Buffer;
}

/** supertest parser that keeps the body as bytes. */
export function binary(res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void): void {
  const parts: Buffer[] = [];
  res.on('data', (chunk: Buffer) => parts.push(chunk));
  res.on('end', () => done(null, Buffer.concat(parts)));
}

/** A ledger made from the template: rows are written under the template's own headers. */
export class LedgerBook {
  private constructor(readonly workbook: ExcelJS.Workbook) {}

  static async from(buffer: Buffer): Promise<LedgerBook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    return new LedgerBook(workbook);
  }

  get households(): ExcelJS.Worksheet {
    return this.workbook.getWorksheet('户籍台账')!;
  }

  get members(): ExcelJS.Worksheet {
    return this.workbook.getWorksheet('家庭成员')!;
  }

  /** Writes a row at Excel row `row` (or the next one) under the matching headers; returns the row number. */
  put(sheet: ExcelJS.Worksheet, values: Row, row?: number): number {
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const number = row ?? sheet.rowCount + 1;
    const target = sheet.getRow(number);
    for (const [header, value] of Object.entries(values)) {
      const index = headers.indexOf(header);
      if (index < 1) throw new Error(`no column ${header}`);
      target.getCell(index).value = value ?? null;
    }
    target.commit();
    return number;
  }

  household(values: Row, row?: number): number {
    return this.put(this.households, values, row);
  }

  member(values: Row, row?: number): number {
    return this.put(this.members, values, row);
  }

  async buffer(): Promise<Buffer> {
    return Buffer.from(await this.workbook.xlsx.writeBuffer());
  }
}

/** Every data row of a sheet as { header: text }. */
export function sheetRows(sheet: ExcelJS.Worksheet): Record<string, string>[] {
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const record: Record<string, string> = {};
    headers.forEach((header, index) => {
      if (!header) return;
      const value = row.getCell(index).value;
      record[header] =
        value && typeof value === 'object' && 'richText' in value
          ? value.richText.map((r) => r.text).join('')
          : value === null || value === undefined
            ? ''
            : String(value);
    });
    rows.push(record);
  });
  return rows;
}

export async function upload(t: TestApp, token: string, content: Buffer, name = 'ledger.xlsx', query = '') {
  return t.http
    .post(`/api/v1/households/import${query}`)
    .set(auth(token))
    .attach('file', content, { filename: name, contentType: 'application/octet-stream' });
}

export async function exportLedger(
  t: TestApp,
  token: string,
  query = '',
): Promise<{ status: number; body: Buffer; type: string }> {
  const response = await t.http
    .get(`/api/v1/households/export${query}`)
    .set(auth(token))
    .buffer(true)
    .parse(binary as never);
  return {
    status: response.status,
    body: response.body as Buffer,
    type: String(response.headers['content-type']),
  };
}

/** One entry of a zip (an .xlsx), inflated: to look at the XML Excel will read. */
export function zipEntry(zip: Buffer, name: string): string {
  const entry = readCentralDirectory(zip).find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name}`);
  const at = entry.localHeaderOffset;
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  return (entry.method === 0 ? data : inflateRawSync(data)).toString('utf8');
}

export { makeZip } from '../support/ooxml-workbook';

export async function orgUnits(
  t: TestApp,
  token: string,
): Promise<{ id: string; name: string; code: string | null }[]> {
  return (await t.http.get('/api/v1/org-units').set(auth(token))).body;
}

export async function householdCount(t: TestApp, token: string): Promise<number> {
  return (await t.http.get('/api/v1/households?pageSize=1').set(auth(token))).body.total;
}
