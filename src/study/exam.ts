import { gradeChoice } from './grading';
import { seededRandom, hashSeed } from './shuffle';
import { guideSkills, skillOf, type ChoiceQuestion, type GuideSkill, type Question } from './schema';

/**
 * Exam-format sets: the exam allows about two minutes an item (65 items in 130 minutes), scores
 * multiple-response items all or nothing, and shows no explanations until the end.
 */
export const EXAM_DEFAULT_ITEMS = 20;
export const MINUTES_PER_ITEM = 2;

/** Draws `count` choice items (predict items need a backend, so they stay in the labs), every guide skill represented where possible. */
export function drawExamSet(questions: readonly Question[], count: number, seed: string): ChoiceQuestion[] {
  const pool = questions.filter((q): q is ChoiceQuestion => q.type !== 'predict');
  const random = seededRandom(hashSeed(seed));
  const shuffled = [...pool];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as ChoiceQuestion, shuffled[i] as ChoiceQuestion];
  }
  const picked: ChoiceQuestion[] = [];
  for (const skill of Object.keys(guideSkills) as GuideSkill[]) {
    if (picked.length >= count) break;
    const first = shuffled.find((q) => skillOf(q) === skill && !picked.includes(q));
    if (first) picked.push(first);
  }
  for (const q of shuffled) {
    if (picked.length >= count) break;
    if (!picked.includes(q)) picked.push(q);
  }
  // Shuffle the picked order again so the skill-first picks are not always at the start.
  for (let i = picked.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [picked[i], picked[j]] = [picked[j] as ChoiceQuestion, picked[i] as ChoiceQuestion];
  }
  return picked;
}

export interface ExamResult {
  total: number;
  right: number;
  percent: number;
  byTopic: { name: string; right: number; total: number }[];
  bySkill: { name: string; skill: GuideSkill; right: number; total: number }[];
  missed: string[];
}

export function scoreExam(items: readonly ChoiceQuestion[], answers: Readonly<Record<string, readonly string[]>>): ExamResult {
  const topic = new Map<string, { right: number; total: number }>();
  const skill = new Map<GuideSkill, { right: number; total: number }>();
  const missed: string[] = [];
  let right = 0;
  for (const q of items) {
    const ok = gradeChoice(q, answers[q.id] ?? []).correct;
    if (ok) right += 1;
    else missed.push(q.id);
    const t = topic.get(q.topic) ?? { right: 0, total: 0 };
    t.total += 1;
    if (ok) t.right += 1;
    topic.set(q.topic, t);
    const s = skill.get(skillOf(q)) ?? { right: 0, total: 0 };
    s.total += 1;
    if (ok) s.right += 1;
    skill.set(skillOf(q), s);
  }
  return {
    total: items.length,
    right,
    percent: items.length === 0 ? 0 : Math.round((right / items.length) * 100),
    byTopic: [...topic.entries()].map(([name, v]) => ({ name, ...v })).sort((a, b) => a.right / a.total - b.right / b.total || a.name.localeCompare(b.name)),
    bySkill: [...skill.entries()].map(([s, v]) => ({ name: guideSkills[s], skill: s, ...v })).sort((a, b) => a.right / a.total - b.right / b.total),
    missed,
  };
}
