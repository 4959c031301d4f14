import { Typography } from 'antd';

/** 组织机构: not built yet (issue #11). */
export default function OrgUnitsPage() {
  return <Typography.Title level={3}>组织机构</Typography.Title>;
}
