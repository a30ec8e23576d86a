import type { Question } from '../schema';
import { conceptItems } from './concepts';
import { labPartItems } from './lab-parts';
import { scenarioItems } from './scenarios';
import { serviceItems } from './services';
import { trapItems } from './traps';

/**
 * The study bank's own items: topics no lab panel owns (S3, Lambda, secrets, certificates,
 * concepts, the exam traps and scenarios without a panel). Shown on the study page with every
 * lab's questions.
 */
export const studyBank: Question[] = [...trapItems, ...conceptItems, ...labPartItems, ...scenarioItems, ...serviceItems];
