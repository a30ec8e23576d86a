import { useRef, useState } from 'react';
import { z } from 'zod';
import { useLabState } from '../../../lib/lab-state';
import { useQuery } from '@tanstack/react-query';
import { describeKeyQueryOptions, useEncrypt } from '../../../api';
import { useConnection } from '../../../connection';
import { useDecryptAll, type StoredCiphertext } from '../api/rotation-experiments';
import { utf8 } from '../../../lib/bytes';
import { AsymmetricTrap } from './asymmetric-trap';
import { AutomaticRotation } from './automatic-rotation';
import { CiphertextLedger } from './ciphertext-ledger';
import { ClockControl } from './clock-control';
import { KeyIdentity } from './key-identity';
import { KeySelect, PracticeKeys, useUsableKeys } from '../../../components';
import { ManualRotation } from './manual-rotation';
import { RotationHistory } from './rotation-history';

const ledgerSchema: z.ZodType<StoredCiphertext[]> = z.array(
  z.object({ id: z.number().int(), label: z.string(), blob: z.instanceof(Uint8Array), madeWith: z.string().optional() }),
);
const NO_CIPHERTEXTS: StoredCiphertext[] = [];

/** Rotation: automatic, on demand, with the clock; manual rotation with an alias; trap 4. */
export function RotationPanel() {
  const conn = useConnection();
  const { keys, isPending } = useUsableKeys((m) => m.KeySpec === 'SYMMETRIC_DEFAULT' && m.KeyState === 'Enabled');
  const [chosen, setChosen] = useState('');
  const keyId = keys.some((k) => k.keyId === chosen) ? chosen : (keys[0]?.keyId ?? '');
  const described = useQuery({ ...describeKeyQueryOptions(conn, keyId), enabled: keyId !== '' });
  // The ledger survives a reload (ciphertext only), per backend and region.
  const [stored, setStored] = useLabState(conn.keyPrefix, 'rotation:ledger', ledgerSchema, NO_CIPHERTEXTS);
  const nextId = useRef(0);
  nextId.current = Math.max(nextId.current, ...stored.map((c) => c.id + 1), 1);
  const encrypt = useEncrypt();
  const decryptAll = useDecryptAll();

  async function encryptSample(label: string, simulatedNow = conn.sandbox?.now()) {
    if (!keyId) return;
    const id = nextId.current++;
    const made = simulatedNow !== undefined ? ` (${new Date(simulatedNow).toISOString().slice(0, 10)})` : '';
    // Read the material now, so the row records what encrypted it.
    const material = (await described.refetch()).data?.CurrentKeyMaterialId;
    const r = await encrypt.mutateAsync({ KeyId: keyId, Plaintext: utf8.encode(`sample ${id}`) }).catch(() => undefined);
    if (!r?.CiphertextBlob) return;
    const blob = r.CiphertextBlob;
    setStored((s) => [...s, { id, label: `${label}${made}`, blob, madeWith: material }]);
    decryptAll.reset();
  }

  return (
    <div className="space-y-8">
      {!isPending && <PracticeKeys count={keys.length} names={['Practice key (rotation lab)']} />}
      <section aria-labelledby="rotation-heading" className="space-y-4">
        <h2 id="rotation-heading" className="text-lg font-semibold">
          Automatic rotation keeps the key, changes the material
        </h2>
        <KeySelect label="KMS key" keys={keys} value={keyId} onChange={setChosen} />
        <KeyIdentity metadata={described.data} />
        <AutomaticRotation keyId={keyId} onRotated={(label) => void encryptSample(label)} />
        <ClockControl onAdvanced={(label, now) => void encryptSample(label, now)} />
        <div className="space-y-4">
          <RotationHistory keyId={keyId} />
          <CiphertextLedger
            stored={stored}
            outcomes={decryptAll.data}
            onEncrypt={() => void encryptSample(stored.length === 0 ? 'first sample' : 'sample')}
            encrypting={encrypt.isPending}
            onDecryptAll={() => decryptAll.mutate(stored)}
            decrypting={decryptAll.isPending}
            encryptError={encrypt.error}
            canEncrypt={keyId !== ''}
          />
        </div>
      </section>
      <ManualRotation
        keyId={keyId}
        stored={stored}
        onRewrapped={(rewrapped) => {
          setStored((s) => s.map((c) => {
            const r = rewrapped.find((x) => x.id === c.id);
            return r ? { ...c, blob: r.blob, label: `${c.label}, re-wrapped`, madeWith: undefined } : c;
          }));
          decryptAll.reset();
        }}
      />
      <AsymmetricTrap />
    </div>
  );
}
