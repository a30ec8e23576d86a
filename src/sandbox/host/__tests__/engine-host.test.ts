/**
 * The browser host's protocol in Node: pages (HostClient + the page-side proxy) talk to an EngineHost
 * over real MessageChannels, through the real SDK clients. The browser paths themselves (SharedWorker,
 * leader tab) are in e2e/sandbox-host.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { HttpRequest } from '@smithy/protocol-http';
import { CreateKeyCommand, KMSClient, ListKeysCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { CognitoIdentityClient, GetIdCommand, GetOpenIdTokenCommand } from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createSandbox, LAB_GUEST_ROLE_ARN, LAB_POOL_ID, SANDBOX_ADMIN_CREDENTIALS, SandboxStoreError } from '../../index';
import { EngineHost, type HostPort } from '../engine-host';
import { ENGINE_LOST_MESSAGE, HostClient, type Link } from '../host-client';
import type { HostRequest, SandboxChange } from '../messages';
import { proxySandbox, type BrowserSandbox } from '../page-sandbox';
import type { HostConnection } from '../connect';

type Opened = Awaited<ReturnType<typeof createSandbox>>;

function host(open: () => Promise<Opened>, clearStore: () => Promise<void> = async () => {}): EngineHost {
  return new EngineHost({ hostKind: 'test', testHooks: true, open, clearStore });
}

/** One page: a MessageChannel whose far end the host serves, as worker.ts serves a SharedWorker port. */
function attach(h: EngineHost): HostConnection {
  const { port1, port2 } = new MessageChannel();
  const hostPort: HostPort = { postMessage: (m, t) => port1.postMessage(m, t) };
  h.addPort(hostPort);
  port1.addEventListener('message', (ev) => void h.handle(hostPort, (ev as MessageEvent).data as HostRequest));
  port1.start();
  const client = new HostClient();
  port2.addEventListener('message', (ev) => client.receive((ev as MessageEvent).data));
  port2.start();
  client.setLink({ transfers: true, send: (msg, transfer) => port2.postMessage(msg, transfer) });
  return {
    client,
    mode: () => 'shared-worker',
    close() {
      port1.close();
      port2.close();
    },
  };
}

function kmsOf(page: BrowserSandbox, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = SANDBOX_ADMIN_CREDENTIALS) {
  return new KMSClient({ region: 'us-east-1', credentials, requestHandler: page.requestHandler, maxAttempts: 1 });
}

function changes(page: BrowserSandbox): SandboxChange[] {
  const seen: SandboxChange[] = [];
  page.subscribe((c) => seen.push(c));
  return seen;
}

