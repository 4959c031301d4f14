import { Space, Tag } from 'antd';
import { formatDateTime } from '../../lib/format';
import type { Problem } from './api';

/** The deadline as the command centre reads it: the time, red when overdue, gold when it is close. */
export function DueDate({ problem }: { problem: Problem }) {
  return (
    <Space size={4}>
      <span>{formatDateTime(problem.dueAt)}</span>
      {problem.overdue ? (
        <Tag color="red">超期</Tag>
      ) : (
        problem.light === 'yellow' && <Tag color="gold">临期</Tag>
      )}
    </Space>
  );
}

export const SupervisedTag = ({ problem }: { problem: Problem }) =>
  problem.supervised ? (
    <Tag color="volcano" data-testid="supervised-tag">
      挂牌督办
    </Tag>
  ) : null;
