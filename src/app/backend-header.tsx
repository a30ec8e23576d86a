import { useState } from 'react';
import { useConnectionControls } from '../connection/connection-provider';
import { backendLabel } from '../connection/settings';
import { isPagePrincipal, PAGE_PRINCIPALS, principalInfo } from '../connection/principals';

const DAY = 86_400_000;

function shortId(id: string): string {
  // Pool-scoped ids are long (us-east-1:<uuid>): keep the region and the first block.
  const m = /^([\w-]+):([0-9a-f]{8})[0-9a-f-]*$/.exec(id);
  return m ? `${m[1]}:${m[2]}…` : id;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "4 Dec 2026" in UTC. Built by hand: the first Intl date formatter of a page loads ICU's data,
 * which cost ~0.1 s of the page's thread while the header first rendered.
 */
export function formatSimulatedDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Backend, region, identity and (on the sandbox) the simulated date with a control to move it. */
export function BackendHeader() {
  const c = useConnectionControls();
  const [busy, setBusy] = useState(false);
  const s = c.settings;
  const offsetDays = c.simulatedNow === undefined ? 0 : Math.round((c.simulatedNow - Date.now()) / DAY);
  const advance = async (days: number) => {
    setBusy(true);
    try {
      await c.advanceDays(days);
    } finally {
      setBusy(false);
    }
  };
  const item = 'flex flex-col leading-tight';
  const dt = 'text-xs font-medium tracking-wide text-muted uppercase';
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <dl aria-label="Connection" className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className={item}>
          <dt className={dt}>Backend</dt>
          <dd className="font-semibold">{s ? backendLabel(s.backend) : '…'}</dd>
        </div>
        <div className={item}>
          <dt className={dt}>Region</dt>
          <dd className="font-mono text-sm 2xl:text-[0.95rem]">{s?.region ?? '…'}</dd>
        </div>
        <div className={item}>
          <dt className={dt}>Identity</dt>
          <dd className="font-mono text-sm 2xl:text-[0.95rem]" title={c.principalArn ?? c.identityId}>
            {c.identityId ? shortId(c.identityId) : c.identityError ? <span className="text-danger">not available</span> : 'connecting…'}
          </dd>
        </div>
        {/* Below 2xl the "Act as" menu beside it names the principal (its title gives the ARN), so the
            header keeps one row at 1280 px; this fuller item shows on wider screens. */}
        <div className={`${item} hidden min-[2200px]:flex`}>
          <dt className={dt}>Calls run as</dt>
          <dd className="text-[0.95rem]" data-testid="calls-run-as" title={c.callerArn}>
            <span className="font-semibold">{principalInfo(c.principal).label}</span>
            {c.callerAccount && c.callerAccount !== '-' && <span className="text-muted"> · account {c.callerAccount}</span>}
            {c.callerArn && (
              // The full ARN on wide screens; below that it is the item's tooltip, so the header stays one row at 1280 px.
              <span className="hidden max-w-[22rem] truncate font-mono text-xs text-muted min-[2200px]:block">
                {c.callerArn}
              </span>
            )}
          </dd>
        </div>
        {s?.backend === 'sandbox' && (
          <div className={item}>
            <dt className={dt}>
              <span className="sr-only 2xl:not-sr-only">Simulated date</span>
              <span aria-hidden="true" className="2xl:hidden">
                Sim. date
              </span>
            </dt>
            <dd>
              {c.simulatedNow === undefined ? (
                '…'
              ) : (
                <>
                  <time dateTime={new Date(c.simulatedNow).toISOString()}>{formatSimulatedDate(c.simulatedNow)}</time>
                  {offsetDays > 0 && <span className="ml-1.5 rounded bg-warn-soft px-1.5 text-sm text-warn">+{offsetDays} days</span>}
                </>
              )}
            </dd>
          </div>
        )}
      </dl>
      {!s && (
        // Until the settings are read: the "Act as" menu's room, held empty, so the header does not grow (a layout shift) when it appears.
        <div aria-hidden="true" className="invisible flex flex-col leading-tight">
          <span className={dt}>Act as</span>
          <select disabled tabIndex={-1} className="rounded-lg border border-line px-1.5 py-1 text-sm">
            <option>…</option>
          </select>
        </div>
      )}
      {s && (
        <div className="flex flex-col leading-tight">
          <label htmlFor="principal-switcher" className={dt}>
            Act as
          </label>
          {s.backend === 'sandbox' ? (
            <select
              id="principal-switcher"
              value={c.principal}
              onChange={(e) => {
                if (isPagePrincipal(e.target.value)) c.setPrincipal(e.target.value);
              }}
              title={c.callerArn ? `Calls run as ${c.callerArn}` : undefined}
              className="max-w-[min(7rem,calc(100vw-3rem))] rounded-lg border border-line bg-surface px-1.5 py-1 text-sm 2xl:max-w-[12rem] min-[2200px]:max-w-[16rem]"
            >
              {PAGE_PRINCIPALS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                  {p.account ? ` (${p.account})` : ''}
                </option>
              ))}
            </select>
          ) : (
            <select id="principal-switcher" disabled value="self" aria-describedby="principal-switcher-note" className="max-w-[min(16rem,calc(100vw-3rem))] rounded-lg border border-line bg-surface px-2 py-1 text-sm">
              <option value="self">Your identity</option>
            </select>
          )}
          {s.backend !== 'sandbox' && (
            <span id="principal-switcher-note" className="max-w-[16rem] text-xs text-muted">
              Acting as another principal is sandbox-only: the demo roles exist only there.
            </span>
          )}
        </div>
      )}
      {s?.backend === 'sandbox' && c.simulatedNow !== undefined && (
        <div role="group" aria-label="Move the simulated clock forward" className="flex gap-1">
          {[30, 365].map((d) => (
            <button
              key={d}
              type="button"
              disabled={busy}
              onClick={() => void advance(d)}
              className="whitespace-nowrap rounded-lg border border-line bg-surface px-2 py-1 text-sm hover:bg-surface-2 disabled:opacity-60"
              // The accessible name starts with the visible label (WCAG 2.5.3).
              aria-label={`+${d} days: advance the simulated clock by ${d} days`}
            >
              +{d}
              {/* Below 2xl the unit goes, so the header keeps one row at 1280 px; the name still starts with what shows. */}
              <span className="hidden 2xl:inline"> days</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