/** Cognito GetId: unsigned on AWS (smithy.api#noAuth), so its body can cross in any form without a signature. */
const getIdRequest = (body: unknown) =>
  new HttpRequest({
    method: 'POST',
    protocol: 'https:',
    hostname: 'cognito-identity.us-east-1.amazonaws.com',
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.GetId' },
    body,
  });

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('the engine host', () => {
  it('serves two pages from one engine: concurrent CreateKey keeps both, and each page hears the other’s commit', async () => {
    const sb = await createSandbox();
    const h = host(async () => sb);
    const [a, b] = await Promise.all([proxySandbox(attach(h)), proxySandbox(attach(h))]);
    const seenByB = changes(b);
    const [ka, kb] = await Promise.all([
      kmsOf(a).send(new CreateKeyCommand({ Description: 'from a' })),
      kmsOf(b).send(new CreateKeyCommand({ Description: 'from b' })),
    ]);
    const listed = await kmsOf(a).send(new ListKeysCommand({}));
    const ids = listed.Keys?.map((k) => k.KeyId) ?? [];
    expect(ids).toContain(ka.KeyMetadata?.KeyId);
    expect(ids).toContain(kb.KeyMetadata?.KeyId);
    await settle();
    expect(seenByB.filter((c) => c.kind === 'commit' && c.services.includes('kms'))).toHaveLength(2);
  });

  it('does not broadcast calls that only added a trail record, so tabs refreshing never wake each other', async () => {
    const sb = await createSandbox();
    const h = host(async () => sb);
    const [a, b] = await Promise.all([proxySandbox(attach(h)), proxySandbox(attach(h))]);
    const key = await kmsOf(a).send(new CreateKeyCommand({}));
    await settle();
    const seenByB = changes(b);
    await kmsOf(a).send(new DescribeKeyCommand({ KeyId: key.KeyMetadata?.KeyId }));
    await kmsOf(a).send(new ListKeysCommand({}));
    await settle();
    expect(seenByB).toEqual([]);
  });

  it('moves the simulated clock for every page and reports resets to all of them', async () => {
    const sb = await createSandbox();
    const h = host(async () => sb);
    const [a, b] = await Promise.all([proxySandbox(attach(h)), proxySandbox(attach(h))]);
    const seenByB = changes(b);
    await a.clock.advanceDays(30);
    await settle();
    expect(b.clock.offsetMs()).toBe(30 * 86_400_000);
    await a.reset();
    await settle();
    expect(seenByB.map((c) => c.kind)).toEqual(['clock', 'reset']);
    expect(b.clock.offsetMs()).toBe(0);
  });

  it('hands vended credentials to the pages before the call that asked for them answers, and a new engine accepts them', async () => {
    const old = host(async () => createSandbox());
    const conn = attach(old);
    const page = await proxySandbox(conn);
    const common = { region: 'us-east-1', requestHandler: page.requestHandler, maxAttempts: 1 };
    const cognito = new CognitoIdentityClient({ ...common, credentials: SANDBOX_ADMIN_CREDENTIALS });
    const sts = new STSClient({ ...common, credentials: SANDBOX_ADMIN_CREDENTIALS });
    const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: LAB_POOL_ID }));
    const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
    const assumed = await sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: LAB_GUEST_ROLE_ARN, RoleSessionName: 'kms-study-lab', WebIdentityToken: Token }),
    );
    const c = assumed.Credentials!;
    // Known to the page as soon as the answer arrives: nothing to wait for.
    expect(conn.client.credentials.map((r) => r.accessKeyId)).toContain(c.AccessKeyId);
    const guest = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };

    // A new leader's engine (the old tab closed) that was not told: the credentials are unknown there.
    const untold = await proxySandbox(attach(host(async () => createSandbox())));
    await expect(kmsOf(untold, guest).send(new ListKeysCommand({}))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });

    // One that was handed the registry in memory accepts them, as a new leader does.
    const next = attach(host(async () => createSandbox()));
    await next.client.call({ op: 'adopt-credentials', records: conn.client.credentials });
    const taken = await proxySandbox(next);
    await expect(kmsOf(taken, guest).send(new ListKeysCommand({}))).resolves.toMatchObject({ Keys: [] });
  });

  it('reports a store that cannot be opened as SandboxStoreError with a way to empty it, then opens', async () => {
    let broken = true;
    let cleared = 0;
    const h = host(
      async () => {
        if (broken) throw new SandboxStoreError('corrupt', 'The saved lab is damaged (no revision). Reset the lab to start again.');
        return createSandbox();
      },
      async () => {
        cleared++;
        broken = false;
      },
    );
    const conn = attach(h);
    const err = await proxySandbox(conn).then(
      () => undefined,
      (e: unknown) => e as Error & { problem?: string; store?: { clear(): Promise<void> } },
    );
    expect(err?.name).toBe('SandboxStoreError');
    expect(err?.problem).toBe('corrupt');
    expect(err?.message).toContain('damaged');
    await err?.store?.clear();
    expect(cleared).toBe(1);
    const page = await proxySandbox(conn);
    await expect(kmsOf(page).send(new ListKeysCommand({}))).resolves.toMatchObject({ Keys: [] });
  });

  it('opens the engine ahead of the first call once, and a failed early opening is reported by that call', async () => {
    let opens = 0;
    const h = host(async () => {
      opens++;
      return createSandbox();
    });
    h.warmUp();
    h.warmUp();
    const page = await proxySandbox(attach(h));
    await expect(kmsOf(page).send(new ListKeysCommand({}))).resolves.toMatchObject({ Keys: [] });
    expect(opens).toBe(1);

    let attempts = 0;
    const broken = host(async () => {
      attempts++;
      throw new SandboxStoreError('corrupt', 'The saved lab is damaged (no revision). Reset the lab to start again.');
    });
    broken.warmUp();
    await settle();
    const err = await proxySandbox(attach(broken)).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.name).toBe('SandboxStoreError');
    // The early failure was not kept: the call opened again and reported what it met.
    expect(attempts).toBe(2);
  });

  it('carries Blob and ReadableStream request bodies to the engine (the stream transferred)', async () => {
    const page = await proxySandbox(attach(host(async () => createSandbox())));
    const json = JSON.stringify({ IdentityPoolId: LAB_POOL_ID });
    const bodies: unknown[] = [new Blob([json]), new Blob([json]).stream(), new TextEncoder().encode(json)];
    for (const body of bodies) {
      const { response } = await page.requestHandler.handle(getIdRequest(body));
      expect(response.statusCode).toBe(200);
      const text = new TextDecoder().decode(response.body as Uint8Array);
      expect(JSON.parse(text)).toMatchObject({ IdentityId: expect.stringMatching(/^us-east-1:[0-9a-f-]{36}$/) });
    }
  });

  it('moves a byte body to the engine only when the caller hands it over; the SDK\'s own bodies are copied', async () => {
    const page = await proxySandbox(attach(host(async () => createSandbox())));
    const json = JSON.stringify({ IdentityPoolId: LAB_POOL_ID });
    const kept = new TextEncoder().encode(json);
    expect((await page.requestHandler.handle(getIdRequest(kept))).response.statusCode).toBe(200);
    // Not handed over: the caller still has its body (a retry could send it again).
    expect(new TextDecoder().decode(kept)).toBe(json);

    const moved = new TextEncoder().encode(json);
    const { response } = await page.requestHandler.handle(getIdRequest(moved), { transferBody: true });
    expect(response.statusCode).toBe(200);
    // Handed over: the engine got the bytes (it answered GetId), and the page's buffer went with them.
    expect(moved.byteLength).toBe(0);

    // A view of part of a larger buffer is not moved even when handed over (moving it would take the rest).
    const big = new TextEncoder().encode(`${json}--not part of the body`);
    const bigLength = big.byteLength;
    const view = big.subarray(0, json.length);
    expect((await page.requestHandler.handle(getIdRequest(view), { transferBody: true })).response.statusCode).toBe(200);
    expect(big.byteLength).toBe(bigLength);
  });

  it('refuses test-only faults when the test hooks are off', async () => {
    const h = new EngineHost({ hostKind: 'test', open: () => createSandbox(), clearStore: async () => {} });
    const conn = attach(h);
    await expect(conn.client.call({ op: 'test-fault', fault: 'quota' })).rejects.toMatchObject({ name: 'TestHooksOff' });
  });
});

