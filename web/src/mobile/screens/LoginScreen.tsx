import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { HOME, WeChatBanner } from '../App';
import { mobileDb } from '../data/db';
import { useLive } from '../hooks';
import { resumeSession, signIn } from '../session';
import { syncNow } from '../sync/controller';
import { Button, Form, Input, NoticeBar } from '../ui';

/** Online sign-in; after it the phone works without a network. A lapsed session keeps everything waiting. */
export default function LoginScreen() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const previous = useLive(async () => (await mobileDb().user()) ?? null, []);
  const pending = useLive(() => mobileDb().outbox.count(), []) ?? 0;

  // Signed in at the console a moment ago (and sent here): carry on with that session.
  useEffect(() => {
    let live = true;
    if (navigator.onLine)
      void resumeSession().then((user) => {
        if (!live || !user) return;
        void syncNow();
        void navigate(HOME, { replace: true });
      });
    return () => {
      live = false;
    };
  }, [navigate]);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username.trim(), values.password);
      void syncNow();
      void navigate(HOME, { replace: true });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  if (previous === undefined) return null;
  return (
    <div className="m-login">
      <WeChatBanner />
      <h1>大兴寨移民安置</h1>
      <p className="m-muted" style={{ textAlign: 'center', marginTop: 0 }}>
        包户干部手机端
      </p>
      {params.get('again') && pending > 0 && (
        <NoticeBar color="info" wrap content={`本机有 ${pending} 条记录待同步，登录后继续发送。`} />
      )}
      {error && <NoticeBar color="error" wrap content={error} data-testid="login-error" />}
      <Form
        layout="vertical"
        onFinish={submit}
        initialValues={{ username: previous?.username ?? '' }}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy}>
            登录
          </Button>
        }
      >
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input placeholder="请输入用户名" autoComplete="username" clearable />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input placeholder="请输入密码" type="password" autoComplete="current-password" />
        </Form.Item>
      </Form>
      <p className="m-muted" style={{ padding: '0 12px' }}>
        首次使用需联网登录一次；之后没有信号也能查看包保户、记录走访，联网后自动同步。
      </p>
    </div>
  );
}
