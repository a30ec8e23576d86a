import type { LabModule } from '../types';
import { EncryptionContextPanel } from './components/encryption-context-panel';

const encryptionContextLab: LabModule = { Panel: EncryptionContextPanel };
export default encryptionContextLab;
