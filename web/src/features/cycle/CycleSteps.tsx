import { Alert, Space, Steps, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import {
  type CycleStatus,
  type CyclePhase,
  STATUS_LABELS,
  STEP_LABELS,
  stepError,
  stepState,
  stepSummary,
  type StepView,
} from './cycle-status';

const PHASE_TEXT: Record<CyclePhase, string> = {
  idle: '',
  waiting: '已提交运行，等待队列执行…',
  working: '正在运行，状态自动刷新…',
  finished: '',
  failed: '',
};

function StepContent({ step }: { step: StepView }) {
  const summary = stepSummary(step);
  return (
    <Space orientation="vertical" size={0}>
      {step.startedAt && (
        <Typography.Text type="secondary">开始 {formatDateTime(step.startedAt)}</Typography.Text>
      )}
      {step.finishedAt && step.status !== 'running' && (
        <Typography.Text type="secondary">结束 {formatDateTime(step.finishedAt)}</Typography.Text>
      )}
      {summary && <Typography.Text>{summary}</Typography.Text>}
    </Space>
  );
}

/** 日汇报 → 日梳理 → 日调度: each step's state, times and what it did; failures in words. */
export function CycleSteps({ status, phase }: { status: CycleStatus; phase: CyclePhase }) {
  const errors = [status.cycle, ...status.jobs]
    .map((run) => (run ? stepError(run) : null))
    .filter((line): line is string => line !== null);
  return (
    <Space
      orientation="vertical"
      size={12}
      style={{ width: '100%' }}
      data-testid="cycle-steps"
      data-phase={phase}
    >
      <Steps
        items={status.jobs.map((step) => ({
          key: step.name,
          status: stepState(step.status),
          title: (
            <span data-testid={`step-${step.name}`} data-status={step.status}>
              {STEP_LABELS[step.name] ?? step.name}
            </span>
          ),
          subTitle: STATUS_LABELS[step.status],
          content: <StepContent step={step} />,
        }))}
      />
      {PHASE_TEXT[phase] && <Typography.Text type="secondary">{PHASE_TEXT[phase]}</Typography.Text>}
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          title="日调度运行失败"
          description={
            <>
              {[...new Set(errors)].map((line) => (
                <div key={line}>{line}</div>
              ))}
              <div>系统会按重试策略自动重试；也可稍后点击“刷新状态”或再次运行。</div>
            </>
          }
          data-testid="cycle-error"
        />
      )}
    </Space>
  );
}
