import type { ServedByRule } from '../common/http/served-by';

export interface RouteRule extends ServedByRule {
  method: string;
  /** The route's path as Nest registered it, e.g. `/api/v1/households/:id`. */
  path: string;
}

interface Compiled extends RouteRule {
  segments: string[];
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Which process serves a request in a cluster on SQLite: reads here, writes at the writer, except the routes
 * marked @ServedBy (common/http/served-by.ts). Matched by path segments (`:name` matches one segment), the way the
 * routes are declared.
 */
export class RouteTable {
  private readonly rules: Compiled[];

  constructor(rules: RouteRule[]) {
    this.rules = rules.map((rule) => ({
      ...rule,
      method: rule.method.toUpperCase(),
      segments: split(rule.path),
    }));
  }

  servedBy(method: string, path: string, query: Record<string, unknown>): 'reader' | 'writer' {
    const upper = method.toUpperCase();
    const segments = split(path);
    const rule = this.rules.find((r) => r.method === upper && matches(r.segments, segments));
    const byMethod = READS.has(upper) ? 'reader' : 'writer';
    if (!rule) return byMethod;
    if (rule.whenQuery && query[rule.whenQuery] !== 'true') return byMethod;
    return rule.by;
  }
}

function split(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function matches(pattern: string[], segments: string[]): boolean {
  return (
    pattern.length === segments.length &&
    pattern.every((part, i) => (part.startsWith(':') ? segments[i].length > 0 : part === segments[i]))
  );
}
