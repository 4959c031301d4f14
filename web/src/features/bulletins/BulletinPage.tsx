import { FileAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Skeleton,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { isCommand } from '../../app/roles';
import { DownloadButton } from '../../components/DownloadButton';
import { businessDate, formatDateTime } from '../../lib/format';
import { describeMetricVersions, listMetricVersions } from '../../lib/metric-versions';
import { useSession } from '../auth/session';
import { useRunBulletin, useWeeklyBulletin } from './api';
import { BulletinCellDrawer, type OpenBulletinCell, type OpenCell } from './BulletinCellDrawer';
import { BulletinOverview } from './BulletinOverview';
import { RankingTabs } from './RankingTabs';
import { StalledAndSupervised } from './StalledAndSupervised';
import { addDays, bulletinWeek, defaultWeek, weekLabel, weekOver, weekStartOf } from './weeks';

/** "生成本周通报" for the week this Monday publishes; another week is named as such. */
function GenerateButton({ weekStart, current }: { weekStart: string; current: boolean }) {
  const { message } = App.useApp();
  const run = useRunBulletin(weekStart);
  const click = async () => {
    try {
      const result = await run.mutateAsync();
      if (result.status === 'done') message.success(result.message);
      else message.info(result.message);
    } catch (error) {
      message.error(describeError(error));
    }
  };
  return (
    <Button
      type="primary"
      icon={<FileAddOutlined />}
      loading={run.isPending}
      onClick={click}
      data-testid="run-bulletin"
    >
      {current ? '生成本周通报' : '生成该周通报'}
    </Button>
  );
}

/** 周通报: a week's rankings, bottom three, stalled units and supervised problems; generate and export. */
export default function BulletinPage() {
  const [params, setParams] = useSearchParams();
  const today = businessDate();
  const weekStart = bulletinWeek(params.get('week'), today);
  const isDefault = weekStart === defaultWeek(today);
  const command = isCommand(useSession().data?.role ?? 'supervisor');
  const bulletin = useWeeklyBulletin(weekStart);
  const over = weekOver(weekStart, today);
  const [opened, setOpened] = useState<OpenBulletinCell | null>(null);
  const open: OpenCell = (cell, title) => setOpened({ cell, title });

  const pick = (value: dayjs.Dayjs | null) => {
    if (!value) return;
    const monday = weekStartOf(value.format('YYYY-MM-DD'));
    setParams(monday === defaultWeek(today) ? {} : { week: monday });
  };

  const missing = !over ? (
    <Empty
      description={`本周（${weekLabel(weekStart)}）尚未结束，周通报于 ${addDays(weekStart, 7)}（下周一）09:00 自动生成`}
    />
  ) : (
    <Empty
      description={`${weekLabel(weekStart)} 的周通报尚未生成${command ? '' : '（由指挥部生成，每周一 09:00 自动生成）'}`}
    >
      {command && <GenerateButton weekStart={weekStart} current={isDefault} />}
    </Empty>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Flex wrap gap={12} justify="space-between" align="center">
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="bulletin-title">
            周通报 · {weekLabel(weekStart)}
            {isDefault && <Typography.Text type="secondary"> （本周发布）</Typography.Text>}
          </Typography.Title>
          <Space wrap>
            <DatePicker
              picker="week"
              allowClear={false}
              value={dayjs(weekStart)}
              format={(value) => weekLabel(weekStartOf(value.format('YYYY-MM-DD')))}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              onChange={pick}
              style={{ width: 230 }}
              data-testid="bulletin-week"
            />
            {!isDefault && <Button onClick={() => setParams({})}>回到本周通报</Button>}
            {bulletin.data && (
              <DownloadButton
                path={`/api/v1/bulletins/weekly/${weekStart}/export`}
                fallbackName={`周通报-${weekStart}.xlsx`}
                data-testid="bulletin-export"
              >
                导出 Excel
              </DownloadButton>
            )}
          </Space>
        </Flex>
        {bulletin.data && (
          <Typography.Text type="secondary">
            生成于 {formatDateTime(bulletin.data.generatedAt)}（按周日 24 时的数据统计，生成后不再变化） ·{' '}
            <Tooltip title={listMetricVersions(bulletin.data.metricVersions)}>
              <span data-testid="bulletin-metric-versions">
                {describeMetricVersions(bulletin.data.metricVersions)}
              </span>
            </Tooltip>
          </Typography.Text>
        )}
      </Card>
      {bulletin.isPending ? (
        <Skeleton active />
      ) : bulletin.isError ? (
        <Alert type="error" showIcon title={describeError(bulletin.error)} />
      ) : bulletin.data ? (
        <>
          <BulletinOverview bulletin={bulletin.data} open={open} />
          <RankingTabs bulletin={bulletin.data} open={open} />
          <StalledAndSupervised bulletin={bulletin.data} />
          <BulletinCellDrawer weekStart={weekStart} open={opened} onClose={() => setOpened(null)} />
        </>
      ) : (
        <Card size="small" data-testid="bulletin-missing">
          {missing}
        </Card>
      )}
    </Space>
  );
}
