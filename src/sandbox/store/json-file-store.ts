import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SandboxState } from '../shared/state';
import { decodeStored, encodeState } from './state-codec';
import { SandboxStoreError, StoreConflictError, type SandboxStore } from './store';

/**
 * Node only (the HTTP server's `--data FILE`): the state as one JSON file, bytes as {"$b64": ...},
 * written atomically (temp file + rename) so a crash never leaves half a file. Blobs live beside it in
 * `<file>.blobs/`. One process owns the file: the revision is checked against what this process last
 * read or wrote.
 */
export function createJsonFileStore(file: string): SandboxStore {
  let revision: number | undefined;
  const blobDir = `${file}.blobs`;
  const blobPath = (key: string) => join(blobDir, encodeURIComponent(key));
  let tmpSeq = 0;

  const store: SandboxStore = {
    kind: 'json-file',
    shared: false,
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          revision = undefined;
          return undefined;
        }
        throw new SandboxStoreError('unreadable', `The lab file ${file} cannot be read (${(e as Error).message}).`, store, { cause: e });
      }
      if (text.trim() === '') {
        throw new SandboxStoreError('corrupt', `The lab file ${file} is empty. Delete it or reset the lab to start again.`, store);
      }
      const doc = decodeStored(text, store);
      revision = doc.revision;
      return doc;
    },
    async revision() {
      return revision;
    },
    async save(state: SandboxState, expectedRevision: number) {
      const actual = revision ?? 0;
      if (actual !== expectedRevision) throw new StoreConflictError(expectedRevision, actual);
      const next = actual + 1;
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${++tmpSeq}.tmp`;
      await writeFile(tmp, encodeState(state, next), 'utf8');
      await rename(tmp, file);
      revision = next;
      return next;
    },
    async clear() {
      await rm(file, { force: true });
      await rm(blobDir, { recursive: true, force: true });
      revision = undefined;
    },
    async putBlob(key, bytes) {
      await mkdir(blobDir, { recursive: true });
      const p = blobPath(key);
      const tmp = `${p}.${process.pid}.${++tmpSeq}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, p);
    },
    async getBlob(key) {
      try {
        return new Uint8Array(await readFile(blobPath(key)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async deleteBlob(key) {
      await rm(blobPath(key), { force: true });
    },
  };
  return store;
}
