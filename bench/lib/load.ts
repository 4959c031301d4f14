import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface LoadResult {
  label: string;
  connections: number;
  seconds: number;
  completed: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
}

/**
 * One autocannon run against 127.0.0.1, bounded in time (`seconds`) and in count (`maxRequests`). Latency
 * percentiles come from every response's own time (autocannon's summary has no p95).
 */
export function runLoad(options: {
  label: string;
  port: number;
  connections: number;
  seconds: number;
  maxRequests: number;
  headers: Record<string, string>;
  next: () => LoadRequest;
}): Promise<LoadResult> {
  const latencies = new Float64Array(options.maxRequests + options.connections);
  let count = 0;
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${options.port}`,
        connections: options.connections,
        duration: options.seconds,
        maxOverallRequests: options.maxRequests,
        timeout: 10,
        headers: { 'content-type': 'application/json', ...options.headers },
        requests: [
          {
            setupRequest: (request) => {
              const next = options.next();
              return { ...request, method: next.method, path: next.path, body: next.body };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const sorted = latencies.subarray(0, count).sort();
        const at = (q: number) => (count ? sorted[Math.min(count - 1, Math.floor(q * count))] : NaN);
        const seconds = result.duration;
        resolve({
          label: options.label,
          connections: options.connections,
          seconds,
          completed: count,
          requestsPerSecond: count / seconds,
          p50: at(0.5),
          p95: at(0.95),
          p99: at(0.99),
          max: count ? sorted[count - 1] : NaN,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statuses,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      if (count < latencies.length) latencies[count++] = responseTime;
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

export const formatMs = (ms: number): string =>
  Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
