import { useState } from 'react';
import { ContextTable } from './context-table';
import { KeySelect, PracticeKeys, useUsableKeys } from '../../../components';
import { LambdaCase } from './lambda-case';

/** Encryption context: exact-match rules, live, and the Lambda trap. */
export function EncryptionContextPanel() {
  const { keys, isPending } = useUsableKeys((m) => m.KeySpec === 'SYMMETRIC_DEFAULT' && m.KeyState === 'Enabled');
  const [chosen, setChosen] = useState('');
  const keyId = keys.some((k) => k.keyId === chosen) ? chosen : (keys[0]?.keyId ?? '');
  return (
    <div className="space-y-8">
      {!isPending && <PracticeKeys count={keys.length} names={['Practice key (context lab)']} />}
      <KeySelect label="KMS key" keys={keys} value={keyId} onChange={setChosen} />
      <ContextTable keyId={keyId} />
      <LambdaCase keyId={keyId} />
    </div>
  );
}