describe('the page’s calls across a change of leader', () => {
  function recordingLink(): Link & { sent: HostRequest[] } {
    const sent: HostRequest[] = [];
    return { transfers: false, sent, send: (m) => void sent.push(m) };
  }

  it('sends unanswered calls again on the new link and answers each call once', async () => {
    const client = new HostClient();
    const first = recordingLink();
    client.setLink(first);
    const p = client.call<string>({ op: 'status' });
    const done = client.call<string>({ op: 'status' });
    client.receive({ t: 'reply', id: first.sent[1]!.id, ok: true, value: 'second' });
    await expect(done).resolves.toBe('second');

    const second = recordingLink();
    client.setLink(second);
    // Only the unanswered call goes again, with the same id (so the leader can tell a repeat).
    expect(second.sent.map((m) => m.id)).toEqual([first.sent[0]!.id]);
    const results: string[] = [];
    void p.then((v) => results.push(v));
    client.receive({ t: 'reply', id: first.sent[0]!.id, ok: true, value: 'from the new leader' });
    client.receive({ t: 'reply', id: first.sent[0]!.id, ok: true, value: 'from the old leader, late' });
    await settle();
    expect(results).toEqual(['from the new leader']);
  });

  it('fails a call whose body was moved to the old engine instead of sending it again without its body', async () => {
    const client = new HostClient();
    const sent: HostRequest[] = [];
    client.setLink({ transfers: true, send: (m) => void sent.push(m) });
    const body = new Uint8Array(8).buffer;
    const moved = client.call({ op: 'status' }, [body]);
    const plain = client.call<string>({ op: 'status' });
    const second = recordingLink();
    client.setLink(second);
    await expect(moved).rejects.toThrow(/changed while it held this request's body/);
    // The call that moved nothing is sent again as before.
    expect(second.sent.map((m) => m.id)).toEqual([sent[1]!.id]);
    client.receive({ t: 'reply', id: sent[1]!.id, ok: true, value: 'answered' });
    await expect(plain).resolves.toBe('answered');
  });
});

describe('an engine that stops answering', () => {
  /** A link to `h` over a real MessageChannel, for an existing client (a page that reconnects). */
  function linkTo(h: EngineHost, client: HostClient): Link {
    const { port1, port2 } = new MessageChannel();
    const hostPort: HostPort = { postMessage: (m, t) => port1.postMessage(m, t) };
    h.addPort(hostPort);
    port1.addEventListener('message', (ev) => void h.handle(hostPort, (ev as MessageEvent).data as HostRequest));
    port1.start();
    port2.addEventListener('message', (ev) => client.receive((ev as MessageEvent).data));
    port2.start();
    return { transfers: true, send: (msg, transfer) => port2.postMessage(msg, transfer) };
  }

  it('fails the waiting calls with a clear error, and the page carries on with a new engine on the same lab', async () => {
    const sb = await createSandbox();
    const client = new HostClient();
    client.setLink(linkTo(host(async () => sb), client));
    const page = await proxySandbox({ client, mode: () => 'shared-worker', close: () => undefined });
    const first = await kmsOf(page).send(new CreateKeyCommand({ Description: 'before the engine stopped' }));

    // The engine's worker is gone: messages to it go nowhere, and no event says so (Chromium's SharedWorker).
    const dropped: string[] = [];
    client.setLink({ transfers: true, send: (m) => void dropped.push(m.op) });
    let losses = 0;
    const unwatch = client.watch({
      everyMs: 20,
      lostAfterMs: 100,
      onLost: () => {
        losses++;
        // A new engine over the same saved lab, as a new SharedWorker opens the same IndexedDB store.
        client.setLink(linkTo(host(async () => sb), client));
      },
    });
    try {
      const lost = kmsOf(page).send(new CreateKeyCommand({ Description: 'sent to the stopped engine' }));
      await expect(lost).rejects.toMatchObject({ name: 'SandboxEngineStopped', message: ENGINE_LOST_MESSAGE });
      expect(losses).toBe(1);
      // The page pinged before it gave up: the call, then one ping.
      expect(dropped).toEqual(['handle', 'ping']);
      const after = await kmsOf(page).send(new CreateKeyCommand({ Description: 'after' }));
      const ids = (await kmsOf(page).send(new ListKeysCommand({}))).Keys?.map((k) => k.KeyId);
      expect(ids).toEqual(expect.arrayContaining([first.KeyMetadata!.KeyId, after.KeyMetadata!.KeyId]));
      expect(losses).toBe(1);
    } finally {
      unwatch();
    }
  });

  it('never takes a busy engine for lost: it answers pings while a long call runs', async () => {
    const sb = await createSandbox();
    let open!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    // The engine takes ten times the watch's limit to open: the first call waits that long.
    const h = host(async () => {
      await opened;
      return sb;
    });
    const client = new HostClient();
    client.setLink(linkTo(h, client));
    let losses = 0;
    const unwatch = client.watch({ everyMs: 20, lostAfterMs: 100, onLost: () => void losses++ });
    try {
      const status = client.call<{ epoch: number }>({ op: 'status' });
      await new Promise((r) => setTimeout(r, 1000));
      open();
      await expect(status).resolves.toMatchObject({ epoch: expect.any(Number) });
      expect(losses).toBe(0);
    } finally {
      unwatch();
    }
  });

  it('an idle page sends nothing, and a call after a long quiet spell is not taken for lost at once', async () => {
    const sent: string[] = [];
    const client = new HostClient();
    client.setLink({ transfers: false, send: (m) => void sent.push(m.op) });
    let losses = 0;
    const unwatch = client.watch({ everyMs: 20, lostAfterMs: 100, onLost: () => void losses++ });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(sent).toEqual([]);
      const call = client.call({ op: 'status' });
      call.catch(() => undefined);
      // Quiet for 300 ms before the call, yet the call gets its own wait: a ping first, then the limit.
      await new Promise((r) => setTimeout(r, 50));
      expect(losses).toBe(0);
      await expect(call).rejects.toMatchObject({ name: 'SandboxEngineStopped' });
      expect(sent).toEqual(['status', 'ping']);
    } finally {
      unwatch();
    }
  });

  it('gives a new engine the whole wait: calls sent again to it are not failed by the old engine’s ping', async () => {
    const client = new HostClient();
    client.setLink({ transfers: false, send: () => undefined });
    let losses = 0;
    const unwatch = client.watch({ everyMs: 200, lostAfterMs: 1000, onLost: () => void losses++ });
    try {
      const call = client.call({ op: 'status' });
      call.catch(() => undefined);
      // The old engine never answers: its ping went out at about 200 ms and would be given up at about 1,200.
      await new Promise((r) => setTimeout(r, 700));
      const resent: string[] = [];
      client.setLink({ transfers: false, send: (m) => void resent.push(m.op) });
      expect(resent).toContain('status');
      await new Promise((r) => setTimeout(r, 800));
      // 1,500 ms: past the old ping's limit, but the new link's wait began at 700.
      expect(losses).toBe(0);
      await expect(call).rejects.toMatchObject({ name: 'SandboxEngineStopped' });
      expect(losses).toBe(1);
    } finally {
      unwatch();
    }
  });

  it('watches a ping the page sends itself like any call (the leader tab checking its engine for a follower)', async () => {
    const sent: string[] = [];
    const client = new HostClient();
    client.setLink({ transfers: false, send: (m) => void sent.push(m.op) });
    let losses = 0;
    const unwatch = client.watch({ everyMs: 20, lostAfterMs: 100, onLost: () => void losses++ });
    try {
      await expect(client.call({ op: 'ping' })).rejects.toMatchObject({ name: 'SandboxEngineStopped' });
      expect(losses).toBe(1);
      // The page's ping, then the watch's own.
      expect(sent).toEqual(['ping', 'ping']);
    } finally {
      unwatch();
    }
  });

  it('refuses to stop its worker when the test hooks are off', async () => {
    const sb = await createSandbox();
    let stopped = 0;
    const h = new EngineHost({ hostKind: 'test', open: async () => sb, clearStore: async () => {}, stop: () => void stopped++ });
    const page = await proxySandbox(attach(h));
    await expect(page.stopEngine()).rejects.toMatchObject({ name: 'TestHooksOff' });
    expect(stopped).toBe(0);
  });
});

