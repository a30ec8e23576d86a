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

export interface PredictionGrade {
  /** Right when the prediction is what AWS documents (`expected`), whatever this backend did. */
  correct: boolean;
  /** The option the backend's outcome stands for; undefined when none names it (AccessDenied on a guest role, say). */
  actualOptionId: string | undefined;
  /** Whether the backend behaved as AWS documents, so the panel can say when it differs. */
  matchesAws: boolean;
}

/**
 * Grades the learner's prediction against what AWS documents (the exam's truth), and reports
 * what the active backend did beside it: an emulator such as moto differs from AWS in places, and a
 * learner who predicts AWS's behaviour must not be marked wrong for it.
 */
export function gradePrediction(question: PredictQuestion, predictedOptionId: string, actual: Outcome): PredictionGrade {
  const option = optionForOutcome(question, actual);
  return {
    correct: predictedOptionId === question.expected,
    actualOptionId: option?.id,
    matchesAws: option?.id === question.expected,
  };
}
