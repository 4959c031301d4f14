import { renderStartSummary } from '../start-summary';

describe('the start summary', () => {
  const block = renderStartSummary({
    title: '大兴寨水库移民安置系统已启动',
    rows: [
      ['控制台 Console', 'http://localhost:3000/'],
      ['管理员 Admin', 'admin / Abc123'],
      ['', 'cadre01…cadre12'],
    ],
  });
  const lines = block.split('\n');
  // A CJK character takes two terminal columns.
  const columns = (line: string) =>
    [...line].reduce((n, c) => n + (/[\u2e80-\ua4cf\uff00-\uff60]/.test(c) ? 2 : 1), 0);

  it('frames every line to the same width, counting CJK characters as two columns', () => {
    expect(lines[0]).toMatch(/^╭─+╮$/);
    expect(lines[lines.length - 1]).toMatch(/^╰─+╯$/);
    expect(new Set(lines.map(columns)).size).toBe(1);
  });

  it('lines the values up after the labels', () => {
    const value = (text: string) => columns(lines.find((line) => line.includes(text))!.split(text)[0]);
    expect(value('http://')).toBe(value('admin /'));
    expect(value('cadre01')).toBe(value('admin /'));
  });
});
