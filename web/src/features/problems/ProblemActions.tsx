import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/client';
import type { Role } from '../../app/roles';
import type { Problem } from './api';
import { useProblemActions } from './api';
import { AssignModal } from './AssignModal';
import { type NoteAction, NoteModal } from './NoteModal';
import { problemActions } from './rules';

/** The buttons the caller's role gets for this problem now (rules.ts), and their dialogs. */
export function ProblemActions({
  problem,
  caller,
}: {
  problem: Problem;
  caller: { role: Role; orgUnitId?: string | null };
}) {
  const { message } = App.useApp();
  const { supervise } = useProblemActions(problem.id);
  const [assigning, setAssigning] = useState(false);
  const [noting, setNoting] = useState<NoteAction | null>(null);
  const allowed = problemActions(caller, problem);
  if (allowed.length === 0) return null;

  const markSupervised = async () => {
    try {
      await supervise.mutateAsync();
      message.success('已挂牌督办');
    } catch (error) {
      message.error(describeError(error));
    }
  };

  return (
    <Space wrap>
      {allowed.includes('assign') && (
        <Button type="primary" onClick={() => setAssigning(true)} data-testid="action-assign">
          {problem.unitId ? '重新交办' : '交办'}
        </Button>
      )}
      {allowed.includes('progress') && (
        <Button onClick={() => setNoting('progress')} data-testid="action-progress">
          报告进展
        </Button>
      )}
      {allowed.includes('resolve') && (
        <Button type="primary" onClick={() => setNoting('resolve')} data-testid="action-resolve">
          办结
        </Button>
      )}
      {allowed.includes('feedback') && (
        <Button type="primary" onClick={() => setNoting('feedback')} data-testid="action-feedback">
          登记群众反馈
        </Button>
      )}
      {allowed.includes('supervise') && (
        <Popconfirm
          title="挂牌督办"
          description="挂牌后该问题将出现在每份报表中，直至销号。确定挂牌？"
          okText="确定挂牌"
          onConfirm={markSupervised}
        >
          <Button danger loading={supervise.isPending} data-testid="action-supervise">
            挂牌督办
          </Button>
        </Popconfirm>
      )}
      <AssignModal problem={problem} open={assigning} onClose={() => setAssigning(false)} />
      <NoteModal problem={problem} action={noting} onClose={() => setNoting(null)} />
    </Space>
  );
}
