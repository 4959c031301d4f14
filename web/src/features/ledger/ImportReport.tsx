import { Alert, Col, Row, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ImportResult } from './api';
import { errorRows, errorsBySheet, type IssueRow, noteRows, summaryItems } from './ledger-report';

const ERROR_COLUMNS: ColumnsType<IssueRow> = [
  { title: '工作表', dataIndex: 'sheet', width: 110 },
  { title: '行', dataIndex: 'row', width: 60, render: (row: number | null) => row ?? '—' },
  { title: '列', dataIndex: 'column', width: 60, render: (column: string | null) => column ?? '—' },
  {
    title: '单元格',
    dataIndex: 'cell',
    width: 90,
    render: (cell: string) => <Typography.Text code>{cell}</Typography.Text>,
  },
  { title: '列名', dataIndex: 'header', width: 130, render: (header: string | null) => header ?? '—' },
  {
    title: '单元格内容',
    dataIndex: 'value',
    width: 200,
    render: (value: string | null) =>
      value === null ? <Typography.Text type="secondary">（空）</Typography.Text> : value,
  },
  { title: '问题', dataIndex: 'message' },
];

const NOTE_COLUMNS: ColumnsType<IssueRow> = [
  { title: '工作表', dataIndex: 'sheet', width: 110 },
  { title: '位置', dataIndex: 'cell', width: 90 },
  { title: '说明', dataIndex: 'message' },
];

/** What a dry run found or an import did: the counts, every error at its cell, and the notes. */
export function ImportReport({ result }: { result: ImportResult }) {
  const errors = errorRows(result.errors);
  const notes = noteRows(result.notes);
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="import-summary">
        {summaryItems(result).map((item) => (
          <Col key={item.key} span={4}>
            <Statistic
              title={item.label}
              value={item.value}
              suffix="户"
              styles={item.key === 'failed' && item.value > 0 ? { content: { color: '#cf1322' } } : undefined}
              data-testid={`summary-${item.key}`}
            />
          </Col>
        ))}
      </Row>
      {errors.length > 0 ? (
        <>
          <Typography.Title level={5}>
            错误 {errors.length} 处（{errorsBySheet(result.errors)}）
          </Typography.Title>
          <Table<IssueRow>
            rowKey="key"
            size="small"
            columns={ERROR_COLUMNS}
            dataSource={errors}
            pagination={errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            data-testid="ledger-errors"
          />
        </>
      ) : (
        <Alert type="success" showIcon title="没有发现错误" style={{ marginBottom: 12 }} />
      )}
      {notes.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            提示 {notes.length} 条（已按说明读取，不影响导入）
          </Typography.Title>
          <Table<IssueRow>
            rowKey="key"
            size="small"
            columns={NOTE_COLUMNS}
            dataSource={notes}
            pagination={notes.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            data-testid="ledger-notes"
          />
        </>
      )}
    </>
  );
}
