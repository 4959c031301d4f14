import { Card, Col, Row, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { useOptions } from '../reference/reference';
import type { Bulletin, StalledUnit, SupervisedItem } from './api';

const STALLED_COLUMNS: ColumnsType<StalledUnit> = [
  { title: '单位', dataIndex: 'name' },
  { title: '在办问题', dataIndex: 'activeProblems', align: 'right', width: 90 },
  {
    title: '最近进展',
    dataIndex: 'lastProgressAt',
    width: 150,
    render: (at: string | null) => (at ? formatDateTime(at) : '无'),
  },
];

/** 停滞单位 and 挂牌督办 as at the week's end. */
export function StalledAndSupervised({ bulletin }: { bulletin: Bulletin }) {
  const { label } = useOptions();
  const supervisedColumns: ColumnsType<SupervisedItem> = [
    {
      title: '问题',
      key: 'problem',
      render: (_, p) => (
        <Link to={`/problems/${p.problemId}`}>
          {label('problemCategories', p.category)}
          {p.householdCode ? `（${p.householdCode}）` : ''}
        </Link>
      ),
    },
    { title: '等级', dataIndex: 'severity', width: 70, render: (s: string) => label('severities', s) },
    { title: '周末状态', dataIndex: 'status', width: 90, render: (s: string) => label('problemStatuses', s) },
    { title: '责任单位', dataIndex: 'unitName', render: (name: string | null) => name ?? '尚未交办' },
    { title: '村', dataIndex: 'villageName', render: (name: string | null) => name ?? '—' },
    {
      title: '时限',
      dataIndex: 'dueAt',
      width: 170,
      render: (at: string, p) => (
        <>
          {formatDateTime(at)}
          {p.overdue && (
            <Tag color="red" style={{ marginLeft: 6 }}>
              超期
            </Tag>
          )}
        </>
      ),
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={9}>
        <Card
          size="small"
          title={`停滞单位（连续 ${bulletin.stallWeeks} 周无进展）`}
          data-testid="stalled-units"
        >
          <Table<StalledUnit>
            size="small"
            rowKey="unitId"
            columns={STALLED_COLUMNS}
            dataSource={bulletin.stalledUnits}
            pagination={false}
            locale={{ emptyText: '无停滞单位' }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Card size="small" title="挂牌督办" data-testid="bulletin-supervised">
          <Table<SupervisedItem>
            size="small"
            rowKey="problemId"
            columns={supervisedColumns}
            dataSource={bulletin.supervised}
            pagination={bulletin.supervised.length > 20 ? { pageSize: 20 } : false}
            locale={{ emptyText: '本周无挂牌督办问题' }}
          />
        </Card>
      </Col>
    </Row>
  );
}
