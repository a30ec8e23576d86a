import type { LabModule } from '../types';
import { EnvelopePanel } from './components/envelope-panel';

const envelopeLab: LabModule = { Panel: EnvelopePanel };
export default envelopeLab;
