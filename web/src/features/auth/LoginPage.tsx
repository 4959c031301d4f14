import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { homeFor, MOBILE_APP } from '../../app/roles';
import { prefetchDashboard } from '../dashboard/api';
import { startSession } from './session';

/** Sign-in; afterwards back to the page that sent the user here, else the role's first page. */
export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // While the user types: fetch the landing page's code, so that after the click only its data is waited for.
  useEffect(() => {
    const handle = window.setTimeout(() => void import('../dashboard/DashboardPage'), 300);
    return () => window.clearTimeout(handle);
  }, []);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const user = await startSession(values.username.trim(), values.password);
      // A cadre works in the phone app: another page (its own bundle and service worker), not a console route.
      if (user.role === 'cadre') return window.location.assign(MOBILE_APP);
      client.setQueryData(['session'], user);
      const next = params.get('next');
      const target = next && next.startsWith('/') && !next.startsWith('//') ? next : homeFor(user.role);
      if (target === '/') prefetchDashboard(client, user.role);
      void navigate(target, { replace: true });
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          大兴寨水库移民安置
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          指挥调度平台
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
