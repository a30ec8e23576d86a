import { lazy, startTransition, Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import { useConnection } from '../../connection/connection-provider';
import { Progress } from '../../components/spinner';
import type { LabEntry } from '../../labs/types';
import type { QuestionPanelProps } from '../../study/components/question-panel';
import { findLab } from '../labs';
import { PanelBoundary } from '../panel-boundary';
import { GuidedBar, useDeepLink, usePresenterSteps } from '../classroom';

// Found by glob so that a lab without questions yet (or before the study engine lands) still builds.
const questionFiles = import.meta.glob<Record<string, unknown>>('../../labs/*/questions.ts');
const questionPanelFile = import.meta.glob<{ QuestionPanel: ComponentType<QuestionPanelProps> }>('../../study/components/question-panel.tsx');

const panels = new Map<string, ComponentType>();
function panelFor(entry: LabEntry): ComponentType {
  let P = panels.get(entry.id);
  if (!P) {
    P = lazy(async () => ({ default: (await entry.load()).default.Panel }));
    panels.set(entry.id, P);
  }
  return P;
}

const questionViews = new Map<string, ComponentType>();
function questionsFor(labId: string): ComponentType | undefined {
  const file = questionFiles[`../../labs/${labId}/questions.ts`];
  const panelLoader = Object.values(questionPanelFile)[0];
  if (!file || !panelLoader) return undefined;
  let V = questionViews.get(labId);
  if (!V) {
    V = lazy(async () => {
      // One after the other: each import's modules (the questions with zod and their experiments; then
      // the panel with the scheduler) are evaluated in a task of their own, not in one long one.
      const mod = await file();
      const { QuestionPanel } = await panelLoader();
      const questions = Object.values(mod).filter(Array.isArray).flat() as QuestionPanelProps['questions'];
      function LabQuestions() {
        const connection = useConnection();
        return <QuestionPanel labId={labId} questions={questions} connection={connection} />;
      }
      return { default: LabQuestions };
    });
    questionViews.set(labId, V);
  }
  return V;
}

/** True once the browser is idle (or after `timeoutMs`): the questions load after the panel's first work. */
function useWhenIdle(timeoutMs: number): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (typeof requestIdleCallback === 'function') {
      // A transition: the questions then render in slices, never as one long task.
      const h = requestIdleCallback(() => startTransition(() => setReady(true)), { timeout: timeoutMs });
      return () => cancelIdleCallback(h);
    }
    const t = setTimeout(() => startTransition(() => setReady(true)), 0);
    return () => clearTimeout(t);
  }, [timeoutMs]);
  return ready;
}

export function LabRoute({ id }: { id: string }) {
  const entry = findLab(id);
  const idle = useWhenIdle(1500);
  const root = useRef<HTMLElement>(null);
  useDeepLink(id, root);
  const presenting = usePresenterSteps(root);
  if (!entry) {
    return (
      <div>
        <h1 className="text-3xl font-bold">No such lab</h1>
        <p className="mt-2">
          There is no lab called “{id}”. <a className="underline" href="#/">See the labs</a>.
        </p>
      </div>
    );
  }
  const Panel = panelFor(entry);
  const Questions = questionsFor(entry.id);
  return (
    <article ref={root} aria-labelledby="lab-title" className="flex flex-col gap-6">
      <GuidedBar />
      <p aria-live="polite" className="sr-only">
        {presenting ? `Now: ${presenting}` : ''}
      </p>
      <header className="flex flex-col gap-1">
        <h1 id="lab-title" className="text-3xl font-bold tracking-tight">
          {entry.title}
        </h1>
        <p className="text-lg text-muted">{entry.summary}</p>
        <p className="text-sm text-muted">From: {entry.guideSection}</p>
      </header>
      <div className="grid items-start gap-6 2xl:grid-cols-[minmax(0,1fr)_28rem]">
        <section aria-label={`${entry.title} lab`} className="min-w-0">
          <PanelBoundary name={`the ${entry.title} lab`} resetKey={entry.id}>
            {/* The fallback holds a screen's height, so the questions below do not jump down when the panel arrives. */}
            <Suspense
              fallback={
                <div className="min-h-screen">
                  <Progress label={`Loading the ${entry.title} lab…`} />
                </div>
              }
            >
              <Panel />
            </Suspense>
          </PanelBoundary>
        </section>
        {/* relative + overflow-x-clip: the question list's visually hidden labels (absolutely placed) cannot widen the page on a phone. */}
        <aside aria-label="Questions" className="relative min-w-0 overflow-x-clip rounded-xl border border-line bg-surface p-4">
          {Questions && !idle ? (
            <Progress label="Loading the questions…" />
          ) : Questions ? (
            <PanelBoundary name="the questions" resetKey={entry.id}>
              <Suspense fallback={<Progress label="Loading the questions…" />}>
                <Questions />
              </Suspense>
            </PanelBoundary>
          ) : (
            <p className="text-muted">Questions for this lab are on their way.</p>
          )}
        </aside>
      </div>
    </article>
  );
}
