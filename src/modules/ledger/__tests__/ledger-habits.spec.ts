import {
  cleanName,
  flagOfWord,
  ID_AS_NUMBER,
  idDigitsLost,
  PHONE_AS_NUMBER,
  PHONE_ZERO_LOST,
  phoneDigitsLost,
  readRelation,
  relationOfCode,
  yearMonths,
} from '../ledger-habits';
import { columnOf, combineHeaderRows, isTotalText, matchHeader } from '../ledger-header';
import { Notes, rowRanges } from '../ledger-notes';

describe('ledger habits (how township ledgers are really written)', () => {
  it('reads household-register relation words and GB/T 4761 codes, and says they were mapped', () => {
    const cases: [string, string][] = [
      ['妻', 'spouse'],
      ['妻子', 'spouse'],
      ['丈夫', 'spouse'],
      ['夫', 'spouse'],
      ['之妻', 'spouse'],
      ['户主之妻', 'spouse'],
      ['子', 'child'],
      ['长子', 'child'],
      ['次子', 'child'],
      ['儿子', 'child'],
      ['女', 'child'],
      ['长女', 'child'],
      ['次女', 'child'],
      ['女儿', 'child'],
      ['孙子', 'grandchild'],
      ['孙女', 'grandchild'],
      ['父亲', 'parent'],
      ['母亲', 'parent'],
      ['父', 'parent'],
      ['母', 'parent'],
      ['兄', 'sibling'],
      ['弟', 'sibling'],
      ['姐', 'sibling'],
      ['妹', 'sibling'],
      ['儿媳', 'child_in_law'],
      ['女婿', 'child_in_law'],
      ['祖父', 'other'],
      ['祖母', 'other'],
      ['本人', 'head'],
      ['02', 'head'],
      ['10', 'spouse'],
      ['12', 'spouse'],
      ['22', 'child'],
      ['33', 'child'],
      ['28', 'child_in_law'],
      ['38', 'child_in_law'],
      ['41', 'grandchild'],
      ['51', 'parent'],
      ['61', 'other'],
      ['71', 'sibling'],
      ['72', 'other'],
      ['99', 'other'],
      ['１０', 'spouse'],
    ];
    for (const [word, value] of cases)
      expect([word, readRelation(word)]).toEqual([word, { value, mapped: true }]);
    expect(readRelation('配偶')).toEqual({ value: 'spouse', mapped: false });
    expect(readRelation('spouse')).toEqual({ value: 'spouse', mapped: false });
    expect(readRelation('邻居')).toBeNull();
    expect(readRelation('00')).toBeNull();
    expect(relationOfCode(3)).toBeNull();
  });

  it('reads 五保 as 特困 (its older name)', () => {
    expect(flagOfWord('五保')).toBe('destitute');
    expect(flagOfWord('五保户')).toBe('destitute');
    expect(flagOfWord('低保户')).toBe('low_income');
    expect(flagOfWord('富裕')).toBeNull();
  });

  it('removes spaces inside a Chinese name only', () => {
    expect(cleanName('龙 尾')).toBe('龙尾');
    expect(cleanName('龙\u3000尾')).toBe('龙尾');
    expect(cleanName(' 龙秀英 ')).toBe('龙秀英');
    expect(cleanName('Anna Lee')).toBe('Anna Lee');
  });

  it('reads a birth date given to the month', () => {
    expect(yearMonths('1965.04')).toEqual(['1965-04']);
    expect(yearMonths('1965年4月')).toEqual(['1965-04']);
    expect(yearMonths('1965-4')).toEqual(['1965-04']);
    expect(yearMonths('196504')).toEqual(['1965-04']);
    // A number cell drops the trailing zero of 1965.10.
    expect(yearMonths('1965.1')).toEqual(['1965-01', '1965-10']);
    expect(yearMonths('1965.13')).toBeNull();
    expect(yearMonths('1965-04-03')).toBeNull();
  });

  it('knows an ID stored as a number has lost digits, unless it has 15', () => {
    expect(idDigitsLost('433101195501013000', true)).toBe(true);
    expect(idDigitsLost('4.33101E+17', false)).toBe(true);
    expect(idDigitsLost('4.33101e17', false)).toBe(true);
    expect(idDigitsLost('433101550101001', true)).toBe(false);
    expect(idDigitsLost('433101195501010012', false)).toBe(false);
    expect(ID_AS_NUMBER).toContain('请把该列设为文本格式后重新填写');
  });

  it('knows a phone stored as a number has lost digits', () => {
    expect(phoneDigitsLost('1.38123E+10', false)).toBe(PHONE_AS_NUMBER);
    expect(phoneDigitsLost('13812345678', true)).toBeNull();
    expect(phoneDigitsLost('13812345678', false)).toBeNull();
    expect(phoneDigitsLost('7438561234', true)).toBe(PHONE_ZERO_LOST);
    expect(phoneDigitsLost('1381234.5', true)).toBe(PHONE_AS_NUMBER);
  });

  it('recognizes the common header synonyms, with a unit in brackets', () => {
    const households: [string, string][] = [
      ['户主身份证号码', 'headIdNumber'],
      ['身份证号码', 'headIdNumber'],
      ['公民身份号码', 'headIdNumber'],
      ['联系方式', 'phone'],
      ['联系电话', 'phone'],
      ['手机号码', 'phone'],
      ['家庭地址', 'address'],
      ['住址', 'address'],
      ['房屋面积', 'floorArea'],
      ['建筑面积（平方米）', 'floorArea'],
      ['主房面积(㎡)', 'floorArea'],
      ['结构', 'structure'],
      ['房屋结构', 'structure'],
    ];
    for (const [header, key] of households)
      expect([header, columnOf('households', header)?.key]).toEqual([header, key]);
    const members: [string, string][] = [
      ['出生年月', 'birthDate'],
      ['与户主关系', 'relation'],
      ['关系', 'relation'],
      ['身份证号码', 'idNumber'],
      ['公民身份号码', 'idNumber'],
    ];
    for (const [header, key] of members)
      expect([header, columnOf('members', header)?.key]).toEqual([header, key]);
    expect(columnOf('households', '备注2')).toBeUndefined();
  });

  it('reads a two-row header as the one row it means (to name it)', () => {
    const upper = ['户编号', '村', '户主', '', '房屋情况', ''];
    const lower = ['', '', '姓名', '身份证号', '面积', '结构'];
    const combined = combineHeaderRows('households', upper, lower);
    expect(combined.slice(0, 4)).toEqual(['户编号', '村', '户主姓名', '户主身份证号']);
    expect(matchHeader('households', combined).missing).toEqual([]);
  });

  it('knows a total line', () => {
    for (const text of ['合计', '小计', '总计', '合 计', '德茹村小计', '合计：', '总计'])
      expect([text, isTotalText(text)]).toEqual([text, true]);
    for (const text of ['龙合', 'AZ-0001', '合计面积等于三百平方米以上的户的统计数据'])
      expect([text, isTotalText(text)]).toEqual([text, false]);
  });

  it('groups a habit seen on many rows into one note that lists them', () => {
    expect(rowRanges([5, 3, 4, 9, 9])).toBe('3–5、9');
    const notes = new Notes();
    for (const row of [7, 3, 4])
      notes.row('家庭成员', 'F', 'relation:长子', row, (rows) => `长子（第${rows}行）`);
    notes.add({ sheet: '户籍台账', row: 1, column: 'L', message: '未识别的列：备注2（已忽略）' });
    expect(notes.list()).toEqual([
      { sheet: '户籍台账', row: 1, column: 'L', message: '未识别的列：备注2（已忽略）' },
      { sheet: '家庭成员', row: 3, column: 'F', message: '长子（第3–4、7行）' },
    ]);
  });
});
