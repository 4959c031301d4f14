import { Button, DatePicker, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useOrgUnits } from '../reference/reference';
import type { TaskFilters as Filters } from './api';
import { TASK_STATUS_LABELS } from './rules';

/** The filter bar over the task list: cycle date, status, and for those who see every task, unit and cadre. */
export function TaskFilters({
  filters,
  apply,
  clear,
  cadres,
}: {
  filters: Filters;
  apply: (change: Filters) => void;
  clear: () => void;
  /** Cadre names by id when the caller sees everyone's tasks; undefined hides the unit and cadre filters. */
  cadres?: Map<string, string>;
}) {
  const org = useOrgUnits();
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <DatePicker
        placeholder="调度日期"
        value={filters.date ? dayjs(filters.date) : null}
        onChange={(day) => apply({ date: day ? day.format('YYYY-MM-DD') : undefined })}
        data-testid="filter-date"
      />
      <Select
        style={{ width: 120 }}
        value={filters.status ?? 'open'}
        options={[
          ...Object.entries(TASK_STATUS_LABELS).map(([value, label]) => ({ value, label })),
          { value: 'all', label: '全部状态' },
        ]}
        onChange={(status: string) => apply({ status })}
        data-testid="filter-status"
      />
      {cadres && (
        <>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="责任单位 / 乡镇"
            style={{ width: 200 }}
            value={filters.unitId}
            options={[...org.ofKind('unit'), ...org.ofKind('township')]}
            onChange={(unitId?: string) => apply({ unitId })}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="包户干部"
            style={{ width: 150 }}
            value={filters.assigneeId}
            options={[...cadres].map(([value, label]) => ({ value, label }))}
            onChange={(assigneeId?: string) => apply({ assigneeId })}
          />
        </>
      )}
      <Button onClick={clear}>清除筛选</Button>
    </Space>
  );
}
