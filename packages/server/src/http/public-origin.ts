/**
 * The Host header is checked against the origins this server is published as (MEDBILL_PUBLIC_ORIGIN), so a
 * page on another domain that resolves its own name to this server (DNS rebinding) is refused, and links or
 * cookies are never made for a host an attacker chose. Loopback names are always answered: a browser cannot
 * send them for someone else's domain, and the demo runs on 127.0.0.1.
 */
export interface PublicOrigin {
  /** `host[:port]` as a browser sends it in the Host header (no port when it is the scheme's default) */
  host: string;
  /** the same host with the scheme's default port written out, which some clients send */
  hostWithPort: string;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** MEDBILL_PUBLIC_ORIGIN: comma-separated origins such as `https://billing.example.org`. */
export function parsePublicOrigins(value: string | undefined): PublicOrigin[] {
  if (!value?.trim()) return [];
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => {
      let url: URL;
      try {
        url = new URL(v);
      } catch {
        throw new Error(`MEDBILL_PUBLIC_ORIGIN: "${v}" is not an origin like https://billing.example.org`);
      }
      if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.username)
        throw new Error(`MEDBILL_PUBLIC_ORIGIN: "${v}" is not an origin like https://billing.example.org`);
      const port = url.port || (url.protocol === 'https:' ? '443' : '80');
      return { host: url.host.toLowerCase(), hostWithPort: `${url.hostname.toLowerCase()}:${port}` };
    });
}

export function hostAllowed(host: string | undefined, origins: readonly PublicOrigin[] = []): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  let hostname: string;
  try {
    hostname = new URL(`http://${h}`).hostname;
  } catch {
    return false;
  }
  if (LOOPBACK.test(hostname)) return true;
  return origins.some((o) => o.host === h || o.hostWithPort === h);
}
