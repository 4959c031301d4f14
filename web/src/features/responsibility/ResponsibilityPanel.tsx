import { Alert, Descriptions, Skeleton, Space, Steps, Table, Tag, Typography } from 'antd';
import { describeError } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useOptions } from '../reference/reference';
import { SCOPE_LABELS, useResponsibles, type Handover } from './api';

const holderName = (holder: Handover['from'] | undefined) => holder?.name ?? '未指定';

/** A household's 包保 chain (cadre → village leader → task-force leader), its backing unit and the handovers. */
export function ResponsibilityPanel({ householdId }: { householdId: string }) {
  const responsibles = useResponsibles(householdId);
  const { label } = useOptions();
  if (responsibles.isPending) return <Skeleton active />;
  if (responsibles.isError) return <Alert type="error" showIcon title={describeError(responsibles.error)} />;
  const { roles, history } = responsibles.data;
  const chain = roles.filter((r) => r.role !== 'backing_unit');
  const backing = roles.find((r) => r.role === 'backing_unit');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="responsibility-panel">
      <Steps
        size="small"
        current={-1}
        items={chain.map((r) => ({
          title: `${r.label}：${holderName(r.holder)}`,
          content: r.source
            ? `${label('responsibilitySources', r.source)}${r.since ? ` · 自 ${formatDateTime(r.since).slice(0, 10)}` : ''}`
            : '未指定',
        }))}
      />
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="后盾单位">
          {holderName(backing?.holder)}
          {backing?.source && (
            <Tag style={{ marginLeft: 8 }}>{label('responsibilitySources', backing.source)}</Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>交接记录</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        dataSource={history}
        pagination={false}
        columns={[
          { title: '时间', dataIndex: 'at', render: formatDateTime },
          { title: '职责', dataIndex: 'roleLabel' },
          { title: '层级', dataIndex: 'scopeType', render: (v: string) => SCOPE_LABELS[v] ?? v },
          { title: '原', dataIndex: 'from', render: (v: Handover['from']) => holderName(v) },
          { title: '新', dataIndex: 'to', render: (v: Handover['to']) => holderName(v) },
          { title: '经办', dataIndex: 'byName', render: (v: string | null) => v ?? '—' },
          { title: '原因', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Space>
  );
}
