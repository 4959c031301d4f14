import { Typography } from 'antd';

/** 任务: not built yet (issue #11). */
export default function TasksPage() {
  return <Typography.Title level={3}>任务</Typography.Title>;
}
