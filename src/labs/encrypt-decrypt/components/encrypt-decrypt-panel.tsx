import { useState } from 'react';
import { DataKeySection } from './data-key-section';
import { DecryptSection } from './decrypt-section';
import { EncryptSection, type Sealed } from './encrypt-section';
import { PracticeKeys, useUsableKeys } from '../../../components';
import { RandomSection } from './random-section';

/** Encrypt and decrypt: the guide's Part II, with the bytes drawn. */
export function EncryptDecryptPanel() {
  const { keys, isPending } = useUsableKeys((m) => m.KeySpec === 'SYMMETRIC_DEFAULT' && m.KeyState === 'Enabled');
  const [chosen, setChosen] = useState('');
  const [sealed, setSealed] = useState<Sealed>();
  const keyId = keys.some((k) => k.keyId === chosen) ? chosen : (keys[0]?.keyId ?? '');
  return (
    <div className="space-y-8">
      {!isPending && <PracticeKeys count={keys.length} names={['Practice key A', 'Practice key B']} />}
      <EncryptSection keys={keys} keyId={keyId} onKeyId={setChosen} onSealed={setSealed} />
      <DecryptSection keys={keys} sealed={sealed} />
      <DataKeySection keyId={keyId} />
      <RandomSection />
    </div>
  );
}
