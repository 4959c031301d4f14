import { EyeOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Skeleton,
  Space,
  Steps,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { describeError } from '../../api/client';
import { mayReveal } from '../../app/roles';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../auth/session';
import { useOptions, useOrgUnits } from '../reference/reference';
import { useHousehold } from './api';
import { useHouseholdProblems, useIntents, useTimeline, useVisits } from './detail-api';
import { HouseholdActions } from './HouseholdActions';
import { HouseholdAsOf } from './HouseholdAsOf';
import { HouseholdPlan } from './HouseholdPlan';
import { ResponsibilityPanel } from '../responsibility/ResponsibilityPanel';

const LIGHT_COLORS: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };

/** One household: its data (masked unless revealed, which is audited), progress, history and actions. */
export default function HouseholdDetailPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const [reveal, setReveal] = useState(false);
  const household = useHousehold(id, reveal);
  const { label, choices } = useOptions();
  const org = useOrgUnits();
  const intents = useIntents(id);
  const visits = useVisits(id);
  const problems = useHouseholdProblems(id);
  const timeline = useTimeline(id);
  const role = session.data?.role ?? 'cadre';

  if (household.isPending) return <Skeleton active />;
  if (household.isError) return <Alert type="error" showIcon title={describeError(household.error)} />;
  const h = household.data;
  const stages = choices('stages');
  const current = stages.findIndex((s) => s.value === h.stage);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            <span data-testid="household-title">
              {h.code} · {h.headName}
            </span>
            <Tag color={LIGHT_COLORS[h.light]}>{label('lights', h.light)}</Tag>
            {h.onHold && <Tag color="orange">暂停推进（{label('holdReasons', h.holdReason)}）</Tag>}
          </Space>
        }
        extra={<HouseholdActions household={h} role={role} />}
      >
        {h.lightReasons.length > 0 && (
          <Alert
            type={h.light === 'red' ? 'error' : 'warning'}
            showIcon
            style={{ marginBottom: 12 }}
            title={h.lightReasons.map((r) => label('lightReasons', r)).join('；')}
          />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
          <Descriptions.Item label="户主身份证号">
            <Space>
              <span data-testid="head-id">{h.headIdNumber}</span>
              {mayReveal(role) && !reveal && (
                <Button
                  size="small"
                  icon={<EyeOutlined />}
                  onClick={() => setReveal(true)}
                  data-testid="reveal"
                >
                  查看完整（将留痕）
                </Button>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="联系电话">{h.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="乡镇 / 村 / 组">
            {org.name(h.townshipId)} / {org.name(h.villageId)} / {h.group ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="包户干部" span={1}>
            <span data-testid="household-cadre">{h.cadre?.displayName ?? '未分配'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="专班">{org.name(h.taskForceId)}</Descriptions.Item>
          <Descriptions.Item label="安置意愿">
            {label('intents', h.intent.option)}
            {h.intent.site ? `（${h.intent.site}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="重点人群">
            {h.flags.length ? h.flags.map((f) => <Tag key={f}>{label('flags', f)}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="房屋">
            {h.house
              ? `${h.house.floorArea ?? '—'} m² · ${label('houseStructures', h.house.structure)}`
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="最近走访">{formatDateTime(h.lastVisitAt)}</Descriptions.Item>
          <Descriptions.Item label="地址" span={2}>
            {h.address ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="备注">{h.note ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="推进阶段">
        <Steps
          size="small"
          current={current}
          items={stages.map((s) => ({ title: s.label }))}
          style={{ overflowX: 'auto' }}
          data-testid="stage-steps"
        />
        <HouseholdPlan id={id} />
      </Card>
      <HouseholdAsOf id={id} />
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'members',
              label: `家庭成员（${h.members?.length ?? 0}）`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={h.members ?? []}
                  columns={[
                    { title: '姓名', dataIndex: 'name' },
                    {
                      title: '与户主关系',
                      dataIndex: 'relation',
                      render: (v: string) => label('relations', v),
                    },
                    { title: '身份证号', dataIndex: 'idNumber' },
                    { title: '性别', dataIndex: 'sex', render: (v: string) => label('sexes', v) },
                    { title: '出生日期', dataIndex: 'birthDate' },
                    {
                      title: '民族',
                      dataIndex: 'ethnicity',
                      render: (v: string | null) => label('ethnicities', v),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'intents',
              label: '意愿记录',
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  loading={intents.isPending}
                  dataSource={intents.data ?? []}
                  pagination={false}
                  columns={[
                    { title: '时间', dataIndex: 'recordedAt', render: formatDateTime },
                    { title: '意愿', dataIndex: 'option', render: (v: string) => label('intents', v) },
                    {
                      title: '原意愿',
                      dataIndex: 'previousOption',
                      render: (v: string | null) => label('intents', v),
                    },
                    { title: '安置点', dataIndex: 'site', render: (v: string | null) => v ?? '—' },
                    {
                      title: '生计',
                      dataIndex: 'livelihood',
                      render: (v: string | null) => label('livelihoods', v),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'visits',
              label: `走访（${visits.data?.total ?? 0}）`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  loading={visits.isPending}
                  dataSource={visits.data?.items ?? []}
                  pagination={false}
                  columns={[
                    { title: '时间', dataIndex: 'visitedAt', render: formatDateTime },
                    { title: '方式', dataIndex: 'method', render: (v: string) => label('visitMethods', v) },
                    {
                      title: '态度',
                      dataIndex: 'attitude',
                      render: (v: string | null) => label('attitudes', v),
                    },
                    { title: '情况', dataIndex: 'summary' },
                    { title: '诉求', dataIndex: 'concerns', render: (v: string | null) => v ?? '—' },
                  ]}
                />
              ),
            },
            {
              key: 'problems',
              label: `问题（${problems.data?.total ?? 0}）`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  loading={problems.isPending}
                  dataSource={problems.data?.items ?? []}
                  pagination={false}
                  columns={[
                    { title: '挂号时间', dataIndex: 'openedAt', render: formatDateTime },
                    {
                      title: '类别',
                      dataIndex: 'category',
                      render: (v: string) => label('problemCategories', v),
                    },
                    {
                      title: '紧急程度',
                      dataIndex: 'severity',
                      render: (v: string) => label('severities', v),
                    },
                    {
                      title: '状态',
                      dataIndex: 'status',
                      render: (v: string) => label('problemStatuses', v),
                    },
                    { title: '时限', dataIndex: 'dueAt', render: formatDateTime },
                    { title: '描述', dataIndex: 'description' },
                  ]}
                />
              ),
            },
            {
              key: 'responsibles',
              label: '包保责任',
              children: <ResponsibilityPanel householdId={id} />,
            },
            {
              key: 'timeline',
              label: '全程记录',
              children: timeline.isPending ? (
                <Skeleton active />
              ) : (
                <Timeline
                  items={(timeline.data?.items ?? []).map((event, i) => ({
                    key: i,
                    content: (
                      <Typography.Text>
                        {formatDateTime(event.at)} · {event.actor.displayName ?? '系统'} · {event.action}
                      </Typography.Text>
                    ),
                  }))}
                />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
