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
