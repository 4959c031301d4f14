import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { isCommand } from '../../app/roles';
import { sinceLabel } from '../../lib/format';
import { changeFilters, readFilters, writeFilters } from '../../lib/url-filters';
import { useSession } from '../auth/session';
import { ExportLedgerButton } from '../ledger/ExportLedgerButton';
import { useOptions, useOrgUnits } from '../reference/reference';
import { AssignCadreModal } from './AssignCadreModal';
import { HouseholdFilterFields } from './HouseholdFilterFields';
import {
  HOUSEHOLD_DEFAULTS,
  HOUSEHOLD_FILTERS,
  type Household,
  type HouseholdFilters,
  useHouseholds,
} from './api';

const LIGHT_COLORS: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };

/** The household list: every filter of GET /households in the URL, server-paged, bulk assignment. */
export default function HouseholdsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const filters = useMemo(() => readFilters(params, HOUSEHOLD_FILTERS, HOUSEHOLD_DEFAULTS), [params]);
  const list = useHouseholds(filters);
  const { label } = useOptions();
  const org = useOrgUnits();
  const [selected, setSelected] = useState<string[]>([]);
  const [assigning, setAssigning] = useState(false);
  const command = isCommand(session.data?.role ?? 'cadre');

  const apply = (change: HouseholdFilters) =>
    setParams(writeFilters(changeFilters(filters, change), HOUSEHOLD_FILTERS, HOUSEHOLD_DEFAULTS));
  const columns: ColumnsType<Household> = [
    {
      title: '户编号',
      dataIndex: 'code',
      render: (code: string, h) => <Link to={`/households/${h.id}`}>{code}</Link>,
    },
    { title: '户主', dataIndex: 'headName' },
    { title: '乡镇', dataIndex: 'townshipId', render: (id: string | null) => org.name(id) },
    { title: '村', dataIndex: 'villageId', render: (id: string) => org.name(id) },
    { title: '阶段', dataIndex: 'stage', render: (stage: string) => label('stages', stage) },
    { title: '安置意愿', key: 'intent', render: (_, h) => label('intents', h.intent.option) },
    {
      title: '灯色',
      dataIndex: 'light',
      render: (light: string) => <Tag color={LIGHT_COLORS[light]}>{label('lights', light)}</Tag>,
    },
    {
      title: '包户干部',
      key: 'cadre',
      render: (_, h) => h.cadre?.displayName ?? <Typography.Text type="warning">未分配</Typography.Text>,
    },
    { title: '最近走访', dataIndex: 'lastVisitAt', render: (at: string | null) => sinceLabel(at) },
    { title: '在办问题', dataIndex: 'openProblems' },
    {
      title: '状态',
      dataIndex: 'onHold',
      render: (held: boolean) => (held ? <Tag color="orange">暂停推进</Tag> : null),
    },
  ];

  return (
    <Card title="移民户" size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <HouseholdFilterFields filters={filters} apply={apply} />
        <Select
          style={{ width: 150 }}
          value={filters.sort ?? '-updatedAt'}
          options={[
            { value: '-updatedAt', label: '最近更新在前' },
            { value: 'code', label: '按户编号' },
            { value: 'headName', label: '按户主姓名' },
            { value: 'stage', label: '按阶段' },
          ]}
          onChange={(sort: string) => apply({ sort: sort === '-updatedAt' ? undefined : sort })}
        />
        <Button onClick={() => setParams(new URLSearchParams())}>清除筛选</Button>
        <ExportLedgerButton filters={filters} />
        {command && (
          <Button type="primary" disabled={selected.length === 0} onClick={() => setAssigning(true)}>
            分配包户干部{selected.length ? `（${selected.length}）` : ''}
          </Button>
        )}
      </Space>
      {list.isError && <Typography.Text type="danger">{describeError(list.error)}</Typography.Text>}
      <Table<Household>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        rowSelection={
          command
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }
            : undefined
        }
        onRow={(h) => ({ onDoubleClick: () => navigate(`/households/${h.id}`) })}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 户`,
          onChange: (page, pageSize) => apply({ page, pageSize }),
        }}
        data-testid="households-table"
      />
      <AssignCadreModal
        householdIds={selected}
        open={assigning}
        onClose={(assigned) => {
          setAssigning(false);
          if (assigned) setSelected([]);
        }}
      />
    </Card>
  );
}
