import { Button, Card, Checkbox, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { mayReveal } from '../../app/roles';
import { readFilters, writeFilters } from '../../lib/url-filters';
import { useSession } from '../auth/session';
import { HOUSEHOLD_FILTERS, type HouseholdFilters } from '../households/api';
import { HouseholdFilterFields } from '../households/HouseholdFilterFields';
import { ExportLedgerButton } from './ExportLedgerButton';

/** 台账导出: the household list's filters (kept in the URL, so an export can be shared as a link). */
export function ExportPanel() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params, HOUSEHOLD_FILTERS), [params]);
  const reveal = params.get('reveal') === 'true';
  const session = useSession();
  const canReveal = mayReveal(session.data?.role ?? 'cadre');

  const apply = (change: HouseholdFilters & { reveal?: boolean }) => {
    const next = { ...filters, reveal, ...change };
    const query = writeFilters(next, HOUSEHOLD_FILTERS);
    if (next.reveal) query.set('reveal', 'true');
    setParams(query, { replace: true });
  };
  return (
    <Card title="台账导出" size="small">
      <Typography.Paragraph type="secondary">
        按移民户列表的筛选条件导出，格式与导入模板相同（可修改后再导入）；不选条件则导出您可查看的全部移民户。
      </Typography.Paragraph>
      <Space wrap>
        <HouseholdFilterFields filters={filters} apply={apply} testIdPrefix="export-filter" />
        {canReveal && (
          <Checkbox checked={reveal} onChange={(e) => apply({ reveal: e.target.checked })}>
            含完整身份证号和电话（记入审计）
          </Checkbox>
        )}
        <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>清除条件</Button>
        <ExportLedgerButton type="primary" filters={{ ...filters, reveal: canReveal && reveal }} />
      </Space>
    </Card>
  );
}
