import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { invalidateKeyReads } from '../../../api';
import { Button, CallLog, logError, logOk, SelectField, type CallLogEntry } from '../../../components';
import { useConnection } from '../../../connection';
import {
  consume,
  createKey,
  encryptRsa,
  getPublicKey,
  macRoundTrip,
  produce,
  producerKit,
  signJwt,
  tamper,
  verifyJwtOffline,
  type ProducerKit,
  type SignedJwt,
} from '../api/asym-steps';
import { JWT_ALGS, oaepMaxPlaintext, type JwtAlg } from '../lib/jwt';

const KMS = 'KMS';
const PAGE = 'in the page';
const CLAIMS = { sub: 'user-42', scope: 'orders:read' };

/**
 * Asymmetric and HMAC keys: a JWT signed by KMS and verified offline with the public key
 * (scenario 7), RSA-OAEP's small plaintext limits, HMAC with GenerateMac/VerifyMac, and a data key
 * pair for a producer that may encrypt but never decrypt.
 */
export function AsymmetricHmacPanel() {
  const conn = useConnection();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [log, setLog] = useState<CallLogEntry[]>([]);
  const [alg, setAlg] = useState<JwtAlg>('PS256');
  const [signKey, setSignKey] = useState<{ keyId: string; alg: JwtAlg } | undefined>();
  const [jwt, setJwt] = useState<SignedJwt | undefined>();
  const [spki, setSpki] = useState<Uint8Array<ArrayBuffer> | undefined>();
  const [rsaKey, setRsaKey] = useState<string | undefined>();
  const [macKey, setMacKey] = useState<string | undefined>();
  const [wrapKey, setWrapKey] = useState<string | undefined>();
  const [kit, setKit] = useState<ProducerKit | undefined>();
  const [sealed, setSealed] = useState<Uint8Array<ArrayBuffer> | undefined>();

  /** Runs one step; an error becomes a log line with AWS's code and message, never a crash. */
  async function step(where: string, operation: string, body: () => Promise<string>) {
    setBusy(true);
    try {
      const summary = await body();
      setLog((l) => [logOk(where, operation, summary), ...l].slice(0, 40));
    } catch (e) {
      setLog((l) => [logError(where, operation, e), ...l].slice(0, 40));
    } finally {
      setBusy(false);
      invalidateKeyReads(queryClient, conn);
    }
  }

  const now = () => Math.floor(Date.now() / 1000);

  return (
    <div className="space-y-8">
      <section aria-labelledby="ah-jwt" className="space-y-3">
        <h2 id="ah-jwt" className="text-lg font-semibold">
          Scenario 7: sign a JWT in KMS, verify it offline
        </h2>
        <p>
          The private key of an asymmetric KMS key never leaves KMS: <code>Sign</code> is the only way to use it. Anyone holding the
          public key from <code>GetPublicKey</code> can verify without calling KMS (and without any AWS permission). Here the page
          verifies with WebCrypto.
        </p>
        <SelectField label="JWS algorithm" value={alg} onChange={(e) => setAlg(e.target.value as JwtAlg)}>
          {(Object.keys(JWT_ALGS) as JwtAlg[]).map((a) => (
            <option key={a} value={a}>
              {JWT_ALGS[a].label}
            </option>
          ))}
        </SelectField>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="primary"
            size="sm"
            disabled={busy}
            onClick={() =>
              void step(KMS, `CreateKey (${JWT_ALGS[alg].keySpec}, SIGN_VERIFY)`, async () => {
                const k = await createKey(conn, { KeySpec: JWT_ALGS[alg].keySpec, KeyUsage: 'SIGN_VERIFY', Description: 'Asymmetric lab: JWT signer' });
                setSignKey({ keyId: k.keyId, alg });
                setJwt(undefined);
                setSpki(undefined);
                return k.arn;
              })
            }
          >
            Create a signing key
          </Button>
          <Button
            size="sm"
            disabled={busy || !signKey}
            onClick={() =>
              void step(KMS, `Sign (${JWT_ALGS[signKey!.alg].signingAlgorithm})`, async () => {
                const t = await signJwt(conn, signKey!.keyId, signKey!.alg, { ...CLAIMS, iat: now(), exp: now() + 3600 });
                setJwt(t);
                return `${t.token.length}-character ${t.alg} token`;
              })
            }
          >
            Sign a JWT
          </Button>
          <Button
            size="sm"
            disabled={busy || !jwt}
            onClick={() =>
              void step(KMS, 'GetPublicKey', async () => {
                const key = await getPublicKey(conn, signKey!.keyId);
                setSpki(key);
                return `${key.length}-byte DER SubjectPublicKeyInfo`;
              })
            }
          >
            Get the public key
          </Button>
          <Button size="sm" disabled={busy || !jwt || !spki} onClick={() => void step(PAGE, 'verify (WebCrypto)', async () => ((await verifyJwtOffline(jwt!.token, spki!)) ? 'signature valid' : 'signature INVALID'))}>
            Verify offline
          </Button>
          <Button
            size="sm"
            disabled={busy || !jwt || !spki}
            onClick={() =>
              void step(PAGE, 'verify a tampered token', async () => {
                const forged = tamper(jwt!.token, { ...CLAIMS, scope: 'orders:admin', iat: now(), exp: now() + 3600 });
                return (await verifyJwtOffline(forged, spki!)) ? 'signature valid' : 'signature INVALID: the claims were changed';
              })
            }
          >
            Change a claim and verify again
          </Button>
        </div>
        {jwt && (
          <p className="font-mono text-xs [overflow-wrap:anywhere]" aria-label="The signed JWT">
            {jwt.token}
          </p>
        )}
      </section>

      <section aria-labelledby="ah-oaep" className="space-y-3">
        <h2 id="ah-oaep" className="text-lg font-semibold">
          RSA encryption: how little fits
        </h2>
        <p>
          With an RSA key, <code>Encrypt</code> takes far less than the 4,096 bytes a symmetric key takes: RSAES-OAEP fits the
          modulus size minus twice the hash size minus 2 bytes. The study guide&apos;s “still 4 KB” is wrong.
        </p>
        {/* Scrolls on its own on a narrow screen rather than widening the page. */}
        <div className="overflow-x-auto">
        <table className="text-sm">
          <caption className="text-left font-semibold">Largest plaintext, in bytes</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-4 text-left">Key spec</th>
              <th scope="col" className="pr-4 text-left [overflow-wrap:anywhere]">RSAES_OAEP_SHA_1</th>
              <th scope="col" className="text-left [overflow-wrap:anywhere]">RSAES_OAEP_SHA_256</th>
            </tr>
          </thead>
          <tbody>
            {([2048, 3072, 4096] as const).map((bits) => (
              <tr key={bits}>
                <th scope="row" className="pr-4 text-left font-normal">RSA_{bits}</th>
                <td className="pr-4">{oaepMaxPlaintext(bits, 'SHA_1')}</td>
                <td>{oaepMaxPlaintext(bits, 'SHA_256')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            disabled={busy}
            onClick={() =>
              void step(KMS, 'CreateKey (RSA_2048, ENCRYPT_DECRYPT)', async () => {
                const k = await createKey(conn, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT', Description: 'Asymmetric lab: RSA encryption' });
                setRsaKey(k.keyId);
                return k.arn;
              })
            }
          >
            Create an RSA_2048 encryption key
          </Button>
          {[190, 191].map((n) => (
            <Button key={n} size="sm" disabled={busy || !rsaKey} onClick={() => void step(KMS, `Encrypt ${n} bytes (RSAES_OAEP_SHA_256)`, async () => `${await encryptRsa(conn, rsaKey!, n, 'RSAES_OAEP_SHA_256')}-byte ciphertext`)}>
              Encrypt {n} bytes with OAEP SHA-256
            </Button>
          ))}
        </div>
      </section>

      <section aria-labelledby="ah-hmac" className="space-y-3">
        <h2 id="ah-hmac" className="text-lg font-semibold">
          HMAC keys: GenerateMac and VerifyMac
        </h2>
        <p>
          An HMAC key (usage GENERATE_VERIFY_MAC) makes and checks message authentication codes; the secret never leaves KMS, so
          both sides call KMS. A MAC that does not match is an error, KMSInvalidMacException, not a “false”.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            disabled={busy}
            onClick={() =>
              void step(KMS, 'CreateKey (HMAC_256, GENERATE_VERIFY_MAC)', async () => {
                const k = await createKey(conn, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', Description: 'Asymmetric lab: HMAC' });
                setMacKey(k.keyId);
                return k.arn;
              })
            }
          >
            Create an HMAC_256 key
          </Button>
          <Button size="sm" disabled={busy || !macKey} onClick={() => void step(KMS, 'GenerateMac + VerifyMac', async () => `${await macRoundTrip(conn, macKey!, 'amount=100', 'amount=100')}-byte MAC verified`)}>
            MAC a message and verify it
          </Button>
          <Button size="sm" disabled={busy || !macKey} onClick={() => void step(KMS, 'GenerateMac + VerifyMac (changed message)', async () => `${await macRoundTrip(conn, macKey!, 'amount=100', 'amount=900')}-byte MAC verified`)}>
            Verify the MAC against a changed message
          </Button>
        </div>
      </section>

      <section aria-labelledby="ah-pair" className="space-y-3">
        <h2 id="ah-pair" className="text-lg font-semibold">
          A producer that may encrypt but never decrypt
        </h2>
        <p>
          <code>GenerateDataKeyPairWithoutPlaintext</code> returns an RSA public key and the private key encrypted under a symmetric
          KMS key. The producer (a device, a partner&apos;s system) gets only the public key and encrypts without calling KMS; only a
          consumer allowed <code>kms:Decrypt</code> on the KMS key can recover the private key. The page zeroes the private key
          bytes after use.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            disabled={busy}
            onClick={() =>
              void step(KMS, 'CreateKey + GenerateDataKeyPairWithoutPlaintext (RSA_2048)', async () => {
                const k = wrapKey ?? (await createKey(conn, { Description: 'Asymmetric lab: wraps data key pairs' })).keyId;
                setWrapKey(k);
                const made = await producerKit(conn, k);
                setKit(made);
                setSealed(undefined);
                return `public key ${made.publicKeySpki.length} bytes; private key only as ${made.privateKeyCiphertext.length}-byte ciphertext`;
              })
            }
          >
            Make the producer&apos;s key pair
          </Button>
          <Button
            size="sm"
            disabled={busy || !kit}
            onClick={() =>
              void step(PAGE, 'producer encrypts (WebCrypto RSA-OAEP)', async () => {
                const c = await produce(kit!, 'meter 7: 42 kWh');
                setSealed(c);
                return `${c.length}-byte ciphertext, no KMS call`;
              })
            }
          >
            Producer encrypts a reading
          </Button>
          <Button size="sm" disabled={busy || !kit || !sealed} onClick={() => void step(KMS, 'consumer: Decrypt the private key, then decrypt in the page', async () => `“${await consume(conn, kit!, sealed!)}”`)}>
            Consumer decrypts it
          </Button>
        </div>
      </section>

      <section aria-labelledby="ah-log" className="space-y-3">
        <h2 id="ah-log" className="text-lg font-semibold">
          What happened
        </h2>
        <CallLog entries={log} label="Asymmetric and HMAC calls and their outcomes" />
      </section>
    </div>
  );
}
