import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PendingBadge } from '../App';
import { takeBoot } from '../data/boot';
import { mobileDb } from '../data/db';
import { useLive } from '../hooks';
import { byUrgency, daysAgo, label, LIGHT_COLORS, LIGHT_LABELS, useOptions } from '../labels';
import { syncNow } from '../sync/controller';
import { Button, DotLoading, Empty, NavBar } from '../ui';

/**
 * Rows rendered at first, and added each time the end of the list comes near: a phone screen shows about ten, and
 * rendering all 300 of a cadre's households at once cost 0.8 s of a 4×-slowed phone's start (React, then layout).
 */
export const LIST_STEP = 20;

/** Grows `limit` by LIST_STEP whenever the returned element scrolls near the screen. */
function useGrowingLimit(reset: unknown): [number, React.RefObject<HTMLDivElement | null>] {
  const [limit, setLimit] = useState(LIST_STEP);
  const sentinel = useRef<HTMLDivElement | null>(null);
  useEffect(() => setLimit(LIST_STEP), [reset]);
  useEffect(() => {
    const element = sentinel.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setLimit((current) => current + LIST_STEP);
      },
      // The list scrolls inside the app's body, not the window: that is the box "near the screen" is measured in.
      { root: element.closest('.m-body'), rootMargin: '300px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  });
  return [limit, sentinel];
}

/** 我的包保户: red lights first; search by name, code or address; filter by village and stage (in the URL). */
export function HouseholdsScreen() {
  const [params, setParams] = useSearchParams();
  const options = useOptions();
  const households = useLive(
    () => mobileDb().rows.toArray(),
    [],
    () => takeBoot('households'),
  );
  const waiting = useLive(async () => {
    const counts = new Map<string, number>();
    for (const item of await mobileDb().outbox.toArray())
      if (item.householdId) counts.set(item.householdId, (counts.get(item.householdId) ?? 0) + 1);
    return counts;
  }, []);
  const q = params.get('q') ?? '';
  const village = params.get('village') ?? '';
  const stage = params.get('stage') ?? '';

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const villages = useMemo(
    () => [...new Map((households ?? []).map((h) => [h.villageId, h.villageName])).entries()],
    [households],
  );
  const stages = useMemo(() => {
    const present = new Set<string>((households ?? []).map((h) => h.stage));
    return (options?.stages ?? []).filter((s) => present.has(s.value));
  }, [households, options]);

  const shown = useMemo(() => {
    const needle = q.trim();
    return (households ?? [])
      .filter((h) => !village || h.villageId === village)
      .filter((h) => !stage || h.stage === stage)
      .filter(
        (h) =>
          !needle ||
          h.headName.includes(needle) ||
          h.code.includes(needle) ||
          (h.address ?? '').includes(needle),
      )
      .sort(byUrgency);
  }, [households, q, village, stage]);
  const [limit, sentinel] = useGrowingLimit(`${q}|${village}|${stage}`);

  return (
    <>
      <NavBar
        back={null}
        right={
          <Button size="mini" fill="none" onClick={() => void syncNow()} aria-label="同步">
            同步 <PendingBadge />
          </Button>
        }
      >
        我的包保户{households ? `（${households.length}）` : ''}
      </NavBar>
      {/* Native controls: the phone's own keyboard and picker, and the list's first load stays small. */}
      <div className="m-filters">
        <input
          className="m-search"
          type="search"
          enterKeyHint="search"
          placeholder="搜索户主姓名、户编号、地址"
          aria-label="搜索"
          defaultValue={q}
          onChange={(event) => setFilter('q', event.target.value)}
        />
        <div className="m-filter-row">
          <select
            aria-label="按村筛选"
            value={village}
            onChange={(event) => setFilter('village', event.target.value)}
          >
            <option value="">全部村</option>
            {villages.map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
          <select
            aria-label="按阶段筛选"
            value={stage}
            onChange={(event) => setFilter('stage', event.target.value)}
          >
            <option value="">全部阶段</option>
            {stages.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {households === undefined ? (
        <DotLoading />
      ) : households.length === 0 ? (
        <Empty description="本机还没有包保户数据：联网后点右上角「同步」" />
      ) : shown.length === 0 ? (
        <Empty description="没有符合条件的户" />
      ) : (
        // Plain links, not antd-mobile's List.Item: the rows are the start's first paint, and each List.Item is
        // half a dozen nested elements and hooks more, at a quarter of the CPU on the phones this is measured for.
        <ul className="m-rows" data-testid="households-list">
          {shown.slice(0, limit).map((h) => (
            <li key={h.id}>
              <Link to={`/households/${h.id}`} className="m-row" data-testid="household-item">
                <span
                  className="m-light"
                  style={{ background: LIGHT_COLORS[h.light] }}
                  title={LIGHT_LABELS[h.light]}
                  aria-label={LIGHT_LABELS[h.light]}
                />
                <span className="m-row-main">
                  <span className="m-row-title">
                    {h.headName}
                    {h.onHold && <span className="m-error">（暂停）</span>}
                  </span>
                  <span className="m-row-desc">
                    {`${h.code} · ${h.villageName}${h.group ?? ''} · ${label(options?.stages, h.stage)}`}
                  </span>
                </span>
                <span className="m-muted m-row-extra">
                  {waiting?.get(h.id) ? <span className="m-error">待同步 {waiting.get(h.id)} · </span> : null}
                  {daysAgo(h.lastVisitAt)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {households && shown.length > limit && (
        <div ref={sentinel} className="m-muted m-list-more">
          <DotLoading /> 还有 {shown.length - limit} 户
        </div>
      )}
    </>
  );
}
