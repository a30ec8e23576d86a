import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateAliasCommand, CreateKeyCommand, DecryptCommand, EncryptCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { createSandbox, SandboxStoreError, type Sandbox } from '../../index';
import { createIndexedDbStore } from '../indexeddb-store';
import { s3Clients } from '../../s3/__tests__/s3-helpers';
import { BLOB_PIECE } from '../store';

/**
 * The streamed export (the lines layout): written piece by piece, read line by line, checked whole
 * before anything changes; the earlier single-document layout still imports.
 */
const FIXTURES = join(__dirname, 'fixtures');
const te = new TextEncoder();
let dbSeq = 0;

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<{ bytes: Uint8Array; largest: number; count: number }> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    bytes.set(p, o);
    o += p.length;
  }
  return { bytes, largest: Math.max(...parts.map((p) => p.length)), count: parts.length };
}

/** A source that hands the file over in small odd pieces, as a file stream does (lines and UTF-8 split across them). */
const trickle = (bytes: Uint8Array, size = 4093) => () =>
  (async function* () {
    for (let o = 0; o < bytes.length; o += size) yield bytes.slice(o, o + size);
  })();

/** A lab with keys, an alias, trail records and one 3 MiB object (stored as sealed segments of about 1 MiB). */
async function labWithBody(sandbox?: Sandbox) {
  const c = await s3Clients({ sandbox: sandbox ?? (await createSandbox({ store: await createIndexedDbStore(`export-stream-${++dbSeq}`) })) });
  const key = (await c.kms.send(new CreateKeyCommand({ Description: 'carried' }))).KeyMetadata!.KeyId!;
  await c.kms.send(new CreateAliasCommand({ AliasName: 'alias/carried', TargetKeyId: key }));
  const ct = (await c.kms.send(new EncryptCommand({ KeyId: key, Plaintext: te.encode('é to the other side') }))).CiphertextBlob!;
  await c.s3.send(new CreateBucketCommand({ Bucket: 'export-bucket' }));
  const body = new Uint8Array(3 * BLOB_PIECE + 12345);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + (i >> 13)) & 255;
  await c.s3.send(new PutObjectCommand({ Bucket: 'export-bucket', Key: 'big.bin', Body: body }));
  return { ...c, key, ct, body };
}

async function keysOf(sandbox: Sandbox): Promise<string[]> {
  const { kms } = await s3Clients({ sandbox });
  return ((await kms.send(new ListKeysCommand({}))).Keys ?? []).map((k) => k.KeyId!).sort();
}

