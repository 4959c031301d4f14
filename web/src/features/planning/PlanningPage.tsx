import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/client';
import { isCommand } from '../../app/roles';
import { useSession } from '../auth/session';
import { useOptions } from '../reference/reference';
import {
  type AtRiskHousehold,
  type MoveDateTarget,
  type PlanBatch,
  type VillagePlanSummary,
  useAtRisk,
  useBatches,
  useDeleteBatch,
  usePlanning,
} from './api';
import { BatchModal, type BatchAction } from './BatchModal';
import { MoveDateModal } from './MoveDateModal';

const LIGHT_COLORS: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red' };

/** One village's households at risk, those who cannot make the move date first. */
function AtRiskList({ villageId }: { villageId: string }) {
  const { label } = useOptions();
  const [page, setPage] = useState(1);
  const list = useAtRisk(villageId, page);
  const columns: ColumnsType<AtRiskHousehold> = [
    { title: '户编号', key: 'code', render: (_, h) => <Link to={`/households/${h.id}`}>{h.code}</Link> },
    { title: '户主', dataIndex: 'headName', key: 'headName' },
    { title: '阶段', key: 'stage', render: (_, h) => label('stages', h.stage) },
    {
      title: '灯色与原因',
      key: 'light',
      render: (_, h) => (
        <Space size={4} wrap>
          <Tag color={LIGHT_COLORS[h.light]}>{label('lights', h.light)}</Tag>
          {h.lightReasons.map((reason) => (
            <Typography.Text key={reason} type="secondary">
              {label('lightReasons', reason)}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
  ];
  if (list.isError) return <Alert type="error" title={describeError(list.error)} />;
  return (
    <Table
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={list.data?.items}
      loading={list.isFetching}
      pagination={{ current: page, pageSize: 10, total: list.data?.total, onChange: setPage }}
    />
  );
}

/** 搬迁节点倒排: per village the move date, the pace of the last 14 days, the forecast and the households at risk. */
export default function PlanningPage() {
  const session = useSession();
  const planning = usePlanning();
  const batches = useBatches();
  const deleteBatch = useDeleteBatch();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<MoveDateTarget | null>(null);
  const [batchAction, setBatchAction] = useState<BatchAction | null>(null);
  const villageNames = new Map(planning.data?.villages.map((v) => [v.villageId, v.villageName]));
  const mayEdit = !!session.data && isCommand(session.data.role);
  const today = planning.data?.today ?? '';

  const columns: ColumnsType<VillagePlanSummary> = [
    { title: '村', dataIndex: 'villageName', key: 'villageName' },
    {
      title: '搬迁节点',
      key: 'moveDate',
      render: (_, v) => v.moveDate ?? <Typography.Text type="secondary">未设置</Typography.Text>,
    },
    { title: '户数', dataIndex: 'households', key: 'households', align: 'right' },
    { title: '未搬迁户', dataIndex: 'openHouseholds', key: 'openHouseholds', align: 'right' },
    { title: '剩余阶段步数', dataIndex: 'remainingSteps', key: 'remainingSteps', align: 'right' },
    {
      title: '近14天进度（步/天）',
      key: 'pace',
      align: 'right',
      render: (_, v) => `${v.pace.steps} 步（${v.pace.perDay.toFixed(2)}）`,
    },
    {
      title: '预计完成',
      key: 'forecast',
      render: (_, v) =>
        v.forecastDate === null ? (
          <Tag color={v.moveDate ? 'red' : undefined}>近14天无进展</Tag>
        ) : (
          <Tag color={v.forecastLate ? 'red' : v.moveDate ? 'green' : undefined}>
            {v.forecastDate}
            {v.forecastLate ? '（晚于节点）' : ''}
          </Tag>
        ),
    },
    {
      title: '风险户',
      key: 'atRisk',
      render: (_, v) =>
        v.atRisk === 0 ? (
          '0'
        ) : (
          <Space size={4}>
            <Tag color="gold">落后计划 {v.behindPlan}</Tag>
            <Tag color="red">无法按期 {v.cannotMakeMoveDate}</Tag>
          </Space>
        ),
    },
    ...(mayEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, v: VillagePlanSummary) => (
              <Button
                size="small"
                onClick={() =>
                  setEditing({
                    kind: 'village',
                    id: v.villageId,
                    name: v.villageName,
                    moveDate: v.moveDate,
                    version: v.version,
                  })
                }
                data-testid={`move-date-${v.villageName}`}
              >
                {v.moveDate ? '调整节点' : '设置节点'}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const batchColumns: ColumnsType<PlanBatch> = [
    { title: '批次', dataIndex: 'name', key: 'name' },
    { title: '搬迁节点', dataIndex: 'moveDate', key: 'moveDate' },
    { title: '户数', dataIndex: 'households', key: 'households', align: 'right' },
    {
      title: '所在村',
      key: 'villages',
      render: (_, b) => b.villageIds.map((id) => villageNames.get(id) ?? id).join('、'),
    },
    { title: '原因', dataIndex: 'reason', key: 'reason' },
    ...(mayEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, b: PlanBatch) => (
              <Space size={4}>
                <Button
                  size="small"
                  onClick={() =>
                    setEditing({
                      kind: 'batch',
                      id: b.id,
                      name: b.name,
                      moveDate: b.moveDate,
                      version: b.version,
                    })
                  }
                >
                  调整节点
                </Button>
                {b.households > 0 ? (
                  <Button size="small" onClick={() => setBatchAction({ kind: 'remove', batch: b })}>
                    移出户
                  </Button>
                ) : (
                  <Popconfirm
                    title={`删除批次「${b.name}」？`}
                    description="批次中已无农户，删除后该名称可再次使用。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() =>
                      deleteBatch.mutateAsync(b.id).then(
                        () => void message.success(`已删除批次「${b.name}」`),
                        (error: unknown) => void message.error(describeError(error)),
                      )
                    }
                  >
                    <Button size="small" danger>
                      删除批次
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="搬迁节点倒排" size="small">
        <Typography.Paragraph type="secondary">
          指挥部为每个村设置搬迁节点，系统按各阶段的最短提前天数倒排每户的计划完成日期：落后于计划的户亮黄灯，按本村近14天进度（每天推进的阶段步数）已无法在节点前完成的户亮红灯。预计完成日期
          = 今天 + 剩余步数 × 14 ÷ 近14天步数。
        </Typography.Paragraph>
        {planning.data && (
          <Descriptions size="small" column={planning.data.leads.length} style={{ marginBottom: 12 }}>
            {planning.data.leads.map((lead) => (
              <Descriptions.Item key={lead.stage} label={lead.label}>
                节点前 {lead.days} 天
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
        {planning.isError && <Alert type="error" title={describeError(planning.error)} />}
        <Table
          size="small"
          rowKey="villageId"
          columns={columns}
          dataSource={planning.data?.villages}
          loading={planning.isFetching}
          pagination={false}
          expandable={{
            rowExpandable: (v) => v.atRisk > 0,
            expandedRowRender: (v) => <AtRiskList villageId={v.villageId} />,
          }}
        />
      </Card>
      {((batches.data?.length ?? 0) > 0 || mayEdit) && (
        <Card
          title="搬迁批次（批次节点优先于村节点）"
          size="small"
          extra={
            mayEdit && (
              <Button size="small" type="primary" onClick={() => setBatchAction({ kind: 'create' })}>
                新建批次
              </Button>
            )
          }
        >
          <Table
            size="small"
            rowKey="id"
            columns={batchColumns}
            dataSource={batches.data}
            pagination={false}
          />
        </Card>
      )}
      <MoveDateModal target={editing} today={today} onClose={() => setEditing(null)} />
      <BatchModal action={batchAction} today={today} onClose={() => setBatchAction(null)} />
    </Space>
  );
}
