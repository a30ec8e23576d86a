import type { Question } from '../study/schema';

// Every lab's questions (found by glob, as the lab route finds them) and the study bank's own
// items, for the study, exam and class pages and the start page's progress. Loaded lazily: the
// experiments bring the SDK with them.
const labFiles = import.meta.glob<Record<string, unknown>>('../labs/*/questions.ts');

let cached: Promise<Question[]> | undefined;

export function loadBank(): Promise<Question[]> {
  cached ??= (async () => {
    const mods = await Promise.all(Object.keys(labFiles).sort().map((k) => labFiles[k]!()));
    const { studyBank } = await import('../study/bank');
    return [...mods.flatMap((m) => Object.values(m).filter(Array.isArray).flat() as Question[]), ...studyBank];
  })();
  return cached;
}
