import { Button, Card, DatePicker, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { ROLE_LABELS, type Role } from '../../app/roles';
import { formatDateTime } from '../../lib/format';
import { changeFilters, readFilters, writeFilters } from '../../lib/url-filters';
import { useSession } from '../auth/session';
import { type OptionList, useOptions, useOrgUnits } from '../reference/reference';
import {
  AUDIT_DEFAULTS,
  AUDIT_FILTERS,
  type AuditEntry,
  type AuditFilters,
  useAudit,
  useUserNames,
} from './api';
import { actionLabel, changeLines, ENTITY_LABELS, entityLabel, type Lookup } from './audit-format';
import { AuditChanges } from './AuditChanges';
import { AuditVerifyPanel } from './AuditVerifyPanel';

/** 审计日志 (admin, supervisor): every write, newest first, filtered in the URL; admins verify the chain. */
export default function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params, AUDIT_FILTERS, AUDIT_DEFAULTS), [params]);
  const list = useAudit(filters);
  const session = useSession();
  const users = useUserNames();
  const { label } = useOptions();
  const org = useOrgUnits();

  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.displayName])), [users.data]);
  const lookup: Lookup = {
    option: (list, value) => label(list as OptionList, value),
    orgName: (id) => org.byId.get(id)?.name ?? id,
    userName: (id) => names.get(id) ?? id,
  };
  const apply = (change: AuditFilters) =>
    setParams(writeFilters(changeFilters(filters, change), AUDIT_FILTERS, AUDIT_DEFAULTS));

  const columns: ColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', width: 140, render: (at: string) => formatDateTime(at) },
    {
      title: '操作人',
      key: 'actor',
      width: 150,
      render: (_, e) =>
        e.actorId === null ? (
          <Typography.Text type="secondary">系统</Typography.Text>
        ) : (
          <>
            <a onClick={() => apply({ actorId: e.actorId ?? undefined })}>{lookup.userName(e.actorId)}</a>
            {e.actorRole && (
              <Typography.Text type="secondary">
                （{ROLE_LABELS[e.actorRole as Role] ?? e.actorRole}）
              </Typography.Text>
            )}
          </>
        ),
    },
    { title: '操作', dataIndex: 'action', width: 110, render: (action: string) => actionLabel(action) },
    { title: '对象', key: 'entity', width: 200, render: (_, e) => <EntityCell entry={e} /> },
    {
      title: '变更内容',
      dataIndex: 'changes',
      render: (changes: AuditEntry['changes']) => <AuditChanges lines={changeLines(changes, lookup)} />,
    },
    {
      title: '链上序号',
      dataIndex: 'sealIndex',
      width: 90,
      render: (index: number | null, e) =>
        index === null ? (
          <Typography.Text type="secondary">待封存</Typography.Text>
        ) : (
          <Tooltip title={`哈希 ${e.hash}`}>{index}</Tooltip>
        ),
    },
  ];

  return (
    <Card title="审计日志" size="small">
      {session.data?.role === 'admin' && <AuditVerifyPanel />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="对象类型"
          style={{ width: 140 }}
          value={filters.entityType}
          options={Object.entries(ENTITY_LABELS).map(([value, text]) => ({ value, label: text }))}
          onChange={(entityType?: string) => apply({ entityType })}
          data-testid="filter-entity-type"
        />
        <Input.Search
          allowClear
          placeholder="对象编号（ID）"
          defaultValue={filters.entityId}
          key={filters.entityId ?? ''}
          onSearch={(entityId) => apply({ entityId: entityId.trim() || undefined })}
          style={{ width: 300 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="操作人"
          style={{ width: 180 }}
          value={filters.actorId}
          loading={users.isPending}
          options={(users.data ?? []).map((u) => ({
            value: u.id,
            label: `${u.displayName}（${u.username}）`,
          }))}
          onChange={(actorId?: string) => apply({ actorId })}
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range) =>
            apply({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
          }
        />
        <Button onClick={() => setParams(new URLSearchParams())}>清除筛选</Button>
      </Space>
      {list.isError && <Typography.Text type="danger">{describeError(list.error)}</Typography.Text>}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 条`,
          onChange: (page, pageSize) => apply({ page, pageSize }),
        }}
        data-testid="audit-table"
      />
    </Card>
  );
}

/** The entity's type and id; a household opens its page, anything else filters the log to it. */
function EntityCell({ entry }: { entry: AuditEntry }) {
  const [, setParams] = useSearchParams();
  const id = entry.entityId;
  return (
    <>
      <div>{entityLabel(entry.entityType)}</div>
      {entry.entityType === 'household' ? (
        <Link to={`/households/${id}`}>
          <Typography.Text code>{id.slice(0, 8)}</Typography.Text>
        </Link>
      ) : (
        <a
          title={id}
          onClick={() =>
            setParams(
              writeFilters({ entityType: entry.entityType, entityId: id }, AUDIT_FILTERS, AUDIT_DEFAULTS),
            )
          }
        >
          <Typography.Text code>{id.slice(0, 8)}</Typography.Text>
        </a>
      )}
    </>
  );
}
