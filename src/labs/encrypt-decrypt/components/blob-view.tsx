import { useMemo } from 'react';
import { ByteMap, CodeBlock, SandboxOnlyNotice } from '../../../components';
import { useConnection } from '../../../connection';
import { parseCiphertextBlob } from '../lib/blob-layout';
import { toBase64 } from '../../../lib/bytes';

interface Props {
  blob: Uint8Array;
  title: string;
}

/** A ciphertext blob as base64 and as a labelled byte map. */
export function BlobView({ blob, title }: Props) {
  const conn = useConnection();
  const layout = useMemo(() => parseCiphertextBlob(blob, { sandbox: conn.sandbox !== undefined }), [blob, conn.sandbox]);
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold">
        {title} — {blob.length} bytes
      </h4>
      <CodeBlock code={toBase64(blob).replace(/.{76}/g, '$&\n')} label={`${title} (base64)`} />
      <p className="text-sm">{layout.description}</p>
      <SandboxOnlyNotice
        backend={conn.backend}
        step="Naming the key material and key that the blob’s identifier fields hold"
        need="storage"
        instead="The byte map below still shows the layout; on this backend those fields stay opaque."
      />
      <ByteMap
        bytes={blob}
        segments={layout.segments.map((s) => ({ label: s.label, start: s.start, length: s.end - s.start, description: s.detail }))}
        label={`${title}: byte map`}
      />
    </div>
  );
}
