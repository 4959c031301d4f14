import { useNavigate } from 'react-router';
import { useSyncRunning } from '../App';
import { mobileDb } from '../data/db';
import { discard } from '../data/outbox';
import type { OutboxItem } from '../data/types';
import { useLive, useOnline } from '../hooks';
import { formatTime, KIND_LABELS } from '../labels';
import { describeRejection } from '../sync/classify';
import { signOut } from '../session';
import { syncNow } from '../sync/controller';
import { Button, Card, Dialog, List, NavBar, NoticeBar, Tag } from '../ui';

/** The form a refused item is corrected in; a task completion has none (nothing to correct: resend or discard). */
const FORM_OF: Record<OutboxItem['kind'], string | null> = {
  visit: 'visit',
  intent: 'intent',
  problem: 'problem',
  transition: 'stage',
  task: null,
};

/**
 * 同步: what waits, when the phone last reached the server, and every item the server refused with its own
 * message — to correct and resend, or to give up on purpose. Nothing leaves this list without the cadre.
 */
export default function SyncScreen() {
  const navigate = useNavigate();
  const online = useOnline();
  const running = useSyncRunning();
  const items = useLive(() => mobileDb().outbox.orderBy('createdAt').toArray(), []);
  const sent = useLive(() => mobileDb().sent.orderBy('sentAt').reverse().limit(20).toArray(), []);
  const lastSyncAt = useLive(async () => (await mobileDb().getMeta<string>('lastSyncAt')) ?? null, []);
  const lastError = useLive(async () => (await mobileDb().getMeta<string>('lastSyncError')) ?? null, []);
  const onPhone = useLive(async () => new Set(await mobileDb().households.toCollection().primaryKeys()), []);
  const pending = (items ?? []).filter((item) => item.status === 'pending');
  const rejected = (items ?? []).filter((item) => item.status === 'rejected');

  const confirmDiscard = async (item: OutboxItem) => {
    const confirmed = await Dialog.confirm({
      title: '放弃这条记录？',
      content: `${KIND_LABELS[item.kind]} · ${item.householdLabel}\n放弃后不会再发送，也无法恢复。`,
      confirmText: '放弃',
      cancelText: '保留',
    });
    if (confirmed) await discard(mobileDb(), item.clientId);
  };

  const confirmSignOut = async () => {
    const waiting = pending.length + rejected.length;
    const confirmed = await Dialog.confirm({
      title: '退出登录？',
      content: waiting
        ? `本机还有 ${waiting} 条记录未同步。退出后它们仍保留在本机，须用同一账号再次登录才能发送。`
        : '退出后须联网重新登录。本机的包保户数据保留。',
      confirmText: '退出',
      cancelText: '取消',
    });
    if (!confirmed) return;
    await signOut();
    void navigate('/login?again=1', { replace: true });
  };

  return (
    <>
      <NavBar back={null}>数据同步</NavBar>
      {!online && <NoticeBar color="info" wrap content="当前无网络，联网后会自动同步。" />}
      <Card className="m-section">
        <div className="m-stat">
          <div>
            <strong data-testid="pending-count">{items ? pending.length : '—'}</strong>
            <span className="m-muted">待同步</span>
          </div>
          <div>
            <strong className={rejected.length ? 'm-error' : undefined} data-testid="rejected-count">
              {items ? rejected.length : '—'}
            </strong>
            <span className="m-muted">被退回</span>
          </div>
        </div>
        <div className="m-muted" data-testid="last-sync">
          上次同步：{lastSyncAt ? formatTime(lastSyncAt) : '尚未同步'}
        </div>
        {lastError && <div className="m-error">最近一次：{lastError}</div>}
        <Button
          block
          color="primary"
          style={{ marginTop: 12 }}
          loading={running}
          loadingText="正在同步"
          onClick={() => void syncNow()}
        >
          立即同步
        </Button>
      </Card>

      {rejected.length > 0 && (
        <List header="被退回的记录（请处理）" className="m-section" data-testid="rejected-list">
          {rejected.map((item) => (
            <List.Item
              key={item.clientId}
              data-testid="rejected-item"
              title={`${KIND_LABELS[item.kind]} · ${formatTime(item.createdAt)}`}
              description={
                <>
                  <div className="m-error" data-testid="rejection-message">
                    {item.rejection ? describeRejection(item.rejection) : '服务器拒绝'}
                  </div>
                  {item.householdId && onPhone && !onPhone.has(item.householdId) && (
                    <div className="m-muted">
                      该户已不在您的包保名单中（可能已调整给其他干部），一般只能放弃。
                    </div>
                  )}
                  <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
                    {item.householdId && FORM_OF[item.kind] && (
                      <Button
                        size="mini"
                        color="primary"
                        fill="outline"
                        onClick={() =>
                          navigate(
                            `/households/${item.householdId}/${FORM_OF[item.kind]}?resend=${item.clientId}`,
                          )
                        }
                      >
                        修改后重发
                      </Button>
                    )}
                    <Button
                      size="mini"
                      color="danger"
                      fill="outline"
                      onClick={() => void confirmDiscard(item)}
                    >
                      放弃
                    </Button>
                  </div>
                </>
              }
            >
              {item.householdLabel}
            </List.Item>
          ))}
        </List>
      )}

      <List header={`待同步（${pending.length}）`} className="m-section" data-testid="pending-list">
        {pending.length === 0 && <List.Item>全部已同步</List.Item>}
        {pending.map((item) => (
          <List.Item
            key={item.clientId}
            data-testid="pending-item"
            description={
              item.lastError
                ? `已尝试 ${item.attempts} 次：${item.lastError}`
                : `记录于 ${formatTime(item.createdAt)}`
            }
            extra={<Tag color="primary">{KIND_LABELS[item.kind]}</Tag>}
          >
            {item.householdLabel}
          </List.Item>
        ))}
      </List>

      <div className="m-form-footer">
        <Button block fill="outline" onClick={() => void confirmSignOut()}>
          退出登录
        </Button>
      </div>

      {sent && sent.length > 0 && (
        <List header="最近已同步" className="m-section">
          {sent.map((item) => (
            <List.Item
              key={item.clientId}
              description={formatTime(item.sentAt)}
              extra={<Tag color="success">已送达</Tag>}
            >
              {KIND_LABELS[item.kind]} · {item.householdLabel}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}
