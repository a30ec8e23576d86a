import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';
import type { AnswerRecord, Confidence, Progress, Review } from './progress';
import { conceptOf, type Question } from './schema';

/**
 * Spaced repetition with FSRS (ts-fsrs): one card per concept, fed by every item that drills it,
 * so the learner is scheduled on the idea rather than on one item's wording. Cards are replayed
 * from the stored item histories in time order; nothing about a card is stored, so two tabs or an
 * import merge by item without conflicts.
 */
const scheduler = fsrs({ enable_fuzz: false, request_retention: 0.9 });

/** A wrong answer is Again; a right one is Hard when guessed, Good when unsure-but-right, Easy when sure. */
export function ratingFor(correct: boolean, confidence: Confidence | undefined): Grade {
  if (!correct) return Rating.Again;
  if (confidence === 'guess') return Rating.Hard;
  if (confidence === 'sure') return Rating.Easy;
  return Rating.Good;
}

export interface ConceptCard {
  concept: string;
  card: Card;
  /** Items that drill this concept, in bank order. */
  itemIds: string[];
  reviews: number;
}

/** Replays reviews (any order; sorted here) through FSRS. */
export function replay(reviews: readonly Review[]): Card {
  let card = createEmptyCard(new Date(reviews[0]?.at ?? 0));
  for (const r of [...reviews].sort((a, b) => a.at - b.at)) {
    card = scheduler.next(card, new Date(r.at), ratingFor(r.correct, r.confidence)).card;
  }
  return card;
}

/** The concept cards of a bank, replayed from progress. Concepts no item has been answered on are left out. */
export function conceptCards(questions: readonly Question[], progress: Progress): Map<string, ConceptCard> {
  const items = new Map<string, string[]>();
  for (const q of questions) {
    const c = conceptOf(q);
    items.set(c, [...(items.get(c) ?? []), q.id]);
  }
  const cards = new Map<string, ConceptCard>();
  for (const [concept, itemIds] of items) {
    const reviews = itemIds.flatMap((id) => progress.answers[id]?.history ?? []);
    if (reviews.length === 0) continue;
    cards.set(concept, { concept, card: replay(reviews), itemIds, reviews: reviews.length });
  }
  return cards;
}

export function endOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(23, 59, 59, 999);
  return d.getTime();
}

/**
 * The "due today" queue: one item per due concept, most overdue first. For each concept the item
 * picked is the one answered longest ago (never-answered first), so the wording changes between reviews.
 */
export function dueToday(questions: readonly Question[], progress: Progress, now: number): { concept: string; questionId: string; due: number }[] {
  const limit = endOfDay(now);
  const out: { concept: string; questionId: string; due: number }[] = [];
  for (const c of conceptCards(questions, progress).values()) {
    const due = c.card.due.getTime();
    if (due > limit) continue;
    const pick = [...c.itemIds].sort((a, b) => lastAt(progress.answers[a]) - lastAt(progress.answers[b]))[0];
    if (pick) out.push({ concept: c.concept, questionId: pick, due });
  }
  return out.sort((a, b) => a.due - b.due);
}

function lastAt(record: AnswerRecord | undefined): number {
  return record?.lastAnsweredAt ?? -1;
}

/** When an item's concept is next due (epoch ms), or undefined before any answer on it. */
export function nextDue(questions: readonly Question[], progress: Progress, questionId: string): number | undefined {
  const q = questions.find((x) => x.id === questionId);
  if (!q) return undefined;
  return conceptCards(questions, progress).get(conceptOf(q))?.card.due.getTime();
}

export function isLearned(card: Card): boolean {
  return card.state === State.Review;
}

/**
 * Study order for a panel: items of due concepts first (most overdue first), then never-answered
 * items in bank order, then the rest by when their concept falls due.
 */
export function studyOrder(questions: readonly Question[], progress: Progress, now: number): string[] {
  const cards = conceptCards(questions, progress);
  const dueOf = (q: Question) => cards.get(conceptOf(q))?.card.due.getTime();
  const due: { id: string; at: number }[] = [];
  const unseen: string[] = [];
  const later: { id: string; at: number }[] = [];
  for (const q of questions) {
    const at = dueOf(q);
    if (!progress.answers[q.id]) unseen.push(q.id);
    else if (at !== undefined && at <= now) due.push({ id: q.id, at });
    else later.push({ id: q.id, at: at ?? Number.MAX_SAFE_INTEGER });
  }
  due.sort((a, b) => a.at - b.at);
  later.sort((a, b) => a.at - b.at);
  return [...due.map((d) => d.id), ...unseen, ...later.map((d) => d.id)];
}
