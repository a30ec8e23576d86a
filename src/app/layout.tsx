import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useConnectionControls } from '../connection/connection-provider';
import { inspector } from '../connection/inspector-store';
import { InspectorDrawer } from '../components/inspector-drawer';
import { Progress } from '../components/spinner';
import { ThemeToggle } from '../components/theme-toggle';
import { downloadText } from '../lib/download';
import { atMostEvery } from '../lib/throttle';
import { BackendHeader } from './backend-header';
import { ClassroomMenu, useProjectorType } from './classroom';
import { labs } from './labs';
import { PanelBoundary } from './panel-boundary';
import { UpdatePrompt } from './update-prompt';
import { NavLink, useRoute, type Route } from './router';
import { LabRoute } from './routes/lab';
import { StartPage } from './routes/start';
import { frame, SiteLogo, SiteNav } from './site-nav';

const TrailPage = lazy(() => import('./routes/trail'));
const SettingsPage = lazy(() => import('./routes/settings'));
const StudyPages = {
  study: lazy(() => import('./routes/study-pages').then((m) => ({ default: m.StudyRoute }))),
  exam: lazy(() => import('./routes/study-pages').then((m) => ({ default: m.ExamRoute }))),
  class: lazy(() => import('./routes/study-pages').then((m) => ({ default: m.ClassRoute }))),
};
const studyTitles = { study: 'Study', exam: 'Exam practice set', class: 'Class results' } as const;

function titleOf(route: Route): string {
  switch (route.name) {
    case 'start':
      return 'KMS Study Lab';
    case 'lab':
      return `${labs.find((l) => l.id === route.id)?.title ?? 'Lab'} · KMS Study Lab`;
    case 'trail':
      return 'Audit trail · KMS Study Lab';
    case 'settings':
      return 'Settings · KMS Study Lab';
    case 'study':
    case 'exam':
    case 'class':
      return `${studyTitles[route.name]} · KMS Study Lab`;
    case 'not-found':
      return 'Not found · KMS Study Lab';
  }
}

