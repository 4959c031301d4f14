import { Button, Checkbox, Select, Space, Tag } from 'antd';
import { useOptions, useOrgUnits } from '../reference/reference';
import type { ProblemFilters as Filters } from './api';

/** The filter bar over the problem list; every change goes to the URL. */
export function ProblemFilters({
  filters,
  apply,
  clear,
  showUnit,
  householdLabel,
}: {
  filters: Filters;
  apply: (change: Filters) => void;
  clear: () => void;
  showUnit: boolean;
  householdLabel?: string;
}) {
  const { choices } = useOptions();
  const org = useOrgUnits();
  const select = (
    key: 'status' | 'severity' | 'category' | 'unitId',
    placeholder: string,
    options: { value: string; label: string }[],
    width = 140,
  ) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      style={{ width }}
      value={filters[key]}
      options={options}
      onChange={(value?: string) => apply({ [key]: value })}
      data-testid={`filter-${key}`}
    />
  );
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      {select('status', '状态', choices('problemStatuses'), 150)}
      {select('severity', '紧急程度', choices('severities'), 120)}
      {select('category', '问题类别', choices('problemCategories'), 170)}
      {showUnit && select('unitId', '承办单位', org.ofKind('unit'), 200)}
      <Checkbox
        checked={filters.overdue === true}
        onChange={(e) => apply({ overdue: e.target.checked || undefined })}
        data-testid="filter-overdue"
      >
        仅看超期
      </Checkbox>
      <Checkbox
        checked={filters.supervised === true}
        onChange={(e) => apply({ supervised: e.target.checked || undefined })}
        data-testid="filter-supervised"
      >
        仅看挂牌督办
      </Checkbox>
      {filters.householdId && (
        <Tag closable onClose={() => apply({ householdId: undefined })}>
          移民户：{householdLabel ?? '指定户'}
        </Tag>
      )}
      <Button onClick={clear}>清除筛选</Button>
    </Space>
  );
}
