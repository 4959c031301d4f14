/** What the server puts in a token, and the only shape it accepts back. */
export interface TokenPayload {
  sub: string;
  role: string;
  /** The user's token version when it was issued; a revocation bumps the user's, so older tokens fail. */
  tv: number;
  iat: number;
  exp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Clocks of replicas may differ a little; a token issued further in the future than this is forged. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * A verified token's claims, or null when any is missing or malformed: a token signed with the secret but
 * without `sub` must not fall through to "the first user" (it authenticated as the admin).
 */
export function validClaims(payload: unknown, nowSeconds: number): TokenPayload | null {
  if (!payload || typeof payload !== 'object') return null;
  const claims = payload as Record<string, unknown>;
  if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) return null;
  if (!Number.isInteger(claims.tv) || (claims.tv as number) < 1) return null;
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return null;
  if (typeof claims.iat !== 'number' || claims.iat > nowSeconds + CLOCK_SKEW_SECONDS) return null;
  if (claims.iat >= claims.exp) return null;
  return claims as unknown as TokenPayload;
}
