import type { Checksum, ChecksumConstructor, SourceData } from '@smithy/types';

interface NodeHashLike {
  update(data: Uint8Array | string): unknown;
  digest(): Uint8Array;
}
interface NodeCryptoLike {
  createHash(alg: string): NodeHashLike;
  createHmac(alg: string, key: Uint8Array | string): NodeHashLike;
}

/**
 * Node's native SHA-256/HMAC for SigV4 verification when the sandbox runs in Node (tests, the HTTP
 * server, the bench), found through `process.getBuiltinModule` so that no Node module is imported and
 * the browser bundle is unaffected. Undefined in the browser, where the pure-JS hash is used.
 */
export function nativeSha256(): ChecksumConstructor | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeCrypto = proc?.getBuiltinModule?.('node:crypto') as NodeCryptoLike | undefined;
  if (!nodeCrypto) return undefined;
  const { createHash, createHmac } = nodeCrypto;

  return class NativeSha256 implements Checksum {
    private h: NodeHashLike;
    constructor(private readonly secret?: SourceData) {
      this.h = this.fresh();
    }
    private fresh(): NodeHashLike {
      const s = this.secret;
      if (s === undefined) return createHash('sha256');
      const key =
        typeof s === 'string' ? s : ArrayBuffer.isView(s) ? new Uint8Array(s.buffer, s.byteOffset, s.byteLength) : new Uint8Array(s);
      return createHmac('sha256', key);
    }
    update(data: Uint8Array): void {
      this.h.update(data);
    }
    async digest(): Promise<Uint8Array> {
      return new Uint8Array(this.h.digest());
    }
    reset(): void {
      this.h = this.fresh();
    }
  };
}
