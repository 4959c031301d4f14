import { HOUSE_STRUCTURES, INTENT_OPTIONS } from '../../households/household.enums';
import { readRelation } from '../ledger-habits';
import { looksLikeFormula, numberText, safeText } from '../ledger-cells';
import {
  cleanIdNumber,
  cleanPhone,
  parseArea,
  parseDate,
  parseEnum,
  parseEthnicity,
  splitList,
} from '../ledger-values';

describe('ledger cell values', () => {
  it('reads enums from the Chinese label or the English value, forgiving full-width brackets', () => {
    expect(parseEnum(HOUSE_STRUCTURES, '砖混')).toBe('brick_concrete');
    expect(parseEnum(HOUSE_STRUCTURES, 'brick_concrete')).toBe('brick_concrete');
    expect(parseEnum(INTENT_OPTIONS, '集中安置（统规统建）')).toBe('central_gov_built');
    expect(parseEnum(HOUSE_STRUCTURES, '茅草')).toBeNull();
  });

  it('reads relations, ethnicities, lists, areas, dates, IDs and phones as people type them', () => {
    expect(readRelation('儿媳')?.value).toBe('child_in_law');
    expect(readRelation('户主')?.value).toBe('head');
    expect(parseEthnicity('6')).toBe('06');
    expect(parseEthnicity('苗')).toBe('06');
    expect(parseEthnicity('土家族')).toBe('15');
    expect(splitList('低保、残疾，军属 大病')).toEqual(['低保', '残疾', '军属', '大病']);
    expect(parseArea('120.5㎡')).toBe(120.5);
    expect(parseArea('')).toBeNull();
    expect(parseArea('大约一百')).toBeNaN();
    expect(parseDate('1980/3/5')).toBe('1980-03-05');
    expect(parseDate('19800305')).toBe('1980-03-05');
    expect(parseDate('1980年3月5日')).toBe('1980-03-05');
    expect(parseDate('29285')).toBe('1980-03-05');
    expect(cleanIdNumber(' 43310119800305001x ')).toBe('43310119800305001X');
    expect(cleanPhone('+86 138-1234-5678')).toBe('13812345678');
  });

  it('writes numbers as Excel shows them', () => {
    expect(numberText(13812345678)).toBe('13812345678');
    expect(numberText(433101195501010000)).toBe('433101195501010000');
    expect(numberText(33.330000000000005)).toBe('33.33');
  });

  it('writes text that starts like a formula as an inline string (never a formula)', () => {
    for (const text of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx']) {
      expect(looksLikeFormula(text)).toBe(true);
      expect(safeText(text)).toEqual({ richText: [{ text }] });
    }
    expect(safeText('龙秀英')).toBe('龙秀英');
  });
});
