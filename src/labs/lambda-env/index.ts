import type { LabModule } from '../types';
import { LambdaEnvPanel } from './components/lambda-env-panel';

const lambdaEnvLab: LabModule = { Panel: LambdaEnvPanel };
export default lambdaEnvLab;
