import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { invalidateKeyReads } from '../../../api';
import { Button, CallLog, SelectField, type CallLogEntry } from '../../../components';
import { useConnection } from '../../../connection';
import {
  createKey,
  decrypt,
  defaultReplicaRegion,
  encrypt,
  REPLICA_MONTHLY_USD,
  REPLICA_REGIONS,
  replicate,
  scheduleDeletion,
  waitUntilCreated,
  type StepOut,
} from '../api/mrk-steps';

interface KeyInfo {
  keyId: string;
  arn: string;
}

/**
 * Multi-Region keys (beyond the exam guide): a primary replicated to a second Region, ciphertext
 * made in one Region and decrypted in the other by the replica, and beside it a single-Region key
 * whose ciphertext fails in the other Region (trap 7, scenario 8, FAQ 8).
 */
export function MultiRegionPanel() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  const home = conn.region;
  const [other, setOther] = useState(() => defaultReplicaRegion(home));
  const [busy, setBusy] = useState(false);
  const [primary, setPrimary] = useState<KeyInfo | undefined>();
  const [replicaState, setReplicaState] = useState<string | undefined>();
  const [mrkBlob, setMrkBlob] = useState<Uint8Array | undefined>();
  const [single, setSingle] = useState<KeyInfo | undefined>();
  const [singleBlob, setSingleBlob] = useState<Uint8Array | undefined>();
  const [log, setLog] = useState<CallLogEntry[]>([]);

  async function go(step: () => Promise<StepOut | StepOut[]>): Promise<StepOut[]> {
    setBusy(true);
    try {
      const out = await step();
      const all = Array.isArray(out) ? out : [out];
      setLog((l) => [...all.map((o) => o.entry).reverse(), ...l].slice(0, 40));
      return all;
    } finally {
      setBusy(false);
      invalidateKeyReads(queryClient, conn);
    }
  }

  const regions = REPLICA_REGIONS.filter((r) => r !== home);
  const replicaReady = replicaState === 'Enabled';

  return (
    <div className="space-y-8">
      <p className="rounded-xl border border-line bg-surface p-4">
        <strong>Beyond the exam guide.</strong> The DVA-C02 guide does not name multi-Region keys, but its trap 7 (ciphertext
        taken to another Region) and the study guide&apos;s scenario 8 and FAQ 8 lead here. Each replica is a KMS key of its own and
        is billed as one: <strong>US${REPLICA_MONTHLY_USD} a month per replica</strong>, plus each Region&apos;s request charges. The
        sandbox charges nothing.
      </p>

      <section aria-labelledby="mr-create" className="space-y-3">
        <h2 id="mr-create" className="text-lg font-semibold">
          1. A primary key in {home}, a replica in another Region
        </h2>
        <p>
          <code>CreateKey</code> with <code>MultiRegion: true</code> gives a key id that starts with <code>mrk-</code>.{' '}
          <code>ReplicateKey</code>, sent to the primary&apos;s Region, makes a replica with the same key id and key material in the
          Region you name. The replica answers <code>Creating</code> and is usable a few seconds later.
        </p>
        <SelectField label="Replica Region" value={other} onChange={(e) => setOther(e.target.value)} disabled={primary !== undefined}>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="primary"
            size="sm"
            busy={busy && !primary}
            disabled={busy || primary !== undefined}
            onClick={() =>
              void go(async () => {
                const out = await createKey(conn, true);
                if (out.key?.KeyId && out.key.Arn) setPrimary({ keyId: out.key.KeyId, arn: out.key.Arn });
                return out;
              })
            }
          >
            Create the multi-Region primary
          </Button>
          <Button
            size="sm"
            disabled={busy || !primary || replicaState !== undefined}
            onClick={() =>
              void go(async () => {
                const made = await replicate(conn, primary!.keyId, other);
                if (!made.key) return made;
                setReplicaState(made.key.KeyState);
                const after = await waitUntilCreated(conn, other, primary!.keyId);
                setReplicaState(after.key?.KeyState);
                return [made, after];
              })
            }
          >
            Replicate it to {other}
          </Button>
        </div>
        {primary && (
          <p className="text-sm text-muted [overflow-wrap:anywhere]">
            Primary: <code>{primary.arn}</code>
            {replicaState && (
              <>
                {' '}
                · replica in {other}: <span aria-label="Replica key state">{replicaState}</span>
              </>
            )}
          </p>
        )}
      </section>

      <section aria-labelledby="mr-use" className="space-y-3">
        <h2 id="mr-use" className="text-lg font-semibold">
          2. Encrypt in {home}, decrypt in {other}
        </h2>
        <p>
          The ciphertext names the key id, so the replica in {other} decrypts it with its own copy of the key material: the call
          goes to <code>kms.{other}.amazonaws.com</code> only (see the inspector). The encryption context must still match.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            disabled={busy || !primary}
            onClick={() =>
              void go(async () => {
                const out = await encrypt(conn, primary!.keyId);
                if (out.blob) setMrkBlob(out.blob);
                return out;
              })
            }
          >
            Encrypt in {home}
          </Button>
          <Button size="sm" disabled={busy || !mrkBlob || !replicaReady} onClick={() => void go(() => decrypt(conn, other, mrkBlob!))}>
            Decrypt in {other} (the replica)
          </Button>
        </div>
      </section>

      <section aria-labelledby="mr-trap7" className="space-y-3">
        <h2 id="mr-trap7" className="text-lg font-semibold">
          3. Trap 7: the same with a single-Region key
        </h2>
        <p>
          A single-Region key exists in one Region only. Its ciphertext sent to {other}&apos;s endpoint cannot be decrypted there:
          KMS in {other} has no key with that id (InvalidCiphertextException). Naming the key by its ARN from {other} fails too,
          because the ARN names {home}. The fixes: call KMS in {home} (a cross-Region call, with its latency and its dependency on{' '}
          {home}), re-encrypt under a key in {other}, or use a multi-Region key.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            disabled={busy}
            onClick={() =>
              void go(async () => {
                const made = await createKey(conn, false);
                if (!made.key?.KeyId || !made.key.Arn) return made;
                setSingle({ keyId: made.key.KeyId, arn: made.key.Arn });
                const enc = await encrypt(conn, made.key.KeyId);
                if (enc.blob) setSingleBlob(enc.blob);
                return [made, enc];
              })
            }
          >
            Create a single-Region key and encrypt in {home}
          </Button>
          <Button size="sm" disabled={busy || !singleBlob} onClick={() => void go(() => decrypt(conn, other, singleBlob!))}>
            Decrypt in {other}
          </Button>
          <Button size="sm" disabled={busy || !singleBlob || !single} onClick={() => void go(() => decrypt(conn, other, singleBlob!, single!.arn))}>
            Decrypt in {other}, naming the key ARN
          </Button>
          <Button size="sm" disabled={busy || !singleBlob} onClick={() => void go(() => decrypt(conn, home, singleBlob!))}>
            Decrypt in {home}
          </Button>
        </div>
      </section>

      <section aria-labelledby="mr-cleanup" className="space-y-3">
        <h2 id="mr-cleanup" className="text-lg font-semibold">
          4. Clean up: the primary waits for its replicas
        </h2>
        <p>
          Scheduling the primary&apos;s deletion while a replica exists puts it in <code>PendingReplicaDeletion</code>: its 7-day
          waiting period starts only when the last replica has been deleted. Schedule the replica too.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" disabled={busy || !primary} onClick={() => void go(() => scheduleDeletion(conn, home, primary!.keyId))}>
            Schedule the primary&apos;s deletion
          </Button>
          <Button size="sm" disabled={busy || !primary || !replicaState} onClick={() => void go(() => scheduleDeletion(conn, other, primary!.keyId))}>
            Schedule the replica&apos;s deletion
          </Button>
          <Button size="sm" disabled={busy || !single} onClick={() => void go(() => scheduleDeletion(conn, home, single!.keyId))}>
            Schedule the single-Region key&apos;s deletion
          </Button>
        </div>
      </section>

      <section aria-labelledby="mr-log" className="space-y-3">
        <h2 id="mr-log" className="text-lg font-semibold">
          What happened
        </h2>
        <CallLog entries={log} label="Multi-Region calls and their outcomes" />
      </section>
    </div>
  );
}
