import type { LabModule } from '../types';
import { RotationPanel } from './components/rotation-panel';

const rotationLab: LabModule = { Panel: RotationPanel };
export default rotationLab;