describe('the streamed export', () => {
  it('round-trips a lab whose object body is larger than any one piece, never as one string', async () => {
    const a = await labWithBody();
    const out = await collect(a.sandbox.exportChunks());
    // Written in pieces: none holds the lab (the body alone is 3 MiB; base64 makes it 4).
    expect(out.bytes.length).toBeGreaterThan(4 * BLOB_PIECE);
    expect(out.largest).toBeLessThan(2 * BLOB_PIECE);
    const lines = new TextDecoder().decode(out.bytes).trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'kms-study-lab/sandbox-export', schemaVersion: 2, layout: 'lines' });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: { records: expect.any(Number), trail: expect.any(Number), blobs: expect.any(Number) } });
    const pieces = lines.filter((l) => l.startsWith('{"blob"')).map((l) => JSON.parse(l) as { blob: string; n: number });
    // The 3 MiB body is several stored segments: several lines, none over BLOB_PIECE of bytes.
    expect(pieces.length).toBeGreaterThan(3);

    const b = await s3Clients({ sandbox: await createSandbox({ store: await createIndexedDbStore(`export-stream-${++dbSeq}`) }) });
    await b.sandbox.importState(trickle(out.bytes));
    const got = await b.s3.send(new GetObjectCommand({ Bucket: 'export-bucket', Key: 'big.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.from(a.body))).toBe(true);
    const plain = await b.kms.send(new DecryptCommand({ CiphertextBlob: a.ct }));
    expect(new TextDecoder().decode(plain.Plaintext)).toBe('é to the other side');
    expect(await keysOf(b.sandbox)).toEqual(await keysOf(a.sandbox));
    // The trail came over whole, oldest first, before the calls made since.
    const exported = lines.filter((l) => l.startsWith('{"trail"')).flatMap((l) => (JSON.parse(l) as { trail: { eventID: string }[] }).trail.map((e) => e.eventID));
    expect(exported.length).toBeGreaterThan(3);
    expect((await b.sandbox.trail.events()).map((e) => e.eventID).reverse().slice(0, exported.length)).toEqual(exported);

    // The Blob the settings page downloads is the same bytes, and imports as a Blob (a chosen File).
    const blob = await a.sandbox.exportLab();
    const c = await s3Clients({ sandbox: await createSandbox() });
    await c.sandbox.importState(blob);
    const again = await c.s3.send(new GetObjectCommand({ Bucket: 'export-bucket', Key: 'big.bin' }));
    expect((await again.Body!.transformToByteArray()).length).toBe(a.body.length);
  });

  it('imports the earlier single-document layout: an exportState() document and the schema-1 fixture', async () => {
    const a = await labWithBody(await createSandbox());
    const doc = await a.sandbox.exportState();
    const b = await createSandbox();
    await b.importState(doc);
    expect(await keysOf(b)).toEqual(await keysOf(a.sandbox));
    const fixture = readFileSync(join(FIXTURES, 'schema-1-lab.json'));
    const c = await createSandbox();
    await c.importState(trickle(fixture, 777));
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'schema-1-lab.expect.json'), 'utf8')) as { symmetricKeyId: string; trailEvents: number };
    expect((await c.trail.events()).length).toBe(expected.trailEvents);
    expect(await keysOf(c)).toContain(expected.symmetricKeyId);
  });

  it('refuses a truncated, damaged or reordered file with a clear error, and changes nothing', async () => {
    const a = await labWithBody();
    const text = new TextDecoder().decode((await collect(a.sandbox.exportChunks())).bytes);
    const lines = text.trimEnd().split('\n');
    const b = await labWithBody();
    const keysBefore = await keysOf(b.sandbox);
    const epochBefore = b.sandbox.epoch();
    const trailBefore = (await b.sandbox.trail.events()).length;

    const refused = async (source: string, match: RegExp) => {
      const e = await b.sandbox.importState(trickle(te.encode(source), 1000)).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(SandboxStoreError);
      expect((e as SandboxStoreError).problem).toBe('corrupt');
      expect((e as Error).message).toMatch(match);
      expect((e as Error).message).toMatch(/Nothing was changed/);
    };
    // Cut short: without its end line, and in the middle of a body piece.
    await refused(`${lines.slice(0, -1).join('\n')}\n`, /incomplete/);
    const cut = text.lastIndexOf('{"blob"');
    await refused(text.slice(0, cut + 5000), /incomplete|not valid JSON/);
    // A damaged line, a piece out of order, a count that does not match.
    const firstPiece = lines.findIndex((l) => l.startsWith('{"blob"'));
    const damaged = [...lines];
    damaged[firstPiece] = damaged[firstPiece]!.slice(0, -10);
    await refused(damaged.join('\n'), new RegExp(`line ${firstPiece + 1} is not valid JSON`));
    // A body's piece out of its place: its first piece numbered as the second one.
    const swapped = [...lines];
    swapped[firstPiece] = swapped[firstPiece]!.replace('"n":0', '"n":1');
    expect(swapped[firstPiece]).not.toBe(lines[firstPiece]);
    await refused(swapped.join('\n'), /out of order/);
    const dropped = lines.filter((_, i) => i !== 1);
    await refused(dropped.join('\n'), /says \d+ records/);

    // The lab is as it was: same keys, same epoch, same trail, its object still there.
    expect(await keysOf(b.sandbox)).toEqual(keysBefore);
    expect(b.sandbox.epoch()).toBe(epochBefore);
    await b.sandbox.flush();
    // Only the ListKeys just above was added.
    expect((await b.sandbox.trail.events()).length).toBe(trailBefore + 1);
    const got = await b.s3.send(new GetObjectCommand({ Bucket: 'export-bucket', Key: 'big.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.from(b.body))).toBe(true);
  });
});
