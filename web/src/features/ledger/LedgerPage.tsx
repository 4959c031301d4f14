import { Typography } from 'antd';

/** 台账导入导出: not built yet (issue #11). */
export default function LedgerPage() {
  return <Typography.Title level={3}>台账导入导出</Typography.Title>;
}
