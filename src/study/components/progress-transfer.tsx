import { useId, useState } from 'react';
import { exportProgress, importProgress, mergeProgress, resetProgress, type ProgressStorage } from '../progress';
import { useProgress } from '../use-progress';

const button =
  'inline-flex items-center gap-2 rounded-lg border border-line bg-surface px-2.5 py-1 text-sm font-medium text-fg hover:bg-surface-2 disabled:cursor-not-allowed disabled:opacity-60';

/** Saves a file in the browser's downloads (nothing is uploaded). */
export function downloadText(name: string, text: string): void {
  const blob = new Blob([text], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Export, import (merged per item) and reset of this browser's study progress. */
export function ProgressTransfer({ storage, open = false }: { storage?: ProgressStorage; open?: boolean }) {
  const fileId = useId();
  const { progress, update, replace } = useProgress(storage);
  const [message, setMessage] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const result = importProgress(await file.text(), progress.learnerId);
    if (result.ok) {
      update((previous) => mergeProgress(previous, result.progress));
      setMessage(`Imported ${Object.keys(result.progress.answers).length} answers${result.migrated ? ' (from the older format)' : ''}.`);
    } else {
      setMessage(result.error);
    }
  };

  return (
    <details className="text-sm" open={open}>
      <summary className="cursor-pointer font-medium">Your progress (saved in this browser)</summary>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={button}
          onClick={() => {
            downloadText('kms-study-lab-progress.json', exportProgress(progress));
            setMessage('Progress exported.');
          }}
        >
          Export progress
        </button>
        <label htmlFor={fileId} className="font-medium">
          Import progress
        </label>
        <input
          id={fileId}
          type="file"
          accept="application/json,.json"
          onChange={(e) => void onFile(e.target.files?.[0])}
          className="text-sm text-fg file:mr-2 file:rounded-lg file:border file:border-line file:bg-surface file:px-2 file:py-1 file:text-fg"
        />
        {!confirming ? (
          <button type="button" className={button} onClick={() => setConfirming(true)}>
            Reset progress…
          </button>
        ) : (
          <span className="flex flex-wrap items-center gap-2">
            <span>Forget every answer in this browser?</span>
            <button
              type="button"
              className={button}
              onClick={() => {
                replace(resetProgress(progress, storage));
                setConfirming(false);
                setMessage('Progress reset.');
              }}
            >
              Yes, reset
            </button>
            <button type="button" className={button} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        )}
        <p role="status" className="w-full text-muted">
          {message}
        </p>
      </div>
    </details>
  );
}
