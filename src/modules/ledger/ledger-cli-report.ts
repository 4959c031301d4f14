import { ImportResultDto } from './dtos/ledger.dto';

/** What `npm run ledger -- import` prints: errors one a line, then the notes, then the counts. */
export function importReport(result: ImportResultDto, seconds: number): string[] {
  const lines: string[] = [];
  for (const e of result.errors) {
    const cell = e.column ? ` ${e.column} 列（${e.header}）` : '';
    lines.push(`${e.sheet} 第 ${e.row} 行${cell}：${e.message}`);
  }
  for (const note of result.notes) {
    const cell = note.column ? ` ${note.column} 列` : '';
    lines.push(`提示：${note.sheet}${cell}：${note.message}`);
  }
  const { created, updated, unchanged, failed, households } = result;
  lines.push(
    `${result.dryRun ? '[试导入，未写入] ' : ''}${households} 户：新增 ${created}，更新 ${updated}，` +
      `未变 ${unchanged}，失败 ${failed}（${seconds.toFixed(1)} 秒）`,
  );
  return lines;
}
