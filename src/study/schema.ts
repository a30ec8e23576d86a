import { z } from 'zod';
import type { ConnectionInfo } from '../connection/types';
import { predictedOutcomeSchema, outcomeMatches, type Outcome } from './outcome';

/**
 * The question bank as typed data (DESIGN.md "Labs and study"). Each lab keeps its questions in
 * src/labs/<lab>/questions.ts; the whole bank is validated by src/study/__tests__.
 */

/** Runs one experiment on the active backend. Creates nothing until called; cleans up after itself. */
export type Experiment = (conn: ConnectionInfo) => Promise<Outcome>;

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = z.string().trim().min(1);

export const sourceSchema = z.object({
  /** "Guide 002 — Trap 1", "AWS KMS Developer Guide — Encryption context". */
  label: text,
  /** An AWS documentation page; guide sections have no URL. */
  url: z.url({ protocol: /^https$/ }).optional(),
});
export type Source = z.infer<typeof sourceSchema>;

export const drillKinds = ['trap', 'scenario', 'faq', 'key-number', 'concept', 'guide-correction'] as const;

/** The exam trap, practice scenario, FAQ answer or key number a question drills. */
export const drillSchema = z.object({
  kind: z.enum(drillKinds),
  /** "Trap 1: kms:Encrypt on a large payload". */
  label: text,
});
export type Drill = z.infer<typeof drillSchema>;

/**
 * The DVA-C02 exam-guide skill an item drills (dva-c02-facts.md 1.3). Optional in the schema so
 * items written before it existed still validate; `skillOf` falls back to 'encrypt-decrypt'.
 */
export const guideSkills = {
  'encrypt-decrypt': 'Task 2.2: encrypt and decrypt data with encryption keys',
  concepts: 'Task 2.2: at rest and in transit, client and server side, key types',
  certificates: 'Task 2.2: certificates and SSH keys for development',
  'cross-account': 'Task 2.2: encryption across account boundaries',
  rotation: 'Task 2.2: turn key rotation on and off',
  authorization: 'Task 2.1: key policies, IAM and grants',
  'sensitive-data': 'Task 2.3: sensitive data in application code',
  troubleshooting: 'Domain 4: throttling and quotas',
} as const;
export type GuideSkill = keyof typeof guideSkills;
const guideSkillIds = Object.keys(guideSkills) as [GuideSkill, ...GuideSkill[]];

const baseFields = {
  id: z.string().regex(idPattern, 'ids are kebab-case'),
  labId: z.string().regex(idPattern),
  prompt: text,
  /** A short topic name shown with the question ("Encryption context"). */
  topic: text,
  drills: drillSchema,
  sources: z.array(sourceSchema).min(1),
  /** Where the study guide says something else, what is right (shown after answering). */
  guideCorrection: text.optional(),
  /** The exam-guide skill drilled (defaults to 'encrypt-decrypt' when absent). */
  skill: z.enum(guideSkillIds).optional(),
  /** The day the item's facts were last checked against AWS's documentation, YYYY-MM-DD. */
  lastChecked: z.iso.date().optional(),
  /**
   * The spaced-repetition card this item feeds; items drilling the same idea share one card, so a
   * learner is scheduled on the idea, not on one item's wording. Defaults from `drills` (conceptOf).
   */
  concept: z.string().regex(idPattern).optional(),
};

export const choiceOptionSchema = z.object({
  id: z.string().regex(idPattern),
  text,
  correct: z.boolean(),
  explanation: text,
  /** Keep this option last when shuffling ("None of the above", "Both A and B"). */
  pinLast: z.boolean().optional(),
});
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

export const predictionOptionSchema = z.object({
  id: z.string().regex(idPattern),
  text,
  outcome: predictedOutcomeSchema,
  explanation: text,
  pinLast: z.boolean().optional(),
});
export type PredictionOption = z.infer<typeof predictionOptionSchema>;

function uniqueOptionIds(options: readonly { id: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const option of options) {
    if (seen.has(option.id)) ctx.addIssue({ code: 'custom', message: `duplicate option id ${option.id}`, path: ['options'] });
    seen.add(option.id);
  }
}

export const singleQuestionSchema = z
  .object({ ...baseFields, type: z.literal('single'), options: z.array(choiceOptionSchema).min(2) })
  .superRefine((q, ctx) => {
    uniqueOptionIds(q.options, ctx);
    const correct = q.options.filter((o) => o.correct).length;
    if (correct !== 1) ctx.addIssue({ code: 'custom', message: `single-answer question needs exactly one correct option, has ${correct}`, path: ['options'] });
  });

