import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Workbooks written the way LibreOffice and openpyxl write them, not by exceljs: the OOXML parts by hand.
 * Shared strings (or inline strings), numbers in General cells (an ID typed there is stored as
 * 4.33101195501013E+17), empty styled cells under a merge, <mergeCells> after <sheetData>.
 */

/** A cell: text, a number (stored as a number cell), or null (empty). */
export type OoxmlCell = string | number | null | undefined;

export interface OoxmlSheet {
  name: string;
  /** Rows from row 1; a row of [] (or undefined) is left out, as an empty row is. */
  rows: (OoxmlCell[] | undefined)[];
  /** Merged ranges, as Excel writes them: "A3:A5". */
  merges?: string[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function columnName(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "AB12" or "AB" → 27. */
const columnIndex = (ref: string) =>
  [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** A number as LibreOffice writes it into <v>: 15 significant digits, E-notation for long ones. */
function numberXml(value: number): string {
  return Math.abs(value) >= 1e15
    ? value
        .toExponential(14)
        .replace(/\.?0+e/, 'E')
        .toUpperCase()
    : String(value);
}

/** Cells covered by a merge but not its top-left one: written empty and styled, as office suites do. */
function coveredCells(merges: string[]): Set<string> {
  const covered = new Set<string>();
  for (const ref of merges) {
    const [from, to] = ref.split(':');
    const [, c1, r1] = from.match(/^([A-Z]+)(\d+)$/)!;
    const [, c2, r2] = to.match(/^([A-Z]+)(\d+)$/)!;
    for (let r = Number(r1); r <= Number(r2); r++)
      for (let c = columnIndex(c1); c <= columnIndex(c2); c++)
        if (r !== Number(r1) || c !== columnIndex(c1)) covered.add(`${columnName(c)}${r}`);
  }
  return covered;
}

export function ooxmlWorkbook(sheets: OoxmlSheet[], options: { inlineStrings?: boolean } = {}): Buffer {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const shared = (text: string) => {
    if (!stringIndex.has(text)) {
      stringIndex.set(text, strings.length);
      strings.push(text);
    }
    return stringIndex.get(text)!;
  };
  const sheetXml = (sheet: OoxmlSheet) => {
    const covered = coveredCells(sheet.merges ?? []);
    const rows: string[] = [];
    sheet.rows.forEach((cells, i) => {
      const r = i + 1;
      const xml: string[] = [];
      const last = Math.max(
        (cells?.length ?? 0) - 1,
        ...[...covered].filter((ref) => ref.replace(/^[A-Z]+/, '') === `${r}`).map(columnIndex),
      );
      for (let c = 0; c <= last; c++) {
        const ref = `${columnName(c)}${r}`;
        const value = cells?.[c];
        if (value === null || value === undefined || value === '') {
          if (covered.has(ref)) xml.push(`<c r="${ref}" s="1"/>`);
        } else if (typeof value === 'number')
          xml.push(`<c r="${ref}" s="0" t="n"><v>${numberXml(value)}</v></c>`);
        else if (options.inlineStrings)
          xml.push(`<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escape(value)}</t></is></c>`);
        else xml.push(`<c r="${ref}" s="0" t="s"><v>${shared(value)}</v></c>`);
      }
      if (xml.length) rows.push(`<row r="${r}">${xml.join('')}</row>`);
    });
    const merges = sheet.merges?.length
      ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
      : '';
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><sheetData>${rows.join('')}</sheetData>${merges}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  };
  const sheetParts = sheets.map(sheetXml);
  const entry = (name: string, text: string) => ({ name, content: Buffer.from(text, 'utf8') });
  return makeZip([
    entry(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    entry(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    entry(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets>${sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" state="visible" r:id="rId${i + 3}"/>`).join('')}</sheets></workbook>`,
    ),
    entry(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${RELS}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/>${sheets.map((_, i) => `<Relationship Id="rId${i + 3}" Type="${RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    ),
    entry(
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="center"/></xf></cellXfs></styleSheet>`,
    ),
    ...sheetParts.map((xml, i) => entry(`xl/worksheets/sheet${i + 1}.xml`, xml)),
    entry(
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t xml:space="preserve">${escape(t)}</t></si>`).join('')}</sst>`,
    ),
  ]);
}

/** A zip written by hand: for files no office suite would write (a renamed .docx, bombs). */
export function makeZip(
  entries: { name: string; content: Buffer; declaredSize?: number; stored?: boolean }[],
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.stored ? entry.content : deflateRawSync(entry.content, { level: 9 });
    const method = entry.stored ? 0 : 8;
    const size = entry.declaredSize ?? entry.content.length;
    const crc = crc32(entry.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
