import { describe, expect, it } from 'vitest';
import { KEY_STATE_TABLE, keyStateError, type KeyState, type KeyStateOperation, type KeyStateOutcome } from '../key-states';
import { FOOTNOTES, GUIDE_COLUMNS, GUIDE_TABLE } from './fixtures/key-state-guide-table';

/**
 * The key-state table against the documentation's table: every operation of the developer guide's
 * "Key states of AWS KMS keys" table (fixtures/key-state-guide-table.ts, transcribed as data) in every
 * key state, cell by cell, against kms/key-states.ts. Where the sandbox knowingly answers otherwise, the
 * cell is listed in SANDBOX_DIFFERS with the reason, and pinned there.
 */

/** What each footnote means in the sandbox's table (undefined: no outcome of its own). */
const FOOTNOTE_OUTCOME: Record<number, KeyStateOutcome | undefined> = {
  1: 'disabled',
  // The guide allows DisabledException "is pending deletion" or KMSInvalidStateException [3]; AWS answered
  // KMSInvalidStateException (kms-behavior.md §4, V), so the sandbox never uses this one.
  2: undefined,
  3: 'pendingDeletion',
  4: 'notPendingDeletion',
  5: 'pendingImport',
  6: 'externalOrigin',
  // Decided by the key's origin or key store, which the operation checks itself before the state.
  7: 'ok',
  // An imported key pending deletion: KMSInvalidStateException (the sandbox's "is pending deletion.").
  8: 'pendingDeletion',
  // Decided by the key's origin (import.ts's assertExternal), before the state.
  9: 'ok',
  // UpdateAlias: the row applies to the new target key; the old one may be pending deletion.
  10: 'pendingDeletion',
  11: 'unavailable',
  12: 'ok',
  13: undefined,
  14: 'creating',
  15: 'updating',
};

const CONDITIONAL = new Set([7, 9]);

