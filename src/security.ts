/** Shared-secret checks (admin key, router secret), in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';

export function keyMatches(presented: unknown, expected: string | null | undefined): boolean {
  if (!expected || typeof presented !== 'string' || !presented) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
