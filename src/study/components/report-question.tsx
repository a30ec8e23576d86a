import { useId, useState } from 'react';
import type { Question } from '../schema';

/** The short report a learner copies and sends to whoever runs the course. */
export function buildReport(question: Question, selected: readonly string[], backend: string | undefined, note: string): string {
  const chosen = selected.map((id) => question.options.find((o) => o.id === id)?.text ?? id);
  return [
    'KMS Study Lab: question report',
    `Item: ${question.id}`,
    `Your answer: ${chosen.length > 0 ? chosen.join(' | ') : '(none)'}`,
    `Backend: ${backend ?? '(none)'}`,
    `Note: ${note.trim() || '(none)'}`,
  ].join('\n');
}

/** "Report a problem": builds the report and copies it; nothing leaves the page by itself. */
export function ReportQuestion({ question, selected, backend }: { question: Question; selected: readonly string[]; backend?: string }) {
  const noteId = useId();
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  const report = buildReport(question, selected, backend, note);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(report);
      setStatus('Report copied. Paste it into a message to your teacher or course team.');
    } catch {
      setStatus('Could not copy by itself: select the report below and copy it.');
    }
  };
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-muted">Report a problem with this question</summary>
      <div className="mt-2 flex flex-col gap-2">
        <label htmlFor={noteId} className="font-medium">
          What is wrong?
        </label>
        <textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value.slice(0, 1000))} rows={2} className="rounded border border-line bg-surface p-1 text-fg" />
        <pre aria-label="Report text" className="whitespace-pre-wrap rounded border border-line bg-surface-2 p-2 font-mono text-xs">
          {report}
        </pre>
        <div className="flex items-center gap-2">
          <button
            type="button"
            onClick={() => void copy()}
            className="inline-flex items-center gap-2 rounded-lg border border-line bg-surface px-2.5 py-1 text-sm font-medium text-fg hover:bg-surface-2"
          >
            Copy the report
          </button>
          <p role="status">{status}</p>
        </div>
      </div>
    </details>
  );
}
