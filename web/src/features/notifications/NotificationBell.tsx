import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover, Space } from 'antd';
import { useState } from 'react';
import { useSession } from '../auth/session';
import { useMarkRead, useUnreadCount } from './api';
import { NotificationList } from './NotificationList';

/** The header's bell: how many unread (refreshed every minute and on focus), the latest in a popover. */
export function NotificationBell() {
  const session = useSession();
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const [open, setOpen] = useState(false);
  const role = session.data?.role;
  if (!role) return null;
  const count = unread.data ?? 0;

  const title = (
    <Space style={{ width: '100%', justifyContent: 'space-between' }}>
      <span>通知</span>
      <Button
        type="link"
        size="small"
        disabled={count === 0}
        loading={markRead.all.isPending}
        onClick={() => markRead.all.mutate()}
        data-testid="notifications-read-all"
      >
        全部标为已读
      </Button>
    </Space>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={title}
      content={open && <NotificationList role={role} onNavigate={() => setOpen(false)} />}
      destroyOnHidden
    >
      <Badge count={count} size="small" overflowCount={99} data-testid="notification-count">
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={`通知，${count} 条未读`}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
