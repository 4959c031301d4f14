import * as iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// Anything below a space except tab, LF and CR means the bytes are not text (or not in this encoding).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/;

/**
 * What Excel and WPS write as "CSV" on Chinese Windows: UTF-8 with or without a BOM, GBK/GB18030 (the
 * default "CSV (逗号分隔)"), or UTF-16 with a BOM ("Unicode 文本"). Detected from the bytes: a BOM wins,
 * then strict UTF-8, then GB18030 (a superset of GBK). Returns null when the bytes are not text at all.
 */
export function decodeText(buffer: Buffer): { text: string; encoding: TextEncoding } | null {
  let decoded: { text: string; encoding: TextEncoding } | null = null;
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    decoded = { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  } else if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    decoded = { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  } else if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    decoded = { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  } else {
    try {
      decoded = { text: strictUtf8.decode(buffer), encoding: 'utf-8' };
    } catch {
      decoded = { text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' };
    }
  }
  return CONTROL.test(decoded.text) ? null : decoded;
}

/** Comma or tab, whichever the first non-empty line uses more of (outside quotes). */
export function detectDelimiter(text: string): ',' | '\t' {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (commas + tabs > 0) break;
    } else if (!quoted && char === ',') commas++;
    else if (!quoted && char === '\t') tabs++;
  }
  return tabs > commas ? '\t' : ',';
}

/**
 * RFC 4180 records (quoted fields may hold delimiters, quotes as "" and line breaks). Each record is one
 * row as Excel shows it, so record i is row i + 1; a trailing line break does not add a row.
 */
export function parseCsv(text: string, delimiter: string = detectDelimiter(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      i++;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) endField();
    else if (char === '\r') {
      endRecord();
      if (text[i + 1] === '\n') i++;
    } else if (char === '\n') endRecord();
    else field += char;
    i++;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}
