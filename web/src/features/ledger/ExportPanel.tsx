import { Button, Card, Checkbox, Input, Select, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { mayReveal } from '../../app/roles';
import { readFilters, writeFilters } from '../../lib/url-filters';
import { useSession } from '../auth/session';
import { HOUSEHOLD_FILTERS, type HouseholdFilters } from '../households/api';
import { useOptions, useOrgUnits } from '../reference/reference';
import { ExportLedgerButton } from './ExportLedgerButton';

type Choice = { value: string; label: string };

/** 台账导出: the household list's filters (kept in the URL, so an export can be shared as a link). */
export function ExportPanel() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params, HOUSEHOLD_FILTERS), [params]);
  const reveal = params.get('reveal') === 'true';
  const session = useSession();
  const { choices } = useOptions();
  const org = useOrgUnits();
  const canReveal = mayReveal(session.data?.role ?? 'cadre');

  const apply = (change: HouseholdFilters & { reveal?: boolean }) => {
    const next = { ...filters, reveal, ...change };
    const query = writeFilters(next, HOUSEHOLD_FILTERS);
    if (next.reveal) query.set('reveal', 'true');
    setParams(query, { replace: true });
  };
  const select = (key: keyof HouseholdFilters, placeholder: string, options: Choice[], width = 150) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      style={{ width }}
      value={(filters[key] as string | undefined) ?? undefined}
      options={options}
      onChange={(value?: string) => apply({ [key]: value } as HouseholdFilters)}
      data-testid={`export-filter-${key}`}
    />
  );

  return (
    <Card title="台账导出" size="small">
      <Typography.Paragraph type="secondary">
        按移民户列表的筛选条件导出，格式与导入模板相同（可修改后再导入）；不选条件则导出您可查看的全部移民户。
      </Typography.Paragraph>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder="户编号 / 户主姓名 / 身份证号"
          defaultValue={filters.q}
          onSearch={(q) => apply({ q: q || undefined })}
          style={{ width: 240 }}
        />
        {select('townshipId', '乡镇', org.ofKind('township'), 130)}
        {select('villageId', '村', org.ofKind('village'), 130)}
        {select('taskForceId', '专班', org.ofKind('task_force'), 130)}
        {select('stage', '阶段', choices('stages'))}
        {select('intent', '安置意愿', choices('intents'), 170)}
        {select('light', '灯色', choices('lights'), 100)}
        {select('flag', '重点人群', choices('flags'), 130)}
        <Select
          allowClear
          placeholder="是否暂停"
          style={{ width: 110 }}
          value={filters.onHold === undefined ? undefined : String(filters.onHold)}
          options={[
            { value: 'true', label: '暂停推进' },
            { value: 'false', label: '正常推进' },
          ]}
          onChange={(value?: string) => apply({ onHold: value === undefined ? undefined : value === 'true' })}
        />
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
