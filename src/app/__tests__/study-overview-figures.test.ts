import { describe, expect, it } from 'vitest';
import { emptyProgress, recordAnswer } from '../../study/progress';
import { loadBank } from '../bank';
import { computeOverview } from '../study-overview-figures';

const NOW = Date.UTC(2026, 11, 4, 12);

describe("the start page's study figures (computed in its worker from what the page sends)", () => {
  it('count the stored answers against the whole bank, by skill and by trap', async () => {
    const bank = await loadBank();
    const [first, second] = bank;
    if (!first || !second) throw new Error('the bank has fewer than two questions');
    let p = recordAnswer(emptyProgress('l-test'), first.id, { correct: true, selected: ['x'] }, NOW);
    p = recordAnswer(p, second.id, { correct: false, selected: ['y'] }, NOW);
    const figures = await computeOverview({ id: 1, progress: JSON.stringify(p), learnerId: 'l-test', now: NOW });
    expect(figures.total).toBe(bank.length);
    expect(figures.answered).toBe(2);
    // Every question has one skill: the skill rows add up to the bank and to the answers.
    expect(figures.bySkill.reduce((n, r) => n + r.total, 0)).toBe(bank.length);
    expect(figures.bySkill.reduce((n, r) => n + r.answered, 0)).toBe(2);
    expect(figures.bySkill.reduce((n, r) => n + r.right, 0)).toBe(1);
    expect(figures.byTrap.map((r) => r.name)).toEqual(['Trap 1', 'Trap 2', 'Trap 3', 'Trap 4', 'Trap 5', 'Trap 6', 'Trap 7', 'Trap 8']);
    // Plain data: what a worker can post to the page.
    expect(structuredClone(figures)).toEqual(figures);
  });

  it('an unreadable stored value counts as no answers, never an error', async () => {
    const figures = await computeOverview({ id: 2, progress: '{not json', learnerId: null, now: NOW });
    expect(figures.answered).toBe(0);
    expect(figures.total).toBeGreaterThan(0);
    expect(figures.bySkill.every((r) => r.answered === 0 && r.right === 0)).toBe(true);
  });
});
