import { Alert, Card, DatePicker, Descriptions, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { describeError } from '../../api/client';
import { businessDate, formatDateTime } from '../../lib/format';
import { useOptions, useOrgUnits } from '../reference/reference';
import { useHouseholdAsOf } from './api';

const LIGHT_COLORS: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };

/**
 * 历史状态: the household as it was at the end of a past business day (GET /households/:id?asOf=), for the
 * disputes over a past figure ("on the 3rd it was already signed"). Names and IDs are today's.
 */
export function HouseholdAsOf({ id }: { id: string }) {
  const [date, setDate] = useState<string | null>(null);
  const past = useHouseholdAsOf(id, date);
  const { label } = useOptions();
  const org = useOrgUnits();
  const today = businessDate();

  return (
    <Card
      size="small"
      title="历史状态"
      extra={
        <DatePicker
          aria-label="查看日期"
          placeholder="选择日期"
          allowClear
          value={date ? dayjs(date) : null}
          disabledDate={(day: Dayjs) => day.format('YYYY-MM-DD') > today}
          onChange={(day: Dayjs | null) => setDate(day ? day.format('YYYY-MM-DD') : null)}
        />
      }
    >
      {!date && (
        <Typography.Text type="secondary">
          选择日期，查看该户在当日结束时的阶段、意愿、包户干部、暂停与亮灯。
        </Typography.Text>
      )}
      {date && past.isPending && <Typography.Text type="secondary">加载中…</Typography.Text>}
      {date && past.isError && <Alert type="warning" showIcon title={describeError(past.error)} />}
      {date && past.data && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="household-as-of">
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
            <Descriptions.Item label="截至">{date} 24:00</Descriptions.Item>
            <Descriptions.Item label="阶段">{label('stages', past.data.stage)}</Descriptions.Item>
            <Descriptions.Item label="亮灯">
              <Tag color={LIGHT_COLORS[past.data.light]}>{label('lights', past.data.light)}</Tag>
              {past.data.lightReasons.map((r) => label('lightReasons', r)).join('；')}
            </Descriptions.Item>
            <Descriptions.Item label="安置意愿">
              {label('intents', past.data.intent.option)}
            </Descriptions.Item>
            <Descriptions.Item label="包户干部">{past.data.cadre?.displayName ?? '未指定'}</Descriptions.Item>
            <Descriptions.Item label="村">{org.name(past.data.villageId)}</Descriptions.Item>
            <Descriptions.Item label="暂停推进">
              {past.data.onHold ? `是（${label('holdReasons', past.data.holdReason)}）` : '否'}
            </Descriptions.Item>
            <Descriptions.Item label="最近走访">
              {past.data.lastVisitAt ? formatDateTime(past.data.lastVisitAt) : '无'}
            </Descriptions.Item>
            <Descriptions.Item label="在办问题">{past.data.openProblems}</Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </Card>
  );
}
