import { OPTIONS_SHUFFLED } from './shuffle';
import { drilledNumbers, isExamStyle, type Question } from './schema';

/** The figures `npm run study:stats` prints about the bank (one JSON line). */
export interface BankStats {
  questions: number;
  by_kind: Record<string, number>;
  traps: Record<string, number>;
  scenarios: Record<string, number>;
  faqs: Record<string, number>;
  exam_style: number;
  multi_select: number;
  options_shuffled: boolean;
  without_source: number;
  last_checked_oldest: string | null;
  without_last_checked: number;
}

function counts(numbers: number[][], upTo: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let n = 1; n <= upTo; n++) out[String(n)] = 0;
  for (const list of numbers) for (const n of list) out[String(n)] = (out[String(n)] ?? 0) + 1;
  return out;
}

export function bankStats(questions: readonly Question[]): BankStats {
  const by_kind: Record<string, number> = {};
  for (const q of questions) by_kind[q.type] = (by_kind[q.type] ?? 0) + 1;
  const numbers = questions.map(drilledNumbers);
  const dates = questions.map((q) => q.lastChecked).filter((d): d is string => typeof d === 'string').sort();
  return {
    questions: questions.length,
    by_kind,
    traps: counts(numbers.map((n) => n.traps), 8),
    scenarios: counts(numbers.map((n) => n.scenarios), 10),
    faqs: counts(numbers.map((n) => n.faqs), 8),
    exam_style: questions.filter(isExamStyle).length,
    multi_select: questions.filter((q) => q.type === 'multiple').length,
    options_shuffled: OPTIONS_SHUFFLED,
    without_source: questions.filter((q) => q.sources.length === 0).length,
    last_checked_oldest: dates[0] ?? null,
    without_last_checked: questions.length - dates.length,
  };
}
