/**
 * Options are shown in an order shuffled per learner and question, so the written order (where the
 * right answer used to sit first) tells nothing, while a reload — or the teacher's projected screen
 * in the same browser — shows the same order again. Options marked `pinLast` keep their place at
 * the end ("None of the above" reads wrongly anywhere else).
 */

/** FNV-1a, 32-bit: a small, well-spread hash of the seed text. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a seeded generator; not for cryptography, only for a stable order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher–Yates shuffle of the unpinned options, pinned ones appended in written order. */
export function shuffleOptions<T extends { id: string; pinLast?: boolean }>(options: readonly T[], seed: string): T[] {
  const free = options.filter((o) => !o.pinLast);
  const pinned = options.filter((o) => o.pinLast);
  const random = seededRandom(hashSeed(seed));
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = free[i] as T;
    free[i] = free[j] as T;
    free[j] = tmp;
  }
  return [...free, ...pinned];
}

/** The seed for one learner and one question. */
export function optionSeed(learnerId: string, questionId: string): string {
  return `${learnerId}:${questionId}`;
}

/** True: the panel shows options shuffled (reported by `npm run study:stats`). */
export const OPTIONS_SHUFFLED = true;
