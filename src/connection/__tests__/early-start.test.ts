import { describe, expect, it } from 'vitest';
import { sandboxIsLikely, savedSettingsJson, takeEarlyLabConfig } from '../early-start';

// What the entry decides before the app has loaded: start the sandbox's worker, or leave it.
describe('the entry’s early start', () => {
  it('starts the sandbox for nothing saved or a plain sandbox setting, and not for another backend or unreadable settings', () => {
    expect(sandboxIsLikely(savedSettingsJson(null))).toBe(true);
    expect(sandboxIsLikely(savedSettingsJson(''))).toBe(true);
    expect(sandboxIsLikely(savedSettingsJson('{"backend":"sandbox","region":"eu-west-1","identity":"admin"}'))).toBe(true);
    expect(sandboxIsLikely(savedSettingsJson('{"backend":"aws","region":"us-east-1","identityPoolId":"us-east-1:x"}'))).toBe(false);
    expect(sandboxIsLikely(savedSettingsJson('{"backend":"endpoint","region":"us-east-1","endpoint":"http://127.0.0.1:5000"}'))).toBe(false);
    // A sandbox setting the quick check cannot vouch for goes through the full settings code first.
    expect(sandboxIsLikely(savedSettingsJson('{"backend":"sandbox","region":"not a region"}'))).toBe(false);
    expect(savedSettingsJson('{not json')).toBeNull();
    expect(sandboxIsLikely(savedSettingsJson('{not json'))).toBe(false);
  });

  it('has no early lab-config.json read to hand over when the entry did not start one', () => {
    expect(takeEarlyLabConfig()).toBeUndefined();
  });
});
