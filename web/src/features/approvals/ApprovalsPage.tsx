import { Typography } from 'antd';

/** 审批: not built yet (issue #11). */
export default function ApprovalsPage() {
  return <Typography.Title level={3}>审批</Typography.Title>;
}
