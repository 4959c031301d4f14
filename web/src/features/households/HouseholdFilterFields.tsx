import { Input, Select, Tag } from 'antd';
import { useOptions, useOrgUnits } from '../reference/reference';
import type { HouseholdFilters } from './api';

type Choice = { value: string; label: string };

/**
 * The filters of GET /households as form fields: the household list and the ledger export show the same ones,
 * so an export takes exactly what the list shows. `apply` receives the changed filter only.
 */
export function HouseholdFilterFields({
  filters,
  apply,
  testIdPrefix = 'filter',
}: {
  filters: HouseholdFilters;
  apply: (change: HouseholdFilters) => void;
  testIdPrefix?: string;
}) {
  const { choices } = useOptions();
  const org = useOrgUnits();
  const select = (key: keyof HouseholdFilters, placeholder: string, options: Choice[], width = 140) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      style={{ width }}
      value={(filters[key] as string | undefined) ?? undefined}
      options={options}
      onChange={(value?: string) => apply({ [key]: value } as HouseholdFilters)}
      data-testid={`${testIdPrefix}-${key}`}
    />
  );
  return (
    <>
      <Input.Search
        allowClear
        placeholder="户编号 / 户主姓名 / 身份证号"
        defaultValue={filters.q}
        onSearch={(q) => apply({ q: q || undefined })}
        style={{ width: 240 }}
        data-testid={`${testIdPrefix}-q`}
      />
      {select('townshipId', '乡镇', org.ofKind('township'))}
      {select('villageId', '村', org.ofKind('village'))}
      {select('taskForceId', '专班', org.ofKind('task_force'))}
      {select('stage', '阶段', choices('stages'), 150)}
      {select('intent', '安置意愿', choices('intents'), 170)}
      {select('light', '灯色', choices('lights'), 100)}
      {select('flag', '重点人群', choices('flags'))}
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
        data-testid={`${testIdPrefix}-onHold`}
      />
      {/* Set by the dashboard's 今日走访 and 今日阶段推进 (no field of their own): shown, and removable. */}
      {filters.visitedOn && (
        <Tag
          closable
          onClose={() => apply({ visitedOn: undefined })}
          data-testid={`${testIdPrefix}-visitedOn`}
        >
          {filters.visitedOn} 有走访
        </Tag>
      )}
      {filters.advancedOn && (
        <Tag
          closable
          onClose={() => apply({ advancedOn: undefined })}
          data-testid={`${testIdPrefix}-advancedOn`}
        >
          {filters.advancedOn} 阶段推进
        </Tag>
      )}
    </>
  );
}
