import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { isCommand, type Role } from '../../app/roles';
import { businessDate } from '../../lib/format';
import { useSession } from '../auth/session';
import { refreshAfterCycle, useCycleStatus, useDailyReport, useRunCycle } from './api';
import { cycleDate } from './cycle-date';
import { cyclePhase } from './cycle-status';
import { CycleSteps } from './CycleSteps';
import { DailyReport } from './DailyReport';
import { DispatchSheet } from './DispatchSheet';
import { OverdueLists } from './OverdueLists';

/** Who reads the cycle's status, the dispatch sheet and the overdue lists (officials get the report only). */
const mayReadCycle = (role: Role) => role === 'admin' || role === 'commander' || role === 'supervisor';

/** The run button: queues the date's chain, or says the date ran already. */
function RunButton({ date, today, onQueued }: { date: string; today: string; onQueued: () => void }) {
  const { message } = App.useApp();
  const run = useRunCycle(date);
  const click = async () => {
    try {
      const result = await run.mutateAsync();
      if (result.jobs.every((job) => job.status === 'done' || job.status === 'skipped'))
        message.info('该日调度已运行过，重复运行不会生成新的汇报或任务');
      else {
        message.success('已提交运行');
        onQueued();
      }
    } catch (error) {
      message.error(describeError(error));
    }
  };
  return (
    <Button
      type="primary"
      icon={<PlayCircleOutlined />}
      loading={run.isPending}
      onClick={click}
      data-testid="run-cycle"
    >
      {date === today ? '运行今日调度' : '运行该日调度'}
    </Button>
  );
}

/** 日调度: a date's 日汇报 → 日梳理 → 日调度, its report, dispatch sheet and the live overdue lists. */
export default function CyclePage() {
  const [params, setParams] = useSearchParams();
  const today = businessDate();
  const date = cycleDate(params.get('date'), today);
  const role = useSession().data?.role ?? 'official';
  const readsCycle = mayReadCycle(role);
  const client = useQueryClient();
  // When this page asked for a run, per date (another date's request means nothing here); kept, so that a run
  // that never starts keeps being asked after.
  const [request, setRequest] = useState<{ date: string; at: number } | null>(null);
  const requestedAt = request?.date === date ? request.at : null;
  const status = useCycleStatus(date, readsCycle, requestedAt);
  const report = useDailyReport(date);
  const phase = cyclePhase(status.data, requestedAt);

  // Whenever a step changes state, what the steps produce is read again (a run can finish between two polls).
  const signature = status.data?.jobs.map((job) => `${job.status}@${job.finishedAt}`).join('|');
  const seen = useRef({ date, signature });
  useEffect(() => {
    const before = seen.current;
    seen.current = { date, signature };
    if (before.date === date && before.signature !== undefined && before.signature !== signature)
      refreshAfterCycle(client, date);
  }, [signature, client, date]);

  const pick = (value: dayjs.Dayjs | null) => {
    const picked = value?.format('YYYY-MM-DD');
    setParams(picked && picked !== today ? { date: picked } : {});
  };
  const dispatchRan = status.data?.jobs.some((j) => j.name === 'dispatch' && j.status !== 'pending') ?? false;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Flex wrap gap={12} justify="space-between" align="center">
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="cycle-title">
            日调度 · {date}
            {date === today && <Typography.Text type="secondary"> （今日）</Typography.Text>}
          </Typography.Title>
          <Space wrap>
            <DatePicker
              allowClear={false}
              value={dayjs(date)}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              onChange={pick}
              data-testid="cycle-date"
            />
            {date !== today && <Button onClick={() => setParams({})}>回到今日</Button>}
            {readsCycle && (
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  void status.refetch();
                  refreshAfterCycle(client, date);
                }}
              >
                刷新状态
              </Button>
            )}
            {isCommand(role) && (
              <RunButton date={date} today={today} onQueued={() => setRequest({ date, at: Date.now() })} />
            )}
          </Space>
        </Flex>
        {readsCycle && (
          <div style={{ marginTop: 16 }}>
            {status.isError ? (
              <Alert type="error" showIcon title={describeError(status.error)} />
            ) : status.data ? (
              <CycleSteps status={status.data} phase={phase} />
            ) : (
              <Skeleton active paragraph={{ rows: 2 }} />
            )}
          </div>
        )}
      </Card>

      {report.isPending ? (
        <Skeleton active />
      ) : report.isError ? (
        <Alert type="error" showIcon title={describeError(report.error)} />
      ) : report.data ? (
        <DailyReport report={report.data} taskForces={role !== 'official'} />
      ) : (
        <Card size="small" data-testid="report-missing">
          <Empty
            description={
              phase === 'working' || phase === 'waiting'
                ? `${date} 的日汇报正在生成…`
                : `${date} 的日汇报尚未生成${isCommand(role) ? '：点击上方“运行”按钮即可生成' : '（指挥部运行当日调度后可查看，每日 18:00 自动运行）'}`
            }
          />
        </Card>
      )}

      {readsCycle && <DispatchSheet date={date} dispatchRan={dispatchRan} />}
      {readsCycle && <OverdueLists />}
    </Space>
  );
}
