import { useId } from 'react';

const STEPS = [
  { title: 'GenerateDataKey', body: 'KMS returns a fresh data key twice: in plaintext and encrypted under your KMS key.' },
  { title: 'Encrypt locally', body: 'Your code encrypts the data (any size) with the plaintext data key, AES-256-GCM.' },
  { title: 'Discard the plaintext key', body: 'Zero it in memory. Only the encrypted copy survives.' },
  { title: 'Store both together', body: 'Encrypted data + encrypted data key, side by side. To read: Decrypt the key, then the data.' },
];

/** The envelope encryption flow, drawn as four steps with arrows. */
export function EnvelopeDiagram({ active }: { active?: number }) {
  const captionId = useId();
  return (
    <figure aria-labelledby={captionId} className="@container rounded-lg border border-line p-3">
      <figcaption id={captionId} className="mb-2 text-sm font-semibold">
        Envelope encryption: how data larger than 4 KB is protected with KMS
      </figcaption>
      <ol className="flex flex-col gap-2 @2xl:flex-row @2xl:items-stretch">
        {STEPS.map((step, i) => (
          <li key={step.title} className="flex flex-1 flex-col items-stretch gap-2 @2xl:flex-row @2xl:items-center">
            <div
              className={`h-full flex-1 rounded-md border p-2 text-sm ${
                active === i
                  ? 'border-accent bg-accent-soft'
                  : 'border-line bg-surface-2'
              }`}
              aria-current={active === i ? 'step' : undefined}
            >
              <p className="font-semibold">
                {i + 1}. {step.title}
              </p>
              <p>{step.body}</p>
            </div>
            {i < STEPS.length - 1 && (
              <span aria-hidden="true" className="self-center text-xl text-muted">
                <span className="@2xl:hidden">↓</span>
                <span className="hidden @2xl:inline">→</span>
              </span>
            )}
          </li>
        ))}
      </ol>
      <div aria-hidden="true" className="mt-3 flex flex-wrap items-center gap-2 font-mono text-xs">
        <span className="rounded bg-ok-soft px-2 py-1 text-ok">encrypted data</span>
        <span>+</span>
        <span className="rounded bg-accent-soft px-2 py-1 text-fg">encrypted data key (≈184 bytes)</span>
        <span>= what you store</span>
      </div>
    </figure>
  );
}