export const multipleQuestionSchema = z
  .object({ ...baseFields, type: z.literal('multiple'), options: z.array(choiceOptionSchema).min(3) })
  .superRefine((q, ctx) => {
    uniqueOptionIds(q.options, ctx);
    const correct = q.options.filter((o) => o.correct).length;
    if (correct < 2) ctx.addIssue({ code: 'custom', message: `multiple-answer question needs at least two correct options, has ${correct}`, path: ['options'] });
    if (correct === q.options.length) ctx.addIssue({ code: 'custom', message: 'a multiple-answer question needs at least one wrong option', path: ['options'] });
  });

export const predictQuestionSchema = z
  .object({
    ...baseFields,
    type: z.literal('predict'),
    options: z.array(predictionOptionSchema).min(2),
    /** What pressing "Run the experiment" does, in one or two sentences (shown before running). */
    experimentSummary: text,
    /** The option real AWS produces, per the AWS documentation or recordings. */
    expected: z.string().regex(idPattern),
    experiment: z.custom<Experiment>((value) => typeof value === 'function', 'experiment must be a function'),
  })
  .superRefine((q, ctx) => {
    uniqueOptionIds(q.options, ctx);
    if (!q.options.some((o) => o.id === q.expected)) ctx.addIssue({ code: 'custom', message: `expected names no option: ${q.expected}`, path: ['expected'] });
    const keys = q.options.map((o) => (o.outcome.kind === 'success' ? `s:${o.outcome.value}` : `e:${o.outcome.name}`));
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', message: 'two options stand for the same outcome', path: ['options'] });
  });

export const questionSchema = z.union([singleQuestionSchema, multipleQuestionSchema, predictQuestionSchema]);
export type SingleQuestion = z.infer<typeof singleQuestionSchema>;
export type MultipleQuestion = z.infer<typeof multipleQuestionSchema>;
export type PredictQuestion = z.infer<typeof predictQuestionSchema>;
export type Question = SingleQuestion | MultipleQuestion | PredictQuestion;
export type ChoiceQuestion = SingleQuestion | MultipleQuestion;

/** A whole bank (one lab or all labs): every question valid, ids unique across the bank. */
export const questionBankSchema = z.array(questionSchema).superRefine((questions, ctx) => {
  const seen = new Set<string>();
  questions.forEach((q, index) => {
    if (seen.has(q.id)) ctx.addIssue({ code: 'custom', message: `duplicate question id ${q.id}`, path: [index, 'id'] });
    seen.add(q.id);
  });
});

/** Questions are written as typed data; `defineQuestions` only checks the types (zod checks the rest in tests). */
export function defineQuestions(questions: Question[]): Question[] {
  return questions;
}

/** The option a predict question's actual outcome stands for, if any. */
export function optionForOutcome(question: PredictQuestion, outcome: Outcome): PredictionOption | undefined {
  return question.options.find((o) => outcomeMatches(o.outcome, outcome));
}

export function skillOf(question: Question): GuideSkill {
  return question.skill ?? 'encrypt-decrypt';
}

function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** Exam trap, practice scenario and FAQ numbers an item drills, read from its drill label and sources. */
export function drilledNumbers(question: Question): { traps: number[]; scenarios: number[]; faqs: number[] } {
  const texts = [question.drills.label, ...question.sources.map((s) => s.label)];
  const collect = (re: RegExp) => {
    const found = new Set<number>();
    for (const t of texts) for (const m of t.matchAll(re)) found.add(Number(m[1]));
    return [...found].sort((a, b) => a - b);
  };
  return { traps: collect(/\bTrap (\d+)\b/g), scenarios: collect(/\bScenario (\d+)\b/g), faqs: collect(/\bFAQ (\d+)\b/g) };
}

/** The spaced-repetition card an item feeds: its `concept`, else its trap/scenario/FAQ, else its drill label. */
export function conceptOf(question: Question): string {
  if (question.concept) return question.concept;
  const n = drilledNumbers(question);
  if (question.drills.kind === 'trap' && n.traps[0] !== undefined) return `trap-${n.traps[0]}`;
  if (question.drills.kind === 'scenario' && n.scenarios[0] !== undefined) return `scenario-${n.scenarios[0]}`;
  if (question.drills.kind === 'faq' && n.faqs[0] !== undefined) return `faq-${n.faqs[0]}`;
  return `${question.drills.kind}-${slug(question.drills.label)}`;
}

const qualifier = /\b(LEAST|MOST|BEST|FASTEST|SOONEST)\b|\b(most|least) (secure|cost-effective|operational overhead|operationally efficient)\b/;

/**
 * Written as the exam writes items: a scenario of at least two sentences, then a "which ..."
 * question with a qualifier (LEAST operational overhead, MOST secure...).
 */
export function isExamStyle(question: Question): boolean {
  if (question.type === 'predict') return false;
  const sentences = question.prompt.split(/(?<=[.?!])\s+/).filter((s) => s.trim().length > 0);
  return sentences.length >= 3 && /\bWhich\b/.test(question.prompt) && qualifier.test(question.prompt);
}
