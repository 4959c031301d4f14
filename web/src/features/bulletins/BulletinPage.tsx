import { Typography } from 'antd';

/** 周通报: not built yet (issue #11). */
export default function BulletinPage() {
  return <Typography.Title level={3}>周通报</Typography.Title>;
}
