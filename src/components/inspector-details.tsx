import { useState } from 'react';
import { explainError } from '../connection/explainer';
import type { InspectorEntry, WireMessage } from '../connection/inspector-store';
import { RENDERERS } from '../connection/renderers';
import { CodeBlock } from './code-block';
import { formatMs } from './format';

function wireText(m: WireMessage | undefined, kind: 'request' | 'response'): string {
  if (!m) return kind === 'request' ? '(not sent)' : '(no response)';
  const first = kind === 'request' ? `${m.method ?? ''} ${m.url ?? ''}` : `HTTP ${m.status ?? ''}`;
  const headers = Object.entries(m.headers).map(([k, v]) => `${k}: ${v}`);
  return [first, ...headers, '', m.body ?? ''].join('\n');
}

type Tab = 'cli' | 'boto3' | 'js' | 'request' | 'response' | 'input';

const TABS: { id: Tab; label: string }[] = [
  ...RENDERERS.map((r) => ({ id: r.id, label: r.label })),
  { id: 'input', label: 'Input / output' },
  { id: 'request', label: 'Request' },
  { id: 'response', label: 'Response' },
];

function ErrorLine({ entry }: { entry: InspectorEntry }) {
  const x = explainError({ name: entry.error?.name, message: entry.error?.message, $metadata: { httpStatusCode: entry.error?.httpStatus } }, { operation: entry.operation });
  return (
    <p className="mt-1 text-sm">
      <span className="font-semibold">{x.title}.</span> {x.trap ? <span className="text-muted">Exam trap {x.trap.number}: {x.trap.title}.</span> : null}
    </p>
  );
}

export function InspectorDetails({ entry }: { entry: InspectorEntry }) {
  const [tab, setTab] = useState<Tab>('cli');
  const renderer = RENDERERS.find((r) => r.id === tab);
  let body: { code: string; label: string };
  if (renderer) body = { code: renderer.render(entry), label: renderer.label };
  else if (tab === 'request') body = { code: wireText(entry.request, 'request'), label: 'HTTP request (signed)' };
  else if (tab === 'response') body = { code: wireText(entry.response, 'response'), label: 'HTTP response' };
  else
    body = {
      code: JSON.stringify({ input: entry.input, ...(entry.error ? { error: entry.error } : { output: entry.output }) }, null, 2),
      label: 'SDK input and output',
    };
  return (
    <section aria-label={`${entry.service} ${entry.operation}`} className="flex flex-col gap-3">
      <div>
        <h3 className="text-lg font-semibold">
          {entry.service} {entry.operation}
        </h3>
        <p className="text-sm text-muted">
          {entry.backend} · {entry.region}
          {entry.account && entry.account !== '-' ? ` · account ${entry.account}` : ''}
          {entry.principal ? ` · as ${entry.principal}` : ''} · {formatMs(entry.durationMs)} ·{' '}
          {entry.status === 'error' ? <span className="text-danger">{entry.error?.name}</span> : entry.status}
          {entry.error?.httpStatus ? ` (HTTP ${entry.error.httpStatus})` : ''}
        </p>
        {entry.error && <p className="mt-1 font-mono text-sm break-words">{entry.error.message}</p>}
        {entry.attempts && entry.attempts.length > 1 && (
          <div className="mt-2">
            <p className="text-sm font-medium">
              {entry.attempts.length} attempts: the SDK retried with backoff (standard retry mode)
            </p>
            <ol aria-label="Attempts" className="ml-5 list-decimal text-sm">
              {entry.attempts.map((a, i) => (
                <li key={i}>
                  sent at +{a.atMs} ms · {a.status === undefined ? 'no response' : `HTTP ${a.status}`}
                  {a.code ? ` · ${a.code}` : ''}
                </li>
              ))}
            </ol>
          </div>
        )}
        {entry.error && <ErrorLine entry={entry} />}
      </div>
      <div role="tablist" aria-label="Show the call as" className="flex flex-wrap gap-1">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
            className={`rounded-lg border px-3 py-1 text-sm ${tab === t.id ? 'border-accent bg-accent text-accent-fg' : 'border-line hover:bg-surface-2'}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={body.label}>
        <CodeBlock code={body.code} label={body.label} />
      </div>
    </section>
  );
}
