import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { Suspense, useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { loginPath } from '../api/client';
import { useEndSession, useSession } from '../features/auth/session';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { ForbiddenPage } from './ErrorPages';
import { mayOpen, menuFor, MOBILE_APP, ROLE_LABELS } from './roles';

/** The signed-in shell: role-aware side menu, the user and logout; pages render inside. */
export function ConsoleLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const endSession = useEndSession();
  const cadre = session.data?.role === 'cadre';
  // A cadre who opens the console (a bookmark, an old link) is taken to the phone app.
  useEffect(() => {
    if (cadre) window.location.replace(MOBILE_APP);
  }, [cadre]);

  if (session.isPending || cadre) return <Spin fullscreen />;
  const user = session.data;
  if (!user) return <Navigate to={loginPath(location.pathname + location.search)} replace />;

  const items = menuFor(user.role).map((entry) => ({ key: entry.path, label: entry.label }));
  const selected = [...items]
    .filter((item) => (item.key === '/' ? location.pathname === '/' : location.pathname.startsWith(item.key)))
    .map((item) => item.key);

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={0}>
        <div className="console-brand">大兴寨移民安置 · 挂图作战</div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={selected}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          <Space>
            <UserOutlined />
            <Typography.Text data-testid="current-user">
              {user.displayName}（{ROLE_LABELS[user.role]}）
            </Typography.Text>
          </Space>
          <Space>
            <NotificationBell />
            <Button icon={<LogoutOutlined />} onClick={endSession}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="console-content">
          {mayOpen(user.role, location.pathname) && location.pathname !== '/forbidden' ? (
            <Suspense fallback={<Spin />}>
              <Outlet />
            </Suspense>
          ) : (
            <ForbiddenPage role={user.role} />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
