import type { LabModule } from '../types';
import { CleanupPanel } from './components/cleanup-panel';

const cleanupLab: LabModule = { Panel: CleanupPanel };
export default cleanupLab;
