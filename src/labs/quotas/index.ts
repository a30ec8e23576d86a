import type { LabModule } from '../types';
import { QuotasPanel } from './components/quotas-panel';

const quotasLab: LabModule = { Panel: QuotasPanel };
export default quotasLab;
