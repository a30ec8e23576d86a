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
} from './schema';
export { gradeChoice, gradePrediction, type ChoiceGrade, type PredictionGrade } from './grading';
export { outcomeMatches, outcomeFromError, describeOutcome, type Outcome, type PredictedOutcome } from './outcome';
export { nextSchedule, studyOrder, LEITNER_BOXES } from './scheduling';
export {
  emptyProgress,
  recordAnswer,
  exportProgress,
  importProgress,
  mergeProgress,
  loadProgress,
  saveProgress,
  PROGRESS_STORAGE_KEY,
  type Progress,
  type ProgressStorage,
} from './progress';
