// The study engine's public surface. Labs import from here; experiment code imports
// './experiment-kit' directly so the SDK stays out of bundles that only show questions.
export { QuestionPanel, type QuestionPanelProps } from './components/question-panel';
export {
  defineQuestions,
  questionSchema,
  questionBankSchema,
  optionForOutcome,
  type Question,
  type SingleQuestion,
  type MultipleQuestion,
  type PredictQuestion,
  type ChoiceQuestion,
  type Experiment,
  type Source,
  type Drill,
  type GuideSkill,
  guideSkills,
  skillOf,
  conceptOf,
  drilledNumbers,
  isExamStyle,
} from './schema';
export { gradeChoice, gradePrediction, type ChoiceGrade, type PredictionGrade } from './grading';
export { outcomeMatches, outcomeFromError, describeOutcome, type Outcome, type PredictedOutcome } from './outcome';
export { studyOrder, dueToday, conceptCards, ratingFor } from './srs';
export { shuffleOptions, optionSeed } from './shuffle';
export {
  emptyProgress,
  recordAnswer,
  exportProgress,
  importProgress,
  mergeProgress,
  loadProgress,
  saveProgress,
  resetProgress,
  PROGRESS_STORAGE_KEY,
  type Progress,
  type ProgressStorage,
} from './progress';