function Notices() {
  const c = useConnectionControls();
  const [resetting, setResetting] = useState(false);
  const [nothing, setNothing] = useState(false);
  return (
    <>
      {c.sandboxProblem && (
        <div role="alert" className="border-b border-danger bg-danger-soft px-6 py-3">
          <p className="font-semibold text-danger">The sandbox’s saved lab cannot be read.</p>
          <p className="mt-1">{c.sandboxProblem.message}</p>
          <p className="mt-1 text-sm text-muted">Resetting empties the sandbox in this browser (keys, aliases, trail). Your study progress is kept.</p>
          <p className="mt-1 text-sm text-muted">Before resetting, you can download what can still be read (keys, aliases, trail) as a lab export.</p>
          <button
            type="button"
            onClick={() => {
              void c.sandboxProblem?.exportReadable().then((text) => {
                if (text) downloadText('kms-study-lab-recovered.json', text);
                else setNothing(true);
              });
            }}
            className="mt-2 mr-2 rounded-lg border border-line bg-surface px-3 py-1.5 font-medium hover:bg-surface-2"
          >
            Export what can be read
          </button>
          {nothing && <p className="mt-1 text-sm">Nothing in the saved lab can be read.</p>}
          <button
            type="button"
            disabled={resetting}
            onClick={() => {
              setResetting(true);
              void c.sandboxProblem?.recover().finally(() => setResetting(false));
            }}
            className="mt-2 rounded-lg border border-danger bg-surface px-3 py-1.5 font-medium text-danger hover:bg-danger-soft"
          >
            {resetting ? 'Resetting…' : 'Reset the sandbox'}
          </button>
        </div>
      )}
      {c.notices.length > 0 && (
        <ul aria-label="Notices" className="border-b border-line bg-warn-soft px-6 py-2">
          {c.notices.map((n, i) => (
            <li key={n} className="flex items-start justify-between gap-4 py-1">
              <span>{n}</span>
              <button type="button" className="shrink-0 text-sm underline" onClick={() => c.dismissNotice(i)}>
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
      {c.identityError && (
        <p role="status" className="border-b border-line bg-danger-soft px-6 py-2">
          Could not get credentials: <span className="font-mono text-sm">{c.identityError}</span>. Check the{' '}
          <a className="underline" href="#/settings">
            settings
          </a>
          .
        </p>
      )}
    </>
  );
}

function RouteContent({ route }: { route: Route }) {
  switch (route.name) {
    case 'start':
      return <StartPage />;
    case 'lab':
      return <LabRoute id={route.id} />;
    case 'trail':
      return (
        <PanelBoundary name="the audit trail">
          <Suspense fallback={<Progress label="Loading the audit trail…" />}>
            <TrailPage />
          </Suspense>
        </PanelBoundary>
      );
    case 'settings':
      return (
        <PanelBoundary name="the settings">
          <Suspense fallback={<Progress label="Loading the settings…" />}>
            <SettingsPage />
          </Suspense>
        </PanelBoundary>
      );
    case 'study':
    case 'exam':
    case 'class': {
      const Page = StudyPages[route.name];
      return (
        <PanelBoundary name={`the ${studyTitles[route.name].toLowerCase()} page`}>
          <Suspense fallback={<Progress label="Loading…" />}>
            <Page />
          </Suspense>
        </PanelBoundary>
      );
    }
    case 'not-found':
      return (
        <div>
          <h1 className="text-3xl font-bold">Nothing here</h1>
          <p className="mt-2">
            There is no page at <code className="font-mono">{route.path}</code>. <a className="underline" href="#/">Go to the start page</a>.
          </p>
        </div>
      );
  }
}

/**
 * The badge shows a new count at most this often. Each count it shows is a new frame for the browser
 * to draw, and a long job makes many calls: the envelope lab's 256 MiB upload made about 35 in seven
 * seconds, and drawing them cost Chromium's compositor about 0.5 s of CPU per job (docs/envelope.md,
 * "The page during a job"), time taken from the encryption and the store on a two-core machine.
 */
export const CALL_COUNT_EVERY_MS = 1000;

/**
 * The inspector button's count of recorded calls. Its own component: every SDK call adds an entry,
 * and only this badge (not the whole page under the layout) should render again for it. The first
 * call after a quiet second shows at once; calls that follow within CALL_COUNT_EVERY_MS show together
 * at its end.
 */
function CallCount() {
  const [calls, setCalls] = useState(() => inspector.entries().length);
  useEffect(() => {
    const show = atMostEvery(CALL_COUNT_EVERY_MS, () => setCalls(inspector.entries().length));
    const unsubscribe = inspector.subscribe(show.call);
    // Calls recorded before this subscribed.
    setCalls(inspector.entries().length);
    return () => {
      unsubscribe();
      show.cancel();
    };
  }, []);
  return (
    <span className="rounded-full bg-surface-2 px-2 text-sm tabular-nums" aria-label={`${calls} calls`}>
      {calls}
    </span>
  );
}

/** The header's height as the CSS variable --header-h, kept current: the side navigation sticks just under it (site-nav.tsx). */
function useHeaderHeight(header: React.RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = header.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const set = () => root.style.setProperty('--header-h', `${el.offsetHeight}px`);
    set();
    const ro = new ResizeObserver(set);
    ro.observe(el);
    return () => ro.disconnect();
  }, [header]);
}

export function Layout() {
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const headerRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  const [inspectorOpen, setInspectorOpen] = useState(false);
  const inspectorButton = useRef<HTMLButtonElement>(null);
  // Focus goes back to the button that opened the drawer.
  const closeInspector = useCallback(() => {
    setInspectorOpen(false);
    inspectorButton.current?.focus();
  }, []);

  useProjectorType();
  useHeaderHeight(headerRef);
  const routeKey = route.name === 'lab' ? `lab:${route.id}` : route.name;
  useEffect(() => {
    document.title = titleOf(route);
    // After a navigation (not the first load), start at the top of the new page with focus on it, as
    // a full load would. Focus alone scrolled the window to the main column (under the sticky header),
    // and the side navigation, sticky in its column, then moved as the new panel loaded: a link
    // clicked in that moment was not the link under the pointer any more.
    if (first.current) first.current = false;
    else {
      mainRef.current?.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeKey]);

  return (
    <div className={frame.page}>
      <a
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
        className="sr-only z-50 rounded-lg bg-accent px-3 py-2 text-accent-fg focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header ref={headerRef} className={frame.header}>
        <div className={frame.headerRow}>
          <SiteLogo />
          <BackendHeader />
          <div className="flex items-center gap-1.5">
            <button
              ref={inspectorButton}
              type="button"
              aria-expanded={inspectorOpen}
              onClick={() => setInspectorOpen((o) => !o)}
              className="inline-flex h-10 items-center gap-1.5 rounded-lg border border-line bg-surface px-2.5 hover:bg-surface-2"
            >
              Inspector
              <CallCount />
            </button>
            <ClassroomMenu />
            <ThemeToggle />
          </div>
        </div>
        <Notices />
        <UpdatePrompt />
      </header>
      <div className={frame.body}>
        <div className={frame.side}>
          <div className={frame.sideInner}>
            <SiteNav Link={NavLink} />
          </div>
        </div>
        <main id="main" ref={mainRef} tabIndex={-1} className={frame.main}>
          <RouteContent route={route} />
        </main>
      </div>
      <InspectorDrawer open={inspectorOpen} onClose={closeInspector} />
    </div>
  );
}
