import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { takeBoot } from './data/boot';
import { mobileDb } from './data/db';
import { useLive, useOnline } from './hooks';
import { HouseholdsScreen } from './screens/HouseholdsScreen';
import { inWeChat, requestPersistence } from './session';
import { startSyncTriggers, syncState } from './sync/controller';
import { Badge, Button, DotLoading, TabBar } from './ui';

// The list is the first screen; the rest load when opened (and are precached for offline use all the same).
// The login form (and antd-mobile's Form with its validator) is needed once a session, not on every start.
const LoginScreen = lazy(() => import('./screens/LoginScreen'));
const HouseholdScreen = lazy(() => import('./screens/HouseholdScreen'));
const VisitForm = lazy(() => import('./screens/VisitForm'));
const IntentForm = lazy(() => import('./screens/IntentForm'));
const ProblemForm = lazy(() => import('./screens/ProblemForm'));
const StageForm = lazy(() => import('./screens/StageForm'));
const TasksScreen = lazy(() => import('./screens/TasksScreen'));
const SyncScreen = lazy(() => import('./screens/SyncScreen'));

export function usePendingCount(): number {
  return useLive(() => mobileDb().outbox.count(), []) ?? 0;
}

export function useSyncRunning(): boolean {
  return useSyncExternalStore(syncState.subscribe, () => syncState.get().running);
}

/**
 * The list's own path: the app never navigates to its bare root, whose URL would be `/m` (no slash) — outside the
 * service worker's scope `/m/`, so it would not open offline.
 */
export const HOME = '/households';

const TABS = [
  { key: HOME, title: '包保户', icon: '户' },
  { key: '/tasks', title: '任务', icon: '务' },
  { key: '/sync', title: '同步', icon: '⇅' },
];

/** The signed-in frame: banners (offline, login expired, WeChat), the screen, the tab bar with the pending badge. */
function Shell() {
  const user = useLive(
    async () => (await mobileDb().user()) ?? null,
    [],
    () => takeBoot('user'),
  );
  const needsLogin = useLive(
    async () => (await mobileDb().getMeta<boolean>('needsLogin')) ?? false,
    [],
    () => takeBoot('needsLogin'),
  );
  const pending = usePendingCount();
  const online = useOnline();
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => {
    if (!user) return;
    void requestPersistence();
    return startSyncTriggers();
  }, [user]);

  if (user === undefined) return <DotLoading />;
  if (user === null) return <Navigate to="/login" replace />;

  const tab = TABS.find((t) => location.pathname.startsWith(t.key))?.key ?? HOME;
  return (
    <div className="m-app">
      <WeChatBanner />
      {needsLogin && (
        <div className="m-banner m-banner-error" role="alert" data-testid="login-expired">
          <span>需要重新登录：待同步的记录都保留在本机，登录后继续发送。</span>
          <Button size="mini" color="primary" onClick={() => navigate('/login?again=1')}>
            重新登录
          </Button>
        </div>
      )}
      {!online && (
        <div className="m-banner" role="status" data-testid="offline-banner">
          当前无网络：记录保存在本机{pending ? `（${pending} 条待同步）` : ''}，联网后自动同步。
        </div>
      )}
      <main className="m-body">
        <Suspense fallback={<DotLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <TabBar className="m-tabbar" activeKey={tab} onChange={(key) => navigate(key)} safeArea>
        {TABS.map((t) => (
          <TabBar.Item
            key={t.key}
            title={t.title}
            icon={<span className="m-tab-icon">{t.icon}</span>}
            badge={t.key === '/sync' && pending > 0 ? pending : undefined}
          />
        ))}
      </TabBar>
      {pending > 0 && (
        <span className="m-visually-hidden" data-testid="pending-badge">
          {pending}
        </span>
      )}
    </div>
  );
}

/** Inside WeChat's in-app browser (no lasting storage, no offline start): ask for the system browser. */
export function WeChatBanner() {
  if (!inWeChat()) return null;
  return (
    <div className="m-banner m-banner-alert" role="alert" data-testid="wechat-banner">
      您正在微信内打开。请点右上角「···」选择「在浏览器打开」，以便无网络时也能使用、数据不丢失。
    </div>
  );
}

/** The count on every screen's header: how many records wait on this phone. */
export function PendingBadge() {
  const pending = usePendingCount();
  const running = useSyncRunning();
  if (running) return <DotLoading />;
  return pending > 0 ? <Badge content={pending} /> : null;
}

/**
 * Declarative routes (BrowserRouter), not a data router: the app loads nothing through the router, and the data
 * router's machinery was ~40 KB of the first load's JavaScript (see bench/README "Phone app").
 */
export function MobileApp() {
  return (
    <BrowserRouter basename="/m">
      <Routes>
        <Route
          path="/login"
          element={
            <Suspense fallback={<DotLoading />}>
              <LoginScreen />
            </Suspense>
          }
        />
        <Route element={<Shell />}>
          {/* The installed app starts at /m/ (the manifest's start_url): the list itself, not a redirect to it. */}
          <Route index element={<HouseholdsScreen />} />
          <Route path="households" element={<HouseholdsScreen />} />
          <Route path="households/:id" element={<HouseholdScreen />} />
          <Route path="households/:id/visit" element={<VisitForm />} />
          <Route path="households/:id/intent" element={<IntentForm />} />
          <Route path="households/:id/problem" element={<ProblemForm />} />
          <Route path="households/:id/stage" element={<StageForm />} />
          <Route path="tasks" element={<TasksScreen />} />
          <Route path="sync" element={<SyncScreen />} />
          <Route path="*" element={<Navigate to={HOME} replace />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
