import { useState } from 'react';
import type { KeyMetadata } from '@aws-sdk/client-kms';

interface Props {
  metadata?: KeyMetadata;
}

/** Key ID and ARN (never change with rotation) beside the current key material (changes). */
export function KeyIdentity({ metadata }: Props) {
  // The identity first seen for this key, to compare with what DescribeKey says after each rotation.
  const [first, setFirst] = useState<{ keyId: string; arn: string }>();
  if (metadata?.KeyId && metadata.Arn && first?.keyId !== metadata.KeyId) {
    setFirst({ keyId: metadata.KeyId, arn: metadata.Arn });
  }
  if (!metadata) return null;
  const unchanged = first?.keyId === metadata.KeyId && first?.arn === metadata.Arn;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 rounded-lg border border-line bg-surface p-3 text-sm" aria-label="Key identity">
      <dt className="font-medium">Key ID</dt>
      <dd className="break-all font-mono text-xs">{metadata.KeyId}</dd>
      <dt className="font-medium">ARN</dt>
      <dd className="break-all font-mono text-xs">{metadata.Arn}</dd>
      <dt className="font-medium">Current key material</dt>
      <dd className="break-all font-mono text-xs">{metadata.CurrentKeyMaterialId ?? '(not reported by this backend)'}</dd>
      <dt className="sr-only">Identity check</dt>
      <dd className="col-span-2 text-ok">{unchanged ? 'Key ID and ARN unchanged since you picked this key.' : ''}</dd>
    </dl>
  );
}
