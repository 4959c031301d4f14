import { Badge, Button, Empty, Spin, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Role } from '../../app/roles';
import { formatDateTime } from '../../lib/format';
import { timeAgo } from '../../lib/time-ago';
import { type Notification, useMarkRead, useRecentNotifications } from './api';
import { notificationLink } from './links';

/** The latest notifications: unread ones marked; a click opens the record (and marks it read). */
export default function NotificationList({ role, onNavigate }: { role: Role; onNavigate: () => void }) {
  const recent = useRecentNotifications(true);
  const markRead = useMarkRead();
  const navigate = useNavigate();

  if (recent.isPending) return <Spin style={{ display: 'block', margin: 24 }} />;
  const items = recent.data?.items ?? [];
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />;

  const open = (n: Notification, link: string) => {
    if (!n.readAt) markRead.one.mutate(n.id);
    onNavigate();
    void navigate(link);
  };

  return (
    <div style={{ width: 380, maxHeight: 440, overflowY: 'auto' }} data-testid="notification-list">
      {items.map((n) => {
        const link = notificationLink(n.target, role);
        return (
          <div
            key={n.id}
            data-testid="notification-item"
            style={{ padding: '8px 4px', borderBottom: '1px solid #f0f0f0', opacity: n.readAt ? 0.65 : 1 }}
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Badge status={n.readAt ? 'default' : 'processing'} text={<strong>{n.title}</strong>} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }} title={formatDateTime(n.createdAt)}>
                {timeAgo(n.createdAt)}
              </Typography.Text>
            </div>
            <div style={{ margin: '4px 0 0 14px' }}>{n.body}</div>
            <div style={{ marginLeft: 8 }}>
              {link && (
                <Button type="link" size="small" onClick={() => open(n, link)}>
                  查看
                </Button>
              )}
              {!n.readAt && (
                <Button
                  type="link"
                  size="small"
                  loading={markRead.one.isPending && markRead.one.variables === n.id}
                  onClick={() => markRead.one.mutate(n.id)}
                >
                  标为已读
                </Button>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
