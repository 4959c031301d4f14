import { Typography } from 'antd';

/** 审计日志: not built yet (issue #11). */
export default function AuditPage() {
  return <Typography.Title level={3}>审计日志</Typography.Title>;
}
