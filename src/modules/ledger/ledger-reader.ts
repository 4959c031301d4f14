import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { decodeText, parseCsv, TextEncoding } from './csv-decoder';
import { HOUSEHOLD_SHEET, HouseholdKey, MEMBER_SHEET, MemberKey } from './ledger-format';
import { Notes } from './ledger-notes';
import { HouseholdSheet, MemberSheet, SheetCollector } from './ledger-sheet';
import { LedgerErrors } from './ledger.errors';
import { XlsxReader } from './xlsx-reader';
import { inspectZip, isZip, ZipEntry, ZipInspectionError } from './zip-inspector';

export interface LedgerFile {
  format: 'xlsx' | 'csv';
  encoding: TextEncoding | null;
  households: HouseholdSheet;
  /** null when the file has no member sheet (a CSV, or an .xlsx without 家庭成员): members stay as they are. */
  members: MemberSheet | null;
  /** What was read in a way the clerk should know about (merged cells, totals, unknown columns…). */
  notes: Notes;
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** How much an .xlsx may inflate to, as a multiple of the upload limit (ledger XML compresses ~8×). */
export const UNCOMPRESSED_FACTOR = 10;

/** Bytes → the ledger's sheets, refusing anything that is not a readable .xlsx or CSV ledger. */
@Injectable()
export class LedgerReader {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get maxBytes(): number {
    return this.config.importMaxBytes;
  }

  get maxUncompressed(): number {
    return this.config.importMaxBytes * UNCOMPRESSED_FACTOR;
  }

  async read(buffer: Buffer, fileName: string): Promise<LedgerFile> {
    if (buffer.length === 0) throw LedgerErrors.emptyFile();
    if (buffer.length > this.maxBytes) throw LedgerErrors.tooLarge(this.maxBytes);
    if (isZip(buffer)) return this.readWorkbook(buffer, fileName);
    if (buffer.subarray(0, 8).equals(OLE2)) throw LedgerErrors.legacyFormat();
    return this.readCsv(buffer, fileName);
  }

  private readCsv(buffer: Buffer, fileName: string): LedgerFile {
    const decoded = decodeText(buffer);
    if (!decoded) throw LedgerErrors.unrecognized();
    const records = parseCsv(decoded.text);
    const collector = new SheetCollector(fileName);
    const notes = new Notes();
    records.forEach((values, index) =>
      collector.add(
        index + 1,
        values.map((v) => v.trim()),
      ),
    );
    if (collector.kind === 'members') throw LedgerErrors.csvMembers();
    const households = collector.build<HouseholdKey>('households', notes);
    if (households.rows.length === 0) throw LedgerErrors.noDataRows(HOUSEHOLD_SHEET);
    return { format: 'csv', encoding: decoded.encoding, households, members: null, notes };
  }

  private async readWorkbook(buffer: Buffer, fileName: string): Promise<LedgerFile> {
    let entries: ZipEntry[];
    try {
      entries = await inspectZip(buffer, this.maxUncompressed);
    } catch (error) {
      if (!(error instanceof ZipInspectionError)) throw error;
      if (error.problem === 'tooLarge') throw LedgerErrors.inflatesTooLarge(this.maxUncompressed);
      throw LedgerErrors.corrupt();
    }
    const names = new Set(entries.map((e) => e.name));
    if (!names.has('xl/workbook.xml')) {
      if (
        isOpenDocumentSpreadsheet(buffer, entries) ||
        (names.has('content.xml') && /\.ods$/i.test(fileName))
      )
        throw LedgerErrors.openDocument();
      if (names.has('word/document.xml')) throw LedgerErrors.notWorkbook('看起来是 Word 文档');
      if ([...names].some((n) => n.startsWith('ppt/'))) throw LedgerErrors.notWorkbook('看起来是演示文稿');
      throw LedgerErrors.notWorkbook('是其他压缩文件');
    }
    const sheets = await this.collectSheets(buffer, entries);
    const households = pick(sheets, 'households', HOUSEHOLD_SHEET) ?? sheets.find((s) => s.visible);
    if (!households) throw LedgerErrors.noLedgerSheet();
    const notes = new Notes();
    const householdSheet = households.collector.build<HouseholdKey>('households', notes);
    if (householdSheet.rows.length === 0) throw LedgerErrors.noDataRows(HOUSEHOLD_SHEET);
    const members = pick(sheets, 'members', MEMBER_SHEET);
    return {
      format: 'xlsx',
      encoding: null,
      households: householdSheet,
      members: members ? members.collector.build<MemberKey>('members', notes) : null,
      notes,
    };
  }

  private async collectSheets(buffer: Buffer, entries: ZipEntry[]): Promise<CollectedSheet[]> {
    const sheets: CollectedSheet[] = [];
    try {
      await new XlsxReader(buffer, entries).read((sheet) => {
        const collector = new SheetCollector(sheet.name);
        sheets.push({ collector, visible: sheet.visible });
        return {
          row: (row, values, numbers) => collector.add(row, values, numbers),
          merges: (ranges) => collector.setMerges(ranges),
        };
      });
    } catch (error) {
      if (error instanceof Error && 'status' in error) throw error;
      throw LedgerErrors.corrupt();
    }
    return sheets;
  }
}

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

/** An OpenDocument spreadsheet (.ods): its first entry, `mimetype`, is stored uncompressed and says so. */
function isOpenDocumentSpreadsheet(buffer: Buffer, entries: ZipEntry[]): boolean {
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (!mimetype || mimetype.method !== 0 || mimetype.compressedSize > 200) return false;
  const at = mimetype.localHeaderOffset;
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  return buffer
    .subarray(start, start + mimetype.compressedSize)
    .toString('latin1')
    .startsWith(ODS_MIME);
}

interface CollectedSheet {
  collector: SheetCollector;
  visible: boolean;
}

/** The recognized sheet of a kind (the one with the expected name first), else one named like it. */
function pick(sheets: CollectedSheet[], kind: 'households' | 'members', name: string) {
  const recognized = sheets.filter((s) => s.collector.kind === kind);
  return (
    recognized.find((s) => s.collector.name === name) ??
    recognized[0] ??
    sheets.find((s) => s.collector.name === name)
  );
}
