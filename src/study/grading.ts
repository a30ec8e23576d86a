import type { Outcome } from './outcome';
import { optionForOutcome, type ChoiceQuestion, type PredictQuestion } from './schema';

export interface ChoiceGrade {
  correct: boolean;
  /** Correct options the learner left out. */
  missed: string[];
  /** Wrong options the learner chose. */
  wrongPicks: string[];
}

/**
 * Single answer: the one correct option. Multiple answer: exactly the set of correct options —
 * all or nothing, as the exam scores multiple-response items (no partial credit).
 */
export function gradeChoice(question: ChoiceQuestion, selected: readonly string[]): ChoiceGrade {
  const picked = new Set(selected);
  const known = new Set(question.options.map((o) => o.id));
  const missed = question.options.filter((o) => o.correct && !picked.has(o.id)).map((o) => o.id);
  const wrongPicks = [...picked].filter((id) => !known.has(id) || !question.options.find((o) => o.id === id)?.correct);
  const tooMany = question.type === 'single' && picked.size !== 1;
  return { correct: missed.length === 0 && wrongPicks.length === 0 && !tooMany, missed, wrongPicks };
}

export type PredictionGrade =
  | { status: 'correct'; actualOptionId: string; matchesAws: boolean }
  | { status: 'wrong'; actualOptionId: string; matchesAws: boolean }
  /** The backend answered with something none of the predictions names (e.g. AccessDenied on a guest role). */
  | { status: 'unmatched'; actualOptionId: undefined; matchesAws: false };

/**
 * Grades the learner's prediction against what the backend actually did. `matchesAws` tells
 * whether that backend behaved as AWS documents, so the panel can say when an emulator differs.
 */
export function gradePrediction(question: PredictQuestion, predictedOptionId: string, actual: Outcome): PredictionGrade {
  const option = optionForOutcome(question, actual);
  if (!option) return { status: 'unmatched', actualOptionId: undefined, matchesAws: false };
  const matchesAws = option.id === question.expected;
  return { status: option.id === predictedOptionId ? 'correct' : 'wrong', actualOptionId: option.id, matchesAws };
}
