import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import type { Role } from './roles';

/** Shown for a page the role may not open: a clear answer, never a blank screen. */
export function ForbiddenPage({ role }: { role?: Role }) {
  const navigate = useNavigate();
  const cadre = role === 'cadre';
  return (
    <Result
      status="403"
      title="403"
      subTitle={cadre ? '包户干部请使用手机端办理业务。' : '您的角色无权查看此页面。'}
      extra={
        cadre ? (
          <Button type="primary" href="/m/">
            打开手机端
          </Button>
        ) : (
          <Button type="primary" onClick={() => navigate('/')}>
            返回首页
          </Button>
        )
      }
    />
  );
}

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle="页面不存在。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}
