/** What the start summary says: a title and labelled lines (a line may continue on the next, label ''). */
export interface StartSummary {
  title: string;
  rows: [label: string, value: string][];
}

/** Columns a character takes in a terminal: CJK and full-width forms take two. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    columns += wide ? 2 : 1;
  }
  return columns;
}

const pad = (text: string, columns: number) => text + ' '.repeat(Math.max(0, columns - width(text)));

/** The framed block that ends a development start: what to open and how to sign in. */
export function renderStartSummary({ title, rows }: StartSummary): string {
  const labelWidth = Math.max(...rows.map(([label]) => width(label)));
  const lines = [title, '', ...rows.map(([label, value]) => `${pad(label, labelWidth)}  ${value}`)];
  const inner = Math.max(...lines.map(width));
  return [
    `╭${'─'.repeat(inner + 2)}╮`,
    ...lines.map((line) => `│ ${pad(line, inner)} │`),
    `╰${'─'.repeat(inner + 2)}╯`,
  ].join('\n');
}
