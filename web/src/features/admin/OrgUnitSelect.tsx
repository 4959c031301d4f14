import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useOrgUnits } from '../reference/reference';
import { buildOrgTree } from './org-tree';

/** Choose an org unit from the tree (searchable by name). */
export function OrgUnitSelect({
  value,
  onChange,
  placeholder = '所属单位',
  style,
  ...rest
}: {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  'data-testid'?: string;
}) {
  const org = useOrgUnits();
  const tree = useMemo(() => buildOrgTree(org.data ?? []), [org.data]);
  return (
    <TreeSelect
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      placeholder={placeholder}
      loading={org.isPending}
      treeData={tree}
      value={value ?? undefined}
      onChange={(next?: string) => onChange?.(next)}
      style={style}
      {...rest}
    />
  );
}
