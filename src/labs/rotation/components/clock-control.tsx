import { useState } from 'react';
import { Button, SandboxOnlyNotice } from '../../../components';
import { useConnection } from '../../../connection';

interface Props {
  /** Called with the new simulated time (epoch ms). */
  onAdvanced: (label: string, now: number) => void;
}

/** Sandbox only: move KMS's simulated clock a year forward and let due rotations happen. */
export function ClockControl({ onAdvanced }: Props) {
  const conn = useConnection();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  if (!conn.sandbox) {
    return (
      <SandboxOnlyNotice
        backend={conn.backend}
        step="Move the clock +365 days"
        need="clock"
        instead="Here automatic rotations arrive on their date, a year after rotation was enabled (or after the period you chose); RotateKeyOnDemand works at once."
      />
    );
  }
  const sandbox = conn.sandbox;
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border border-accent bg-accent-soft p-3 text-sm">
      <span>
        Simulated date: <strong>{new Date(sandbox.now()).toISOString().slice(0, 10)}</strong>
      </span>
      <Button
        busy={busy}
        onClick={async () => {
          setBusy(true);
          setProblem(undefined);
          try {
            const now = await sandbox.advanceDays(365);
            onAdvanced('after +365 days', now);
          } catch (e) {
            setProblem(e instanceof Error ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        Move the clock +365 days
      </Button>
      {problem && <span className="text-danger">The clock did not move: {problem}</span>}
    </div>
  );
}
