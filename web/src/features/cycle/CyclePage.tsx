import { Typography } from 'antd';

/** 日调度: not built yet (issue #11). */
export default function CyclePage() {
  return <Typography.Title level={3}>日调度</Typography.Title>;
}
