import { useState } from 'react';
import { z } from 'zod';
import { useConnection } from '../../../connection';
import { useLabState } from '../../../lib/lab-state';
import { DataKeySection } from './data-key-section';
import { DecryptSection } from './decrypt-section';
import { EncryptSection, type Sealed } from './encrypt-section';
import { PracticeKeys, useUsableKeys } from '../../../components';
import { RandomSection } from './random-section';

const sealedSchema: z.ZodType<Sealed | undefined> = z
  .object({ blob: z.instanceof(Uint8Array), keyId: z.string(), context: z.record(z.string(), z.string()).optional() })
  .optional();

/** Encrypt and decrypt: the guide's Part II, with the bytes drawn. */
export function EncryptDecryptPanel() {
  const { keys, isPending } = useUsableKeys((m) => m.KeySpec === 'SYMMETRIC_DEFAULT' && m.KeyState === 'Enabled');
  const [chosen, setChosen] = useState('');
  const conn = useConnection();
  // The last blob survives a reload (ciphertext, key id and context: nothing secret), per backend and region.
  const [sealed, setSealed] = useLabState<Sealed | undefined>(conn.keyPrefix, 'encrypt-decrypt:sealed', sealedSchema, undefined);
  // Each Encrypt (or failed Encrypt) starts the results derived from it afresh.
  const [serial, setSerial] = useState(0);
  const keyId = keys.some((k) => k.keyId === chosen) ? chosen : (keys[0]?.keyId ?? '');
  return (
    <div className="space-y-8">
      {!isPending && <PracticeKeys count={keys.length} names={['Practice key A', 'Practice key B']} />}
      <EncryptSection
        keys={keys}
        keyId={keyId}
        sealed={sealed}
        onKeyId={setChosen}
        onSealed={(s) => {
          setSealed(s);
          setSerial((n) => n + 1);
        }}
      />
      <DecryptSection key={serial} keys={keys} sealed={sealed} />
      <DataKeySection keyId={keyId} />
      <RandomSection />
    </div>
  );
}
