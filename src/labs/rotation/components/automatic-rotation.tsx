import { useId, useState } from 'react';
import { Button, ErrorExplainer } from '../../../components';
import { useEnableKeyRotation } from '../api/enable-key-rotation';
import { useGetKeyRotationStatus } from '../api/get-key-rotation-status';
import { useRotateKeyOnDemand } from '../api/rotate-key-on-demand';
import { rotationPeriodProblem } from '../lib/rotation-period';

interface Props {
  keyId: string;
  onRotated: (label: string) => void;
}

export function AutomaticRotation({ keyId, onRotated }: Props) {
  const periodId = useId();
  const [period, setPeriod] = useState('365');
  const status = useGetKeyRotationStatus(keyId);
  const enable = useEnableKeyRotation();
  const rotate = useRotateKeyOnDemand();
  const problem = rotationPeriodProblem(period);
  const s = status.data;

  return (
    <section aria-labelledby="auto-heading" className="space-y-3">
      <h3 id="auto-heading" className="font-semibold">
        Automatic and on-demand rotation (guide Part I, steps 08–10)
      </h3>
      <p role="status" className="text-sm">
        {!s
          ? 'Reading rotation status…'
          : s.KeyRotationEnabled
            ? `Automatic rotation is on: every ${s.RotationPeriodInDays ?? '?'} days, next on ${s.NextRotationDate?.toISOString().slice(0, 10) ?? '?'}.`
            : 'Automatic rotation is off.'}
      </p>
      {status.error && <ErrorExplainer error={status.error} operation="GetKeyRotationStatus" />}
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={periodId} className="block text-sm font-medium">
            Rotation period in days (90–2,560)
          </label>
          <input
            id={periodId}
            inputMode="numeric"
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            aria-invalid={problem !== undefined}
            aria-describedby={problem ? `${periodId}-problem` : undefined}
            className="mt-1 w-28 rounded-lg border border-line bg-surface p-2 text-sm"
          />
        </div>
        <Button
          variant="primary"
          busy={enable.isPending}
          disabled={!keyId || problem !== undefined}
          onClick={() => enable.mutate({ KeyId: keyId, RotationPeriodInDays: Number(period) })}
        >
          Enable automatic rotation
        </Button>
        <Button busy={rotate.isPending} disabled={!keyId} onClick={() => rotate.mutate({ KeyId: keyId }, { onSuccess: () => onRotated('after an on-demand rotation') })}>
          Rotate now (on demand)
        </Button>
      </div>
      {problem && (
        <p id={`${periodId}-problem`} className="text-sm text-danger">
          {problem}
        </p>
      )}
      {enable.error && <ErrorExplainer error={enable.error} operation="EnableKeyRotation" />}
      {rotate.error && <ErrorExplainer error={rotate.error} operation="RotateKeyOnDemand" />}
      <p className="text-sm text-muted">
        On-demand rotations do not move the automatic schedule, and KMS limits how many a key may have. Rotation only changes the key material: the key
        ID, ARN, aliases and policy stay.
      </p>
    </section>
  );
}
