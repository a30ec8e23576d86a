import type { LabModule } from '../types';
import { AsymmetricHmacPanel } from './components/asymmetric-hmac-panel';

const asymmetricHmacLab: LabModule = { Panel: AsymmetricHmacPanel };
export default asymmetricHmacLab;
