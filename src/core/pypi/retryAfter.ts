/**
 * Seconds to wait from a `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.
 * Undefined when the header is missing or unreadable, so the caller can say "later" instead of a made-up number.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // Only a date-looking value: Date.parse accepts bare numbers like "-5" or "1.5" as years, which would be nonsense.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const when = Date.parse(text);
  if (Number.isNaN(when)) return undefined;
  return Math.max(0, Math.ceil((when - now) / 1000));
}
