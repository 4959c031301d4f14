import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { excelSerialToDate, numberText } from './ledger-cells';
import { ZipEntry } from './zip-inspector';

/**
 * Reads the cell text of an .xlsx's sheets, streaming each sheet's XML row by row. A ledger needs text,
 * not a spreadsheet model: this keeps a 20 MB upload at a few megabytes of memory, and avoids exceljs's
 * streaming reader (which splits multi-byte characters at chunk edges and now and then loses the
 * workbook part under load). SpreadsheetML as Excel, WPS, LibreOffice and exceljs write it: shared or
 * inline strings, numbers, dates by their number format, formulas by their cached value, any namespace prefix.
 */
export interface XlsxSheetInfo {
  name: string;
  visible: boolean;
}

/**
 * Called per non-empty row with its Excel row number, cell texts and the indexes of cells stored as numbers
 * (an ID typed into a General cell has lost digits: only the cell type tells); return false to skip the rest.
 */
export type RowSink = (row: number, values: string[], numbers: number[] | undefined) => boolean;

/** A merged range (`<mergeCell ref="A3:A4"/>`), zero-based columns and Excel row numbers, inclusive. */
export interface MergeRange {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface SheetSink {
  row: RowSink;
  /** The sheet's merged ranges, known only after its rows (they follow <sheetData>); not called when skipped. */
  merges(ranges: MergeRange[]): void;
}

export class XlsxFormatError extends Error {}

const P = '(?:[A-Za-z_][\\w.-]*:)?'; // an optional namespace prefix (x:row, x:c, …)
const SHEET = new RegExp(`<${P}sheet\\b([^>]*)>`, 'g');
const RELATIONSHIP = new RegExp(`<${P}Relationship\\b([^>]*)>`, 'g');
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ROW = new RegExp(`<${P}row\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}row>)`, 'g');
const CELL = new RegExp(`<${P}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}c>)`, 'g');
const VALUE = new RegExp(`<${P}v\\b[^>]*>([\\s\\S]*?)</${P}v>`);
const INLINE = new RegExp(`<${P}is\\b[^>]*>([\\s\\S]*?)</${P}is>`);
const TEXT = new RegExp(`<${P}t\\b[^>]*>([\\s\\S]*?)</${P}t>|<${P}t\\b[^>]*/>`, 'g');
const PHONETIC = new RegExp(`<${P}rPh\\b[\\s\\S]*?</${P}rPh>`, 'g');
const ITEM = new RegExp(`<${P}si\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}si>)`, 'g');
const NUMBER_FORMAT = new RegExp(`<${P}numFmt\\b([^>]*)>`, 'g');
const CELL_FORMATS = new RegExp(`<${P}cellXfs\\b[^>]*>([\\s\\S]*?)</${P}cellXfs>`);
const FORMAT = new RegExp(`<${P}xf\\b([^>]*)>`, 'g');
const ROW_END = new RegExp(`</${P}row>`, 'g');
const MERGE = new RegExp(`<${P}mergeCell\\b([^>]*)>`, 'g');
const MERGE_CELLS = new RegExp(`<${P}mergeCells\\b`);
const RANGE = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/;
// A cell's three attributes, read directly: a cell is the most frequent element of a sheet.
const CELL_REFERENCE = /(?:^|\s)r\s*=\s*["']([A-Z]+)\d*["']/;
const CELL_TYPE = /(?:^|\s)t\s*=\s*["'](\w+)["']/;
const CELL_STYLE = /(?:^|\s)s\s*=\s*["'](\d+)["']/;
const SIMPLE_TEXT = new RegExp(`^<${P}t(?:\\s[^>]*)?>([^<]*)</${P}t>$`);

/** Built-in number formats that show dates (ECMA-376 18.8.30, with the CJK ones). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58,
]);

function attributes(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = match[1];
    map.set(name.includes(':') ? name.slice(name.indexOf(':') + 1) : name, match[2] ?? match[3] ?? '');
  }
  return map;
}

/** XML entities, then OOXML's _xHHHH_ escapes (how a CR or other control character is stored). */
export function decodeXml(text: string): string {
  const decoded = text.includes('&')
    ? text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (_, dec, hex, name) => {
        if (dec) return String.fromCodePoint(Number(dec));
        if (hex) return String.fromCodePoint(parseInt(hex, 16));
        return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as string]!;
      })
    : text;
  return decoded.includes('_x')
    ? decoded.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
    : decoded;
}

/** The text of an <si> or <is>: every <t>, phonetic guides left out. */
function runText(xml: string): string {
  const simple = SIMPLE_TEXT.exec(xml);
  if (simple) return decodeXml(simple[1]);
  let text = '';
  for (const match of xml.replace(PHONETIC, '').matchAll(TEXT)) text += match[1] ?? '';
  return decodeXml(text);
}

/** A custom format shows a date when it has date or time letters outside quotes and brackets. */
function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/**
 * A copy of a cell's text that does not keep the sheet's XML alive: V8 makes a substring of 13 or more
 * characters a view into its parent, and a ledger's rows would otherwise hold every megabyte they came from.
 */
function own(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

/** The merged ranges of a sheet's tail (the part after its last row); single cells are left out. */
export function mergeRanges(xml: string): MergeRange[] {
  const ranges: MergeRange[] = [];
  for (const match of xml.matchAll(MERGE)) {
    const found = RANGE.exec((attributes(match[1]).get('ref') ?? '').toUpperCase());
    if (!found) continue;
    const [left, right] = [columnIndex(found[1]), columnIndex(found[3] ?? found[1])].sort((a, b) => a - b);
    const [top, bottom] = [Number(found[2]), Number(found[4] ?? found[2])].sort((a, b) => a - b);
    if (top !== bottom || left !== right) ranges.push({ top, bottom, left, right });
  }
  return ranges;
}

export class XlsxReader {
  private readonly entries: Map<string, ZipEntry>;
  private sharedStrings: string[] = [];
  private dateStyles = new Set<number>();

  constructor(
    private readonly buffer: Buffer,
    entries: ZipEntry[],
  ) {
    this.entries = new Map(entries.map((e) => [e.name.replace(/^\//, '').toLowerCase(), e]));
  }

  /** Every sheet in workbook order, each read to the end or until its sink returns false. */
  async read(open: (sheet: XlsxSheetInfo) => SheetSink): Promise<void> {
    const workbook = this.text('xl/workbook.xml');
    if (workbook === null) throw new XlsxFormatError('no workbook part');
    const relationships = new Map<string, string>();
    for (const match of (this.text('xl/_rels/workbook.xml.rels') ?? '').matchAll(RELATIONSHIP)) {
      const attrs = attributes(match[1]);
      relationships.set(attrs.get('Id') ?? '', attrs.get('Target') ?? '');
    }
    this.sharedStrings = this.readSharedStrings();
    this.dateStyles = this.readDateStyles();
    for (const match of workbook.matchAll(SHEET)) {
      const attrs = attributes(match[1]);
      const target = relationships.get(attrs.get('id') ?? '');
      if (!target) continue;
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
      const entry = this.entries.get(path.toLowerCase());
      if (!entry) continue;
      const sink = open({
        name: decodeXml(attrs.get('name') ?? ''),
        visible: (attrs.get('state') ?? 'visible') === 'visible',
      });
      await this.readSheet(entry, sink);
    }
  }

  private data(entry: ZipEntry): Buffer {
    const at = entry.localHeaderOffset;
    const start = at + 30 + this.buffer.readUInt16LE(at + 26) + this.buffer.readUInt16LE(at + 28);
    return this.buffer.subarray(start, start + entry.compressedSize);
  }

  /** A small part (workbook, relationships, styles, shared strings) as text; null when absent. */
  private text(name: string): string | null {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) return null;
    const data = this.data(entry);
    return (entry.method === 0 ? data : inflateRawSync(data)).toString('utf8');
  }

  private readSharedStrings(): string[] {
    const xml = this.text('xl/sharedStrings.xml');
    if (!xml) return [];
    return Array.from(xml.matchAll(ITEM), (match) => (match[1] ? runText(match[1]) : ''));
  }

  private readDateStyles(): Set<number> {
    const xml = this.text('xl/styles.xml') ?? '';
    const custom = new Map<number, string>();
    for (const match of xml.matchAll(NUMBER_FORMAT)) {
      const attrs = attributes(match[1]);
      custom.set(Number(attrs.get('numFmtId')), decodeXml(attrs.get('formatCode') ?? ''));
    }
    const dates = new Set<number>();
    const formats = xml.match(CELL_FORMATS)?.[1] ?? '';
    let index = 0;
    for (const match of formats.matchAll(FORMAT)) {
      const id = Number(attributes(match[1]).get('numFmtId') ?? 0);
      if (DATE_FORMAT_IDS.has(id) || (custom.has(id) && isDateFormatCode(custom.get(id)!))) dates.add(index);
      index++;
    }
    return dates;
  }

  /** Inflates the sheet as a stream and hands over complete rows as they arrive. */
  private async readSheet(entry: ZipEntry, sink: SheetSink): Promise<void> {
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let lastRow = 0;
    let open = true;
    const consume = (final: boolean) => {
      ROW_END.lastIndex = 0;
      let end = -1;
      for (let match = ROW_END.exec(pending); match; match = ROW_END.exec(pending))
        end = match.index + match[0].length;
      // Self-closing rows hold no cells; what follows the last </row> waits for the next chunk.
      const complete = final ? pending : end >= 0 ? pending.slice(0, end) : '';
      pending = final ? '' : end >= 0 ? pending.slice(end) : pending;
      if (!open || !complete) return;
      for (const row of complete.matchAll(ROW)) {
        const number = Number(attributes(row[1]).get('r')) || lastRow + 1;
        lastRow = number;
        if (!row[2]) continue;
        const { values, numbers } = this.cells(row[2]);
        if (values.some((v) => v !== '') && !sink.row(number, values, numbers)) {
          open = false;
          return;
        }
      }
      // <mergeCells> follows </sheetData>: it is in what is left after the last row.
      if (final) {
        const at = complete.search(MERGE_CELLS);
        sink.merges(at < 0 ? [] : mergeRanges(complete.slice(at)));
      }
    };
    const data = this.data(entry);
    if (entry.method === 0) {
      pending = decoder.write(data) + decoder.end();
      consume(true);
      return;
    }
    const inflater = createInflateRaw();
    inflater.end(data);
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      pending += decoder.write(chunk);
      if (pending.length > 1_000_000) consume(false);
      if (!open) return; // leaving the loop destroys the inflater
    }
    pending += decoder.end();
    consume(true);
  }

  private cells(xml: string): { values: string[]; numbers: number[] | undefined } {
    const values: string[] = [];
    let numbers: number[] | undefined;
    let next = 0;
    for (const cell of xml.matchAll(CELL)) {
      const attrs = cell[1];
      const reference = CELL_REFERENCE.exec(attrs)?.[1];
      const index = reference ? columnIndex(reference) : next;
      next = index + 1;
      const body = cell[2];
      if (!body || index < 0) continue;
      while (values.length < index) values.push('');
      const type = CELL_TYPE.exec(attrs)?.[1] ?? 'n';
      const style = Number(CELL_STYLE.exec(attrs)?.[1] ?? 0);
      values[index] = own(this.cellText(type, style, body));
      if (type === 'n' && !this.dateStyles.has(style)) (numbers ??= []).push(index);
    }
    return { values, numbers };
  }

  private cellText(type: string, style: number, body: string): string {
    if (type === 'inlineStr') return runText(body.match(INLINE)?.[1] ?? '').trim();
    const raw = body.match(VALUE)?.[1];
    if (raw === undefined) return '';
    switch (type) {
      case 's':
        return (this.sharedStrings[Number(raw)] ?? '').trim();
      case 'str':
        return decodeXml(raw).trim();
      case 'b':
        return raw.trim() === '1' ? 'TRUE' : 'FALSE';
      case 'e':
        return '';
      case 'd':
        return decodeXml(raw).trim().slice(0, 10);
      default:
        if (!Number.isFinite(Number(raw))) return raw.trim();
        if (this.dateStyles.has(style)) return excelSerialToDate(Number(raw)) ?? numberText(Number(raw));
        return numberText(Number(raw));
    }
  }
}
