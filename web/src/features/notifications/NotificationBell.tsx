import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover, Space, Spin } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useSession } from '../auth/session';
import { useMarkRead, useUnreadCount } from './api';

// The list loads on the first click: the bell sits on every page, the login + dashboard budget included.
const NotificationList = lazy(() => import('./NotificationList'));

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
      content={
        open && (
          <Suspense fallback={<Spin />}>
            <NotificationList role={role} onNavigate={() => setOpen(false)} />
          </Suspense>
        )
      }
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
