import type { LabModule } from '../types';
import { KeysPanel } from './components/keys-panel';

const keysLab: LabModule = { Panel: KeysPanel };
export default keysLab;