/** The outcomes a cell of the guide allows the sandbox's table to hold. */
function allowed(cell: string): KeyStateOutcome[] {
  const symbol = cell.charAt(0);
  const notes = [...cell.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  if (symbol === '✓') return ['ok'];
  const outcomes = (ns: number[]) => [...new Set(ns.map((n) => FOOTNOTE_OUTCOME[n]).filter((o): o is KeyStateOutcome => o !== undefined))];
  if (symbol === '?') return outcomes(notes);
  if (symbol === 'X') {
    // "X [1] or [7]": the state's own error, unless the key's origin or store refuses it first.
    const firm = outcomes(notes.filter((n) => !CONDITIONAL.has(n)));
    return firm.length > 0 ? firm : outcomes(notes);
  }
  return []; // N/A
}

/**
 * Cells where the sandbox knowingly answers otherwise than the guide's cell allows (or where the guide
 * has no answer: N/A), pinned to what the sandbox does.
 */
const SANDBOX_DIFFERS: Record<string, KeyStateOutcome> = {
  // Sandbox differs: the 2023 table marks PendingImport N/A for asymmetric and HMAC operations because
  // such keys could not hold imported material then; AWS has created and imported EXTERNAL RSA, ECC and
  // HMAC keys since 2025 (kms-behavior.md §5.1, S), so the sandbox answers them as Encrypt does.
  'Sign.PendingImport': 'pendingImport',
  'Verify.PendingImport': 'pendingImport',
  'GenerateMac.PendingImport': 'pendingImport',
  'VerifyMac.PendingImport': 'pendingImport',
  'GetPublicKey.PendingImport': 'pendingImport',
  // Sandbox differs: the sandbox has no custom key stores, so no key is ever Unavailable. Where the guide
  // says N/A (these keys cannot live in a custom key store) the row keeps cryptography's "is unavailable.".
  'Sign.Unavailable': 'unavailable',
  'Verify.Unavailable': 'unavailable',
  'GenerateMac.Unavailable': 'unavailable',
  'VerifyMac.Unavailable': 'unavailable',
  'GetPublicKey.Unavailable': 'unavailable',
  'ReplicateKey.Unavailable': 'unavailable',
  'UpdatePrimaryRegion.Unavailable': 'unavailable',
  'DeleteImportedKeyMaterial.Unavailable': 'ok',
};

/** Operations the sandbox has that came to KMS after the guide's copy of the table, with their rows. */
const NEWER_THAN_THE_GUIDE: Partial<Record<KeyStateOperation, Record<KeyState, KeyStateOutcome>>> = {
  // A key agreement is cryptography: the same row as Encrypt.
  DeriveSharedSecret: {
    Enabled: 'ok', Disabled: 'disabled', PendingDeletion: 'pendingDeletion', PendingImport: 'pendingImport',
    Creating: 'creating', Unavailable: 'unavailable', Updating: 'ok', PendingReplicaDeletion: 'pendingDeletion',
  },
  // Recorded: Disabled -> DisabledException, PendingImport -> "is pending import." (kms-behavior.md Appendix A).
  RotateKeyOnDemand: {
    Enabled: 'ok', Disabled: 'disabled', PendingDeletion: 'pendingDeletion', PendingImport: 'pendingImport',
    Creating: 'creating', Unavailable: 'unavailable', Updating: 'ok', PendingReplicaDeletion: 'pendingDeletion',
  },
  // A read, like ListResourceTags.
  ListKeyRotations: {
    Enabled: 'ok', Disabled: 'ok', PendingDeletion: 'ok', PendingImport: 'ok',
    Creating: 'ok', Unavailable: 'ok', Updating: 'ok', PendingReplicaDeletion: 'ok',
  },
};

/** The guide's column for a sandbox state (one column holds PendingDeletion and PendingReplicaDeletion). */
const columnOf = (state: KeyState): number =>
  GUIDE_COLUMNS.indexOf(state === 'PendingReplicaDeletion' ? 'PendingDeletion' : (state as (typeof GUIDE_COLUMNS)[number]));

const STATES: KeyState[] = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'Creating', 'Unavailable', 'Updating', 'PendingReplicaDeletion'];
const ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe("the key-state table against the documentation's table", () => {
  it('has a row for every operation of the guide, and every other row is one KMS added later', () => {
    const sandboxOps = Object.keys(KEY_STATE_TABLE).sort();
    const guideOps = Object.keys(GUIDE_TABLE).sort();
    expect(guideOps.filter((op) => !sandboxOps.includes(op))).toEqual([]);
    expect(sandboxOps.filter((op) => !guideOps.includes(op))).toEqual(Object.keys(NEWER_THAN_THE_GUIDE).sort());
  });

  for (const [op, cells] of Object.entries(GUIDE_TABLE)) {
    it(`${op}: every key state as the guide's row says`, () => {
      const row = KEY_STATE_TABLE[op as KeyStateOperation];
      for (const state of STATES) {
        const cell = cells[columnOf(state)]!;
        const pinned = SANDBOX_DIFFERS[`${op}.${state}`];
        if (pinned !== undefined) {
          expect(`${op}.${state}: ${row[state]}`).toBe(`${op}.${state}: ${pinned}`);
          continue;
        }
        const ok = allowed(cell);
        expect(ok.length, `${op}.${state}: the guide's cell '${cell}' has no answer; list it in SANDBOX_DIFFERS`).toBeGreaterThan(0);
        expect(ok, `${op}.${state}: the guide says '${cell}', the sandbox '${row[state]}'`).toContain(row[state]);
      }
    });
  }

  it('lists no difference the guide does not need (every pinned cell is N/A or outside what the guide allows)', () => {
    for (const key of Object.keys(SANDBOX_DIFFERS)) {
      const [op, state] = key.split('.') as [string, KeyState];
      const cell = GUIDE_TABLE[op]![columnOf(state)]!;
      expect(allowed(cell), key).not.toContain(SANDBOX_DIFFERS[key]);
    }
  });

  it('rows of operations newer than the guide are pinned whole', () => {
    for (const [op, row] of Object.entries(NEWER_THAN_THE_GUIDE)) expect([op, KEY_STATE_TABLE[op as KeyStateOperation]]).toEqual([op, row]);
  });

  it("answers each footnote's error in the footnote's code and words", () => {
    for (const [n, note] of Object.entries(FOOTNOTES)) {
      const outcome = FOOTNOTE_OUTCOME[Number(n)];
      if (!note.message || !outcome || outcome === 'ok') continue;
      const err = keyStateError(outcome, ARN);
      expect([n, err.code]).toEqual([n, note.code]);
      // "(or pending replica deletion)" is the guide's shorthand for the other state of the same column.
      const message = note.message.replace(' (or pending replica deletion)', '').replace('<key ARN>', ARN);
      expect([n, err.message]).toEqual([n, message]);
    }
  });
});
