import { useId, useState } from 'react';
import { Button, ErrorExplainer } from '../../../components';
import { useGenerateRandom } from '../api/generate-random';
import { toHex } from '../../../lib/bytes';

export function RandomSection() {
  const id = useId();
  const [count, setCount] = useState('32');
  const random = useGenerateRandom();
  // KMS takes a whole number from 1 to 1,024: anything else is answered here, before any call.
  const n = Number(count);
  const problem = count.trim() === '' || !Number.isInteger(n) || n < 1 || n > 1024 ? 'Enter a whole number of bytes from 1 to 1,024.' : undefined;
  return (
    <section aria-labelledby="random-heading" className="space-y-2">
      <h2 id="random-heading" className="text-lg font-semibold">
        GenerateRandom
      </h2>
      <p className="text-sm">Random bytes from KMS's generator, not tied to any key. KMS gives 1 to 1,024 bytes per call.</p>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={id} className="block text-sm font-medium">
            Number of bytes
          </label>
          <input
            id={id}
            type="number"
            min={1}
            max={1024}
            step={1}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            className="mt-1 w-28 rounded-lg border border-line bg-surface p-2 text-sm"
          />
        </div>
        <Button busy={random.isPending} disabled={problem !== undefined} onClick={() => !problem && random.mutate({ NumberOfBytes: n })}>
          GenerateRandom
        </Button>
      </div>
      {problem && (
        <p id={`${id}-problem`} className="text-sm text-danger">
          {problem}
        </p>
      )}
      {random.error && <ErrorExplainer error={random.error} operation="GenerateRandom" />}
      {random.data?.Plaintext && (
        <p role="status" aria-label="Random bytes" className="break-all rounded-md bg-surface-2 p-2 font-mono text-xs">
          {toHex(random.data.Plaintext)}
        </p>
      )}
    </section>
  );
}
