// A token bucket per key (the token's id), in memory: `capacity` requests at once, refilled at
// capacity per minute. One process only; behind several processes each keeps its own buckets.

export type RateLimiter = {
  /** Take one request; `retryAfterSeconds` is set when the bucket is empty. */
  take(key: string, nowMs: number): { allowed: true } | { allowed: false; retryAfterSeconds: number };
};

export function createRateLimiter(perMinute: number): RateLimiter {
  const capacity = perMinute;
  const refillPerMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = 0;
  return {
    take(key, nowMs) {
      // Forget full buckets now and then, so idle tokens cost no memory.
      if (nowMs - lastSweep > 60_000) {
        lastSweep = nowMs;
        for (const [k, b] of buckets) if (b.tokens + (nowMs - b.at) * refillPerMs >= capacity) buckets.delete(k);
      }
      const bucket = buckets.get(key) ?? { tokens: capacity, at: nowMs };
      bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, nowMs - bucket.at) * refillPerMs);
      bucket.at = nowMs;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)) };
    },
  };
}

/** The default of `failedAuthPerMinute`: failed token look-ups allowed per client address per minute. */
export const DEFAULT_FAILED_AUTH_PER_MINUTE = 30;

export type FailureLimiter = {
  /** Whether `key` has used up its failures: `retryAfterSeconds` when it must wait, else `null`. Takes nothing. */
  blocked(key: string, nowMs: number): { retryAfterSeconds: number } | null;
  /** Count one failure of `key`. */
  fail(key: string, nowMs: number): void;
};

/**
 * Failed authentication per key (the client's address), in memory: `perMinute` failures at once,
 * refilled at `perMinute` per minute. Only failures are counted, so a client whose requests succeed
 * is never limited by it; an address that has used up its failures is refused before its token is
 * looked up (issue 15, defect 6: 55,109 unknown tokens in 10 s, each a database look-up). Per
 * process, like {@link createRateLimiter}: N instances allow N times as many failures in total.
 */
export function createFailureLimiter(perMinute: number): FailureLimiter {
  const refillPerMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (key: string, nowMs: number): number => {
    const bucket = buckets.get(key);
    return bucket === undefined ? perMinute : Math.min(perMinute, bucket.tokens + Math.max(0, nowMs - bucket.at) * refillPerMs);
  };
  let lastSweep = 0;
  return {
    blocked(key, nowMs) {
      const tokens = level(key, nowMs);
      return tokens >= 1 ? null : { retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000)) };
    },
    fail(key, nowMs) {
      // Forget refilled buckets now and then, so addresses seen once cost no memory.
      if (nowMs - lastSweep > 60_000) {
        lastSweep = nowMs;
        for (const k of [...buckets.keys()]) if (level(k, nowMs) >= perMinute) buckets.delete(k);
      }
      buckets.set(key, { tokens: level(key, nowMs) - 1, at: nowMs });
    },
  };
}
