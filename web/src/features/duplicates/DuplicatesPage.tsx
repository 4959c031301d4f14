import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { isCommand } from '../../app/roles';
import { formatDateTime } from '../../lib/format';
import { changeFilters, readFilters, writeFilters } from '../../lib/url-filters';
import { useSession } from '../auth/session';
import { useOptions } from '../reference/reference';
import {
  DUPLICATE_DEFAULTS,
  DUPLICATE_FILTERS,
  type DuplicateFilters,
  type DuplicatePair,
  type DuplicatePerson,
  useDuplicates,
} from './api';
import { DecideDuplicateModal } from './DecideDuplicateModal';

/** 疑似重复人员: pairs of people of two households who look like one, with the evidence; the command centre decides. */
export default function DuplicatesPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params, DUPLICATE_FILTERS, DUPLICATE_DEFAULTS), [params]);
  const session = useSession();
  const { label, choices } = useOptions();
  const list = useDuplicates(filters);
  const [deciding, setDeciding] = useState<{
    pair: DuplicatePair;
    decision: 'same_person' | 'different_people';
  }>();
  const mayDecide = !!session.data && isCommand(session.data.role);

  const apply = (change: DuplicateFilters) =>
    setParams(writeFilters(changeFilters(filters, change), DUPLICATE_FILTERS, DUPLICATE_DEFAULTS));

  const person = (title: string, side: 'a' | 'b'): ColumnsType<DuplicatePair>[number] => ({
    title,
    key: side,
    render: (_, pair) => (
      <PersonCell person={pair[side]} relation={label('relations', pair[side].relation)} />
    ),
  });

  const columns: ColumnsType<DuplicatePair> = [
    {
      title: '依据',
      key: 'reasons',
      width: 150,
      render: (_, pair) => (
        <Space orientation="vertical" size={2}>
          {pair.reasons.map((reason) => (
            <Tag key={reason} color={reason === 'phone' ? 'blue' : 'orange'}>
              {label('duplicateReasons', reason)}
            </Tag>
          ))}
        </Space>
      ),
    },
    person('人员甲', 'a'),
    person('人员乙', 'b'),
    {
      title: '发现时间',
      key: 'detectedAt',
      width: 150,
      render: (_, pair) => formatDateTime(pair.detectedAt),
    },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_, pair) => (
        <Space orientation="vertical" size={2}>
          <Tag color={pair.status === 'open' ? 'gold' : pair.status === 'same_person' ? 'red' : 'green'}>
            {label('duplicateStatuses', pair.status)}
          </Tag>
          {pair.decision && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {pair.decision.decidedBy?.displayName ?? '—'} · {formatDateTime(pair.decision.decidedAt)}
              {pair.decision.note ? `：${pair.decision.note}` : ''}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...(mayDecide
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 190,
            render: (_: unknown, pair: DuplicatePair) =>
              pair.status === 'open' ? (
                <Space>
                  <Button
                    danger
                    size="small"
                    onClick={() => setDeciding({ pair, decision: 'same_person' })}
                    data-testid={`same-${pair.a.name}`}
                  >
                    同一人
                  </Button>
                  <Button
                    size="small"
                    onClick={() => setDeciding({ pair, decision: 'different_people' })}
                    data-testid={`different-${pair.a.name}`}
                  >
                    不同人
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card title="疑似重复人员" size="small">
      <Typography.Paragraph type="secondary">
        登记、编辑和台账导入时，系统将其他户中同名同出生日期的人员、户主联系电话相同的户列为疑似重复，供指挥部核查：
        认定为“同一人”时从一户中移除重复的成员记录；认定为“不同人”后不再提示。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 160 }}
          value={filters.status}
          options={[...choices('duplicateStatuses'), { value: 'all', label: '全部' }]}
          onChange={(status: string) => apply({ status })}
          data-testid="filter-status"
        />
        <Select
          allowClear
          placeholder="全部依据"
          style={{ width: 180 }}
          value={filters.reason}
          options={choices('duplicateReasons')}
          onChange={(reason?: string) => apply({ reason })}
        />
      </Space>
      {list.isError && <Typography.Text type="danger">{describeError(list.error)}</Typography.Text>}
      <Table<DuplicatePair>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: filters.status === 'open' ? '暂无待核查的疑似重复人员' : '暂无记录' }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => `共 ${total} 对`,
          onChange: (page, pageSize) => apply({ page, pageSize }),
        }}
        data-testid="duplicates-table"
      />
      <DecideDuplicateModal
        pair={deciding?.pair ?? null}
        decision={deciding?.decision ?? 'different_people'}
        onClose={() => setDeciding(undefined)}
      />
    </Card>
  );
}

function PersonCell({ person, relation }: { person: DuplicatePerson; relation: string }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>
        <Typography.Text strong delete={!person.present}>
          {person.name}
        </Typography.Text>
        （{relation}，{person.birthDate}）
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <Link to={`/households/${person.householdId}`}>{person.householdCode}</Link> 户主{' '}
        {person.householdHeadName}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {person.present
          ? `${person.idNumber ?? ''}${person.phone ? ` · ${person.phone}` : ''}`
          : '已从该户移除'}
      </Typography.Text>
    </Space>
  );
}
