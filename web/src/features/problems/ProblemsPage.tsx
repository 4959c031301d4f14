import { Typography } from 'antd';

/** 问题台账: not built yet (issue #11). */
export default function ProblemsPage() {
  return <Typography.Title level={3}>问题台账</Typography.Title>;
}
