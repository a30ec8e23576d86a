import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox';
import { ClientSupplier, createBackendRuntime, type SandboxLike } from '../../connection/client-supplier';
import { memoryStorage } from '../../connection/credentials';
import { createInspectorStore } from '../../connection/inspector-store';
import { keyPrefixFor, type BackendSettings } from '../../connection/settings';
import type { ConnectionInfo } from '../../connection/types';
import { describeKeyQueryOptions, listAliasesQueryOptions, listKeysQueryOptions, lookupEventsQueryOptions } from '..';

const sandboxSettings: BackendSettings = { backend: 'sandbox', region: 'us-east-1', identity: 'guest' };

function sandboxRuntime() {
  const sb = createSandbox();
  const runtime = createBackendRuntime(sandboxSettings, {
    inspector: createInspectorStore(),
    storage: memoryStorage(),
    loadSandbox: async () => (await sb) as unknown as SandboxLike,
  });
  return { runtime };
}

function infoFor(runtime: ReturnType<typeof createBackendRuntime>): ConnectionInfo {
  const s = runtime.settings;
  return { backend: s.backend, region: s.region, keyPrefix: keyPrefixFor(s), clients: runtime.clients };
}

describe('backend isolation of query keys', () => {
  const aws: BackendSettings = {
    backend: 'aws',
    region: 'us-east-1',
    identityPoolId: 'us-east-1:0b0e3f6c-1111-2222-3333-444455556666',
    roleArn: 'arn:aws:iam::123456789012:role/KmsStudyLabGuestRole',
  };
  const endpoint: BackendSettings = { backend: 'endpoint', region: 'us-east-1', endpoint: 'http://127.0.0.1:5000', auth: 'static' };

  it('every read key starts with the backend, account, region and target, so no two backends share data', () => {
    const supplier = new ClientSupplier({ storage: memoryStorage() });
    const settings = [sandboxSettings, { ...sandboxSettings, region: 'us-west-2' }, aws, endpoint];
    const keys = settings.map((s) => listKeysQueryOptions(infoFor(supplier.get(s))).queryKey);
    keys.forEach((k, i) => expect(k.slice(0, 4)).toEqual([...keyPrefixFor(settings[i]!)]));
    // backend, account, region: the aws backend's account comes from its guest role ARN.
    expect(keys.map((k) => k.slice(0, 3))).toEqual([
      ['sandbox', '111122223333', 'us-east-1'],
      ['sandbox', '111122223333', 'us-west-2'],
      ['aws', '123456789012', 'us-east-1'],
      ['endpoint', '-', 'us-east-1'],
    ]);
    expect(new Set(keys.map((k) => JSON.stringify(k))).size).toBe(settings.length);
  });

  it('every shared read starts with the connection’s keyPrefix', () => {
    const info = infoFor(new ClientSupplier({ storage: memoryStorage() }).get(sandboxSettings));
    for (const key of [
      listKeysQueryOptions(info).queryKey,
      listAliasesQueryOptions(info).queryKey,
      describeKeyQueryOptions(info, 'k').queryKey,
      lookupEventsQueryOptions(info, { eventName: 'Decrypt' }).queryKey,
    ])
      expect(key.slice(0, 4)).toEqual([...info.keyPrefix]);
  });

  it('data cached for the sandbox is not seen on another backend or region', async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { runtime } = sandboxRuntime();
    await qc.fetchQuery(listKeysQueryOptions(infoFor(runtime)));
    const supplier = new ClientSupplier({ storage: memoryStorage() });
    expect(qc.getQueryData(listKeysQueryOptions(infoFor(runtime)).queryKey)).toEqual([]);
    expect(qc.getQueryData(listKeysQueryOptions(infoFor(supplier.get(aws))).queryKey)).toBeUndefined();
    expect(qc.getQueryData(listKeysQueryOptions(infoFor(supplier.get({ ...sandboxSettings, region: 'us-west-2' }))).queryKey)).toBeUndefined();
  });
});

