import { useState } from 'react';

/** Preformatted code with a label and a copy button. */
export function CodeBlock({ code, label, language }: { code: string; label?: string; language?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      /* clipboard unavailable (insecure context): the text stays selectable */
    }
  };
  return (
    <figure className="overflow-hidden rounded-lg border border-line bg-surface-2">
      {(label || language) && (
        <figcaption className="flex items-center justify-between gap-2 border-b border-line px-3 py-1.5 text-sm text-muted">
          <span>{label ?? language}</span>
          <button type="button" onClick={copy} className="rounded px-2 py-0.5 text-sm text-fg hover:bg-surface">
            {copied ? 'Copied' : 'Copy'}
          </button>
        </figcaption>
      )}
      {/* tabIndex: a scrollable region must be reachable by keyboard. */}
      <pre tabIndex={0} className="max-h-96 overflow-auto p-3 font-mono text-sm leading-relaxed whitespace-pre">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
