import type { LabModule } from '../types';
import { EncryptDecryptPanel } from './components/encrypt-decrypt-panel';

const encryptDecryptLab: LabModule = { Panel: EncryptDecryptPanel };
export default encryptDecryptLab;
