import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

/**
 * A Dexie query the component re-renders with whenever the tables it read change (this tab or another):
 * `undefined` until the first answer, unless an `initial` value (the start-up snapshot) stands in until then.
 */
export function useLive<T>(
  query: () => Promise<T>,
  deps: unknown[],
  initial?: () => T | undefined,
): T | undefined {
  const [value, setValue] = useState<T | undefined>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (next) => setValue(() => next),
      error: (error: unknown) => console.warn('本地数据读取失败', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}

/** Whether the browser believes it has a network (a hint only: the sync itself is the real test). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}
