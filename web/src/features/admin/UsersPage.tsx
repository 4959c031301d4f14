import { Typography } from 'antd';

/** 用户管理: not built yet (issue #11). */
export default function UsersPage() {
  return <Typography.Title level={3}>用户管理</Typography.Title>;
}