describe('S3 data events through the host', () => {
  it('a page reads the object calls LookupEvents leaves out, newest first', async () => {
    const sb = await createSandbox();
    const h = host(async () => sb);
    const page = await proxySandbox(attach(h));
    const { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({ region: 'us-east-1', credentials: SANDBOX_ADMIN_CREDENTIALS, requestHandler: page.requestHandler, maxAttempts: 1, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'host-events' }));
    await s3.send(new PutObjectCommand({ Bucket: 'host-events', Key: 'k', Body: 'through the host' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'host-events', Key: 'k' }));
    expect(await got.Body!.transformToString()).toBe('through the host');
    const events = await page.s3DataEvents();
    expect(events.map((e) => e.eventName)).toEqual(['GetObject', 'PutObject']);
    expect(events[0]!.resources?.[0]?.ARN).toBe('arn:aws:s3:::host-events/k');
    expect(events.every((e) => e.managementEvent === false)).toBe(true);
  });
});

describe('request quotas through the host', () => {
  it('count a call when the page sent it, not when a busy engine gets to it', async () => {
    const sb = await createSandbox({ quotas: 'teaching' });
    // A busy engine: each call waits its turn, and each turn takes longer than the CreateKey bucket
    // (1 a second at the teaching scale) needs to refill.
    let turn: Promise<unknown> = Promise.resolve();
    const busy: Opened = {
      ...sb,
      requestHandler: {
        ...sb.requestHandler,
        handle: (request, options) => {
          const run = turn.then(async () => {
            await new Promise((r) => setTimeout(r, 1_100));
            return sb.requestHandler.handle(request, options);
          });
          turn = run.catch(() => undefined);
          return run;
        },
      },
    };
    const page = await proxySandbox(attach(host(async () => busy)));
    const kms = kmsOf(page);
    const [first, second] = await Promise.allSettled([kms.send(new CreateKeyCommand({})), kms.send(new CreateKeyCommand({}))]);
    expect(first.status).toBe('fulfilled');
    // Both arrived within the same second: the second is throttled although it ran 1.1 s later.
    expect(second).toMatchObject({ status: 'rejected', reason: { name: 'ThrottlingException' } });
  });
});
