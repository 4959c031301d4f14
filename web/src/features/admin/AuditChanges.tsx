import { Typography } from 'antd';
import type { ChangeLine } from './audit-format';

/** One entry's changes, a line a field: 角色：督导组 → 指挥部; context lines without a before. */
export function AuditChanges({ lines }: { lines: ChangeLine[] }) {
  if (lines.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div>
      {lines.map((line) => (
        <div key={`${line.from === null ? 'c' : 'f'}-${line.field}`}>
          <Typography.Text type="secondary">{line.label}：</Typography.Text>
          {line.from === null ? (
            line.to
          ) : (
            <>
              <Typography.Text delete={line.from !== '（空）'} type="secondary">
                {line.from}
              </Typography.Text>
              {' → '}
              <Typography.Text strong>{line.to}</Typography.Text>
            </>
          )}
        </div>
      ))}
    </div>
  );
}
