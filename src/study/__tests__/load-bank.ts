import type { Question } from '../schema';
import { studyBank } from '../bank';

// The study engine may not import labs (lint zones), so the tests find every lab's question file
// through Vite's glob import. A new lab's questions.ts is picked up without editing this file.
const modules = import.meta.glob<Record<string, unknown>>('../../labs/*/questions.ts', { eager: true });

export interface LabBank {
  labId: string;
  file: string;
  questions: Question[];
}

export function loadLabBanks(): LabBank[] {
  return Object.entries(modules)
    .map(([file, mod]) => {
      const labId = /labs\/([^/]+)\/questions\.ts$/.exec(file)?.[1] ?? file;
      const questions = Object.values(mod).filter(Array.isArray).flat() as Question[];
      return { labId, file, questions };
    })
    .sort((a, b) => a.labId.localeCompare(b.labId));
}

/** Every lab's questions and the study bank's own items. */
export function loadWholeBank(): Question[] {
  return [...loadLabBanks().flatMap((bank) => bank.questions), ...studyBank];
}
