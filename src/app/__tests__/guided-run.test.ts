import { describe, expect, it } from 'vitest';
import { GUIDED_RUN, guidedHref } from '../guided-run';
import { findLab } from '../labs';

describe("the guided run of seed 000's lab", () => {
  it('follows the guide: Part I, II, III, IV, then the clean-up protocol', () => {
    const parts = GUIDED_RUN.map((s) => /^(Part [IV]+|Clean-up)/.exec(s.guide)?.[1]);
    expect(parts).toEqual(['Part I', 'Part I', 'Part II', 'Part II', 'Part II', 'Part III', 'Part IV', 'Clean-up']);
  });

  it('every step lands on a registered lab, its own or the stand-in', () => {
    for (let n = 1; n <= GUIDED_RUN.length; n++) {
      const lab = /#\/labs\/([a-z0-9-]+)\?/.exec(guidedHref(n, (id) => findLab(id) !== undefined))?.[1];
      expect(lab && findLab(lab), `step ${n}`).toBeTruthy();
    }
  });
});
