// Where study progress lives in the browser. A module of its own (no zod, no scheduler), so the
// start page can read and watch progress without loading the study engine.

/** localStorage: the learner's progress (src/study/progress.ts). */
export const PROGRESS_STORAGE_KEY = 'kms-study-lab:progress';
/** localStorage: this browser's learner id. */
export const LEARNER_STORAGE_KEY = 'kms-study-lab:learner-id';
/** BroadcastChannel: "progress changed" between the panels of one tab (src/study/use-progress.ts). */
export const PROGRESS_CHANNEL = 'kms-study-lab:progress';
