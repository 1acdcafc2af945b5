/**
 * Brute-force brake (SECURITY.md B1): from the 11th failure in 15 minutes for one user name, or more
 * than 60 attempts a minute from one address, log-in answers 429. Kept in memory: one server process.
 */
const ACCOUNT_WINDOW_MS = 15 * 60 * 1000;
const ACCOUNT_MAX_FAILURES = 10;
const IP_WINDOW_MS = 60 * 1000;
const IP_MAX_ATTEMPTS = 60;

export class LoginThrottle {
  #failures = new Map<string, number[]>();
  #attempts = new Map<string, number[]>();

  #recent(map: Map<string, number[]>, key: string, windowMs: number, now: number): number[] {
    const kept = (map.get(key) ?? []).filter((t) => now - t < windowMs);
    if (kept.length) map.set(key, kept);
    else map.delete(key);
    return kept;
  }

  /** Counts this attempt; true when it must be refused. */
  refuse(username: string, ip: string, now = Date.now()): boolean {
    const attempts = this.#recent(this.#attempts, ip, IP_WINDOW_MS, now);
    attempts.push(now);
    this.#attempts.set(ip, attempts);
    if (attempts.length > IP_MAX_ATTEMPTS) return true;
    return this.#recent(this.#failures, username.toLowerCase(), ACCOUNT_WINDOW_MS, now).length >= ACCOUNT_MAX_FAILURES;
  }

  failed(username: string, now = Date.now()): void {
    const key = username.toLowerCase();
    const list = this.#recent(this.#failures, key, ACCOUNT_WINDOW_MS, now);
    list.push(now);
    this.#failures.set(key, list);
  }

  succeeded(username: string): void {
    this.#failures.delete(username.toLowerCase());
  }
}
