/**
 * Classroom mode: the header's Classroom menu (presenter mode, projector text, the guided run, the
 * reset between classes), and what a lab page does with them: deep links to a step with its inputs
 * filled in and to a question, arrow keys stepping through a lab's steps and questions, and the
 * guided run's bar.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useConnectionControls } from '../connection/connection-provider';
import { clearLabState } from '../lib/lab-state';
import { presentation, usePresentation } from '../lib/presentation';
import { GUIDED_RUN, guidedHref } from './guided-run';
import { findLab } from './labs';

const hasLab = (id: string) => findLab(id) !== undefined;

/** Projector type on the root element, so every page (and the inspector) scales with it. */
export function useProjectorType(): void {
  const p = usePresentation();
  const on = p.projector || p.presenter;
  useEffect(() => {
    document.documentElement.toggleAttribute('data-projector', on);
  }, [on]);
}

export function ClassroomMenu() {
  const p = usePresentation();
  const c = useConnectionControls();
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [done, setDone] = useState(false);
  const [confirmDemo, setConfirmDemo] = useState(false);
  const [loadingDemo, setLoadingDemo] = useState(false);
  const [demoMessage, setDemoMessage] = useState<string>();
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  async function reset() {
    setResetting(true);
    try {
      if (c.settings?.backend === 'sandbox') await c.resetSandbox();
      clearLabState();
      presentation.set({ presenter: false });
      setDone(true);
      window.location.hash = '/';
    } finally {
      setResetting(false);
      setConfirm(false);
    }
  }

  async function loadDemo() {
    setLoadingDemo(true);
    try {
      const { fetchDemoSeed } = await import('./demo-seed');
      const seed = await fetchDemoSeed();
      await c.importLab(seed.text);
      // Kept ciphertexts and ledgers name keys of the lab that was replaced.
      clearLabState();
      setDemoMessage(`The demo lab is loaded: ${seed.aliases.join(', ')}. Every load gives the same key ids.`);
    } catch (e) {
      setDemoMessage(`The demo lab was not loaded (${(e as Error).message}). The lab is as it was.`);
    } finally {
      setLoadingDemo(false);
      setConfirmDemo(false);
    }
  }

  const toggle = 'inline-flex items-center gap-2 text-sm';
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => {
          setOpen((o) => !o);
          setDone(false);
        }}
        className={`inline-flex h-10 items-center gap-2 rounded-lg border px-2.5 hover:bg-surface-2 ${p.presenter ? 'border-accent bg-accent-soft' : 'border-line bg-surface'}`}
      >
        Classroom{p.presenter ? ': presenting' : ''}
      </button>
      {open && (
        <div
          ref={panel}
          id={id}
          role="group"
          aria-label="Classroom"
          className="absolute right-0 z-30 mt-2 w-80 max-w-[calc(100vw-2rem)] space-y-3 rounded-lg border border-line bg-surface p-3 shadow-lg"
        >
          <label className={toggle}>
            <input type="checkbox" className="size-4" checked={p.presenter} onChange={(e) => presentation.set({ presenter: e.target.checked })} />
            Presenter mode
          </label>
          <p className="text-sm text-muted">
            Projector type, answers hidden until you reveal them, and the arrow keys step through a lab's sections and questions.
          </p>
          <label className={toggle}>
            <input type="checkbox" className="size-4" checked={p.projector || p.presenter} disabled={p.presenter} onChange={(e) => presentation.set({ projector: e.target.checked })} />
            Projector text (larger type, code as large as prose)
          </label>
          <a className="block text-sm font-medium underline" href={guidedHref(1, hasLab)} onClick={() => setOpen(false)}>
            Start the guided run of the guide's lab (Part I to clean-up)
          </a>
          {c.settings?.backend === 'sandbox' && (
            <div className="border-t border-line pt-2">
              {confirmDemo ? (
                <div className="space-y-2 text-sm">
                  <p>Replace this browser's sandbox with the demo lab (three practice keys under alias/lab-demo-…, the same ids on every load)?</p>
                  <div className="flex gap-2">
                    <button type="button" disabled={loadingDemo} onClick={() => void loadDemo()} className="rounded-lg border border-accent px-2 py-1 font-medium">
                      {loadingDemo ? 'Loading…' : 'Yes, load the demo lab'}
                    </button>
                    <button type="button" onClick={() => setConfirmDemo(false)} className="rounded-lg border border-line px-2 py-1">
                      Cancel
                    </button>
                  </div>
                </div>
              ) : (
                <button
                  type="button"
                  onClick={() => {
                    setConfirmDemo(true);
                    setDemoMessage(undefined);
                  }}
                  className="text-sm font-medium underline"
                >
                  Load the demo lab
                </button>
              )}
              {demoMessage && (
                <p role="status" className="mt-1 text-sm">
                  {demoMessage}
                </p>
              )}
            </div>
          )}
          <div className="border-t border-line pt-2">
            {confirm ? (
              <div className="space-y-2 text-sm">
                <p>Delete every key, alias, ciphertext and trail event of this browser's sandbox and leave presenter mode?</p>
                <div className="flex gap-2">
                  <button type="button" disabled={resetting} onClick={() => void reset()} className="rounded-lg border border-danger px-2 py-1 font-medium text-danger">
                    {resetting ? 'Resetting…' : 'Yes, reset for the next class'}
                  </button>
                  <button type="button" onClick={() => setConfirm(false)} className="rounded-lg border border-line px-2 py-1">
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" onClick={() => setConfirm(true)} className="text-sm font-medium text-danger underline">
                Reset the lab between classes
              </button>
            )}
            {done && (
              <p role="status" className="mt-1 text-sm">
                The lab is reset.
              </p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function query(): URLSearchParams {
  const q = window.location.hash.indexOf('?');
  return new URLSearchParams(q >= 0 ? window.location.hash.slice(q + 1) : '');
}

/** Sets a React-controlled input's value as typing would (React listens for the input event). */
function fill(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

function waitFor<T>(find: () => T | null | undefined, ms = 8000): Promise<T | undefined> {
  return new Promise((resolve) => {
    const start = Date.now();
    const tick = () => {
      const v = find();
      if (v) return resolve(v);
      if (Date.now() - start > ms) return resolve(undefined);
      requestAnimationFrame(tick);
    };
    tick();
  });
}

function bringTo(el: HTMLElement): void {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.scrollIntoView({ block: 'start' });
  el.focus({ preventScroll: true });
}

/**
 * Deep links: `#/labs/<id>?step=<section>&in.<label>=<value>&q=<question id>`. The section is a
 * heading id without "-heading"; each `in.` parameter fills the input with that label inside it.
 */
export function useDeepLink(labId: string, region: React.RefObject<HTMLElement | null>): void {
  const hash = typeof window === 'undefined' ? '' : window.location.hash;
  useEffect(() => {
    const q = query();
    const step = q.get('step');
    const question = q.get('q');
    let cancelled = false;
    void (async () => {
      if (step) {
        const heading = await waitFor(() => region.current?.querySelector<HTMLElement>(`#${CSS.escape(step)}-heading`));
        if (!heading || cancelled) return;
        const section = heading.closest('section') ?? heading.parentElement;
        for (const [k, v] of q) {
          if (!k.startsWith('in.') || !section) continue;
          const label = [...section.querySelectorAll('label')].find((l) => l.textContent?.trim() === k.slice(3));
          const el = label?.htmlFor ? document.getElementById(label.htmlFor) : label?.querySelector('input,textarea,select');
          if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) fill(el, v);
        }
        bringTo(heading);
      }
      if (question) {
        const anchor = await waitFor(() => document.getElementById(`q-${question}`), 15000);
        if (anchor && !cancelled) bringTo(anchor);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [labId, hash, region]);
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Presenter mode: the arrow keys (and Page Up/Down) step through the lab's sections, then its questions. */
export function usePresenterSteps(root: React.RefObject<HTMLElement | null>): string | undefined {
  const { presenter } = usePresentation();
  const [current, setCurrent] = useState<string>();
  useEffect(() => {
    if (!presenter) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const forward = e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'PageDown';
      const back = e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'PageUp';
      if (!forward && !back) return;
      const stops = [...(root.current?.querySelectorAll<HTMLElement>('[aria-label$=" lab"] h2, [id^="q-"]') ?? [])];
      if (stops.length === 0) return;
      e.preventDefault();
      const active = document.activeElement;
      let i = stops.findIndex((s) => s === active || s.contains(active));
      if (i < 0) {
        // Start from the first stop at or below the top of the screen.
        i = stops.findIndex((s) => s.getBoundingClientRect().top >= 0) - (forward ? 1 : 0);
      }
      const next = stops[Math.max(0, Math.min(stops.length - 1, i + (forward ? 1 : -1)))];
      if (!next) return;
      bringTo(next);
      setCurrent(next.textContent?.trim().slice(0, 120) ?? '');
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [presenter, root]);
  return presenter ? current : undefined;
}

/** The guided run's bar on a lab page opened from it (`guided=<n>`). */
export function GuidedBar() {
  const n = Number(query().get('guided') ?? '');
  const step = GUIDED_RUN[n - 1];
  if (!Number.isInteger(n) || !step) return null;
  const fallback = !hasLab(step.lab) ? step.fallback : undefined;
  return (
    <nav aria-label="Guided run" className="rounded-xl border border-accent bg-accent-soft p-3">
      <p className="text-sm font-semibold">
        Guided run of the guide's lab — step {n} of {GUIDED_RUN.length}
      </p>
      <p className="mt-1 font-medium">{step.guide}</p>
      <p className="mt-1 text-sm">{step.doThis}</p>
      {fallback && <p className="mt-1 text-sm">{fallback.note}</p>}
      <div className="mt-2 flex flex-wrap gap-3 text-sm">
        {n > 1 && (
          <a className="underline" href={guidedHref(n - 1, hasLab)}>
            Previous: {GUIDED_RUN[n - 2]?.guide}
          </a>
        )}
        {n < GUIDED_RUN.length ? (
          <a className="font-medium underline" href={guidedHref(n + 1, hasLab)}>
            Next: {GUIDED_RUN[n]?.guide}
          </a>
        ) : (
          <a className="font-medium underline" href="#/">
            Finish the guided run
          </a>
        )}
      </div>
    </nav>
  );
}
