import * as iconv from 'iconv-lite';
import { randomBytes } from 'node:crypto';
import { decodeText, detectDelimiter, parseCsv } from '../csv-decoder';

describe('decodeText: the encodings Excel and WPS save CSV in', () => {
  const text = '户编号,户主姓名\r\nAZ-1,龙秀英\r\n';

  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(decodeText(bom)).toEqual({ text, encoding: 'utf-8-bom' });
  });

  it('reads GBK and GB18030 (not valid UTF-8) without being told', () => {
    expect(decodeText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
    const rare = '户主姓名\n𠀀堃'; // a CJK Extension B character exists only in GB18030
    expect(decodeText(iconv.encode(rare, 'gb18030'))?.text).toBe(rare);
  });

  it('reads UTF-16 "Unicode text" with its BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    expect(decodeText(le)).toEqual({ text, encoding: 'utf-16le' });
  });

  it('refuses bytes that are not text', () => {
    expect(decodeText(randomBytes(2000))).toBeNull();
    expect(decodeText(Buffer.from('a\u0000b'))).toBeNull();
  });
});

describe('parseCsv', () => {
  it('splits on commas or tabs, whichever the header uses', () => {
    expect(detectDelimiter('a\tb,c\tд\n1,2,3,4,5')).toBe('\t');
    expect(detectDelimiter('a,b\tc,d')).toBe(',');
    expect(parseCsv('a\tb\n1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps quoted delimiters, doubled quotes and line breaks inside one field (one Excel row)', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi""\nbye"\r\n3,4\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"\nbye'],
      ['3', '4'],
    ]);
  });

  it('keeps empty lines as rows, so row numbers match what Excel shows', () => {
    expect(parseCsv('a\n\nb\n').map((r) => r[0])).toEqual(['a', '', 'b']);
  });
});
