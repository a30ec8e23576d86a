import { describe, expect, it } from 'vitest';
import { emptyProgress, recordAnswer } from '../progress';
import type { Question } from '../schema';
import { conceptCards, dueToday, ratingFor, replay, studyOrder } from '../srs';
import { Rating } from 'ts-fsrs';

const DAY = 86_400_000;
const start = Date.UTC(2026, 0, 5, 9, 0, 0);

function q(id: string, concept: string): Question {
  return {
    id,
    labId: 'test',
    type: 'single',
    topic: 'T',
    concept,
    drills: { kind: 'concept', label: concept },
    sources: [{ label: 'Guide 002 — x' }],
    prompt: 'Which?',
    options: [
      { id: 'a', text: 'A', correct: true, explanation: 'A is right here.' },
      { id: 'b', text: 'B', correct: false, explanation: 'B is wrong here.' },
    ],
  };
}

describe('FSRS scheduling (fake clock)', () => {
  it('rates by correctness and confidence', () => {
    expect(ratingFor(false, 'sure')).toBe(Rating.Again);
    expect(ratingFor(true, 'guess')).toBe(Rating.Hard);
    expect(ratingFor(true, undefined)).toBe(Rating.Good);
    expect(ratingFor(true, 'sure')).toBe(Rating.Easy);
  });

  it('an item answered wrongly comes back sooner than one answered right', () => {
    const right = replay([{ at: start, correct: true }]);
    const wrong = replay([{ at: start, correct: false }]);
    expect(wrong.due.getTime()).toBeLessThan(right.due.getTime());
    // After a few right answers the gap grows to days; a lapse brings it back within the day.
    const learned = replay([0, 1, 4, 12].map((d) => ({ at: start + d * DAY, correct: true })));
    expect(learned.due.getTime() - (start + 12 * DAY)).toBeGreaterThan(5 * DAY);
    const lapsed = replay([...[0, 1, 4, 12].map((d) => ({ at: start + d * DAY, correct: true })), { at: start + 30 * DAY, correct: false }]);
    expect(lapsed.due.getTime() - (start + 30 * DAY)).toBeLessThan(DAY);
  });

  it('one card per concept, fed by every item that drills it', () => {
    const bank = [q('a1', 'alias'), q('a2', 'alias'), q('r1', 'rotation')];
    let p = recordAnswer(emptyProgress('l-test'), 'a1', { correct: true, selected: ['a'] }, start);
    p = recordAnswer(p, 'a2', { correct: true, selected: ['a'] }, start + 2 * DAY);
    const cards = conceptCards(bank, p);
    expect([...cards.keys()]).toEqual(['alias']);
    expect(cards.get('alias')?.reviews).toBe(2);
    expect(cards.get('alias')?.itemIds).toEqual(['a1', 'a2']);
  });

  it('the due-today queue holds due concepts, with the item answered longest ago', () => {
    const bank = [q('a1', 'alias'), q('a2', 'alias'), q('r1', 'rotation')];
    let p = recordAnswer(emptyProgress('l-test'), 'a1', { correct: false, selected: ['b'] }, start);
    p = recordAnswer(p, 'r1', { correct: true, selected: ['a'], confidence: 'sure' }, start);
    const queue = dueToday(bank, p, start + 60 * 60_000);
    expect(queue.map((x) => x.concept)).toEqual(['alias']);
    // a2 was never answered, so the review shows it rather than a1's wording again.
    expect(queue[0]?.questionId).toBe('a2');
    expect(dueToday(bank, p, start + 60 * DAY).map((x) => x.concept).sort()).toEqual(['alias', 'rotation']);
  });

  it('study order: due first, then unseen, then later', () => {
    const bank = [q('a1', 'alias'), q('n1', 'new'), q('r1', 'rotation')];
    let p = recordAnswer(emptyProgress('l-test'), 'a1', { correct: false, selected: ['b'] }, start);
    p = recordAnswer(p, 'r1', { correct: true, selected: ['a'], confidence: 'sure' }, start);
    expect(studyOrder(bank, p, start + DAY)).toEqual(['a1', 'n1', 'r1']);
  });
});
