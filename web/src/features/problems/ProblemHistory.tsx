import { Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { useOptions } from '../reference/reference';
import type { ProblemEvent } from './api';
import { PROBLEM_EVENT_LABELS } from './rules';

/** 挂号 → 销号, step by step: when, who, what, and the note given. */
export function ProblemHistory({ events }: { events: ProblemEvent[] }) {
  const { label } = useOptions();
  return (
    <Timeline
      data-testid="problem-history"
      items={events.map((e, i) => ({
        key: i,
        color: e.kind === 'supervised' ? 'red' : e.kind === 'created' ? 'gray' : 'blue',
        content: (
          <div>
            <Typography.Text strong>{PROBLEM_EVENT_LABELS[e.kind] ?? e.kind}</Typography.Text>
            {e.fromStatus !== e.toStatus && e.toStatus && (
              <Typography.Text type="secondary">（{label('problemStatuses', e.toStatus)}）</Typography.Text>
            )}
            <div>
              <Typography.Text type="secondary">
                {formatDateTime(e.at)} · {e.actorName ?? '—'}
              </Typography.Text>
            </div>
            {e.note && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}
