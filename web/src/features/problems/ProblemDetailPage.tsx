import { Typography } from 'antd';

/** 问题详情: not built yet (issue #11). */
export default function ProblemDetailPage() {
  return <Typography.Title level={3}>问题详情</Typography.Title>;
}
