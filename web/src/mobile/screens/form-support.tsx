import type { ReactNode } from 'react';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { mobileDb } from '../data/db';
import { enqueue, resend } from '../data/outbox';
import type { OutboxItem, OutboxKind, PayloadOf, SyncHousehold } from '../data/types';
import { useLive } from '../hooks';
import { householdLabel } from '../labels';
import { syncNow } from '../sync/controller';
import { Button, DotLoading, Empty, NavBar, Toast } from '../ui';

export interface FormTarget<K extends OutboxKind> {
  household: SyncHousehold;
  /** The rejected item being corrected (`?resend=<clientId>`), if any. */
  correcting: OutboxItem<K> | null;
  busy: boolean;
  save: (payload: PayloadOf[K]) => Promise<void>;
}

/**
 * What every form on the phone does: find the household on the phone, and on save put the record in the outbox
 * (or, when correcting a rejected one, replace it), say so, try a sync, and go back to the household.
 */
export function useFormTarget<K extends OutboxKind>(kind: K): FormTarget<K> | 'loading' | 'missing' {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const resendId = params.get('resend');
  const household = useLive(async () => (await mobileDb().households.get(id)) ?? null, [id]);
  const correcting = useLive(
    async () =>
      resendId ? (((await mobileDb().outbox.get(resendId)) as OutboxItem<K> | undefined) ?? null) : null,
    [resendId],
  );
  if (household === undefined || correcting === undefined) return 'loading';
  if (household === null) return 'missing';

  const save = async (payload: PayloadOf[K]) => {
    setBusy(true);
    try {
      const db = mobileDb();
      const user = await db.user();
      if (!user) throw new Error('请先登录');
      if (correcting) await resend<K>(db, correcting.clientId, payload);
      else await enqueue(db, { kind, userId: user.id, householdLabel: householdLabel(household), payload });
      Toast.show({
        icon: 'success',
        content: navigator.onLine ? '已保存，正在同步' : '已保存在本机，联网后自动同步',
      });
      void syncNow();
      // Back to where the form was opened from (the card, or the sync screen for a correction), so the phone's
      // back button does not return to the form; straight to the card when the form was opened directly.
      const openedFromApp = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
      if (openedFromApp) void navigate(-1);
      else void navigate(correcting ? '/sync' : `/households/${household.id}`, { replace: true });
    } catch (caught) {
      Toast.show({ icon: 'fail', content: caught instanceof Error ? caught.message : String(caught) });
    } finally {
      setBusy(false);
    }
  };
  return { household, correcting, busy, save };
}

export function FormFrame<K extends OutboxKind>({
  title,
  target,
  children,
}: {
  title: string;
  target: FormTarget<K> | 'loading' | 'missing';
  children: (target: FormTarget<K>) => ReactNode;
}) {
  const navigate = useNavigate();
  if (target === 'loading') return <DotLoading />;
  if (target === 'missing')
    return (
      <>
        <NavBar onBack={() => navigate(-1)}>{title}</NavBar>
        <Empty description="该户已不在您的包保名单中" />
      </>
    );
  return (
    <>
      <NavBar onBack={() => navigate(-1)}>{target.correcting ? `修改后重发 · ${title}` : title}</NavBar>
      <div className="m-muted" style={{ padding: '8px 16px 0' }}>
        {householdLabel(target.household)} · {target.household.villageName}
      </div>
      {target.correcting?.rejection && (
        <div className="m-error" style={{ padding: '8px 16px 0' }}>
          退回原因：{target.correcting.rejection.message}
        </div>
      )}
      {children(target)}
    </>
  );
}

export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <Button block type="submit" color="primary" size="large" loading={busy}>
      {children}
    </Button>
  );
}

/** Drops empty optional strings: the API rejects an empty `site`, and "not said" is not "said nothing". */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''),
    ),
  ) as T;
}
