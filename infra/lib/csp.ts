/**
 * The Content-Security-Policy of the static site: one source for the meta tag in the build
 * (vite.config.ts) and the response header of the template's CloudFront distribution
 * (infra/template.src.yaml, checked against this by infra/__tests__/template.test.ts).
 *
 * - no inline script or style: `script-src 'self'`, `style-src 'self'`;
 * - `worker-src 'self'`: the service worker and the sandbox's module workers, same origin only;
 * - `connect-src`: the page's origin, AWS's endpoints, loopback (the endpoint backend against
 *   LocalStack or moto on this machine) and any endpoint named in lab-config.json.
 */
export const LOOPBACK_CONNECT_SRC = ['http://127.0.0.1:*', 'http://localhost:*'] as const;

export interface CspOptions {
  /** Origins beyond the fixed ones (the endpoint named in lab-config.json). */
  extraConnectSrc?: readonly string[];
  /** frame-ancestors only works in a header; a meta tag must leave it out (browsers warn). */
  header?: boolean;
}

export function buildCsp(opts: CspOptions = {}): string {
  const connect = ["'self'", 'https://*.amazonaws.com', ...LOOPBACK_CONNECT_SRC, ...(opts.extraConnectSrc ?? [])];
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
  if (opts.header) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

/** The endpoint origin a lab-config.json names, if it is not already allowed (loopback, AWS). */
export function endpointOrigin(labConfig: unknown): string | undefined {
  if (!labConfig || typeof labConfig !== 'object') return undefined;
  const endpoint = (labConfig as Record<string, unknown>).endpoint;
  if (typeof endpoint !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol)) return undefined;
  if (['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol === 'http:') return undefined;
  if (url.protocol === 'https:' && url.hostname.endsWith('.amazonaws.com')) return undefined;
  return url.origin;
}
