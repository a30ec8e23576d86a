import type { LabModule } from '../types';
import { IdentityPanel } from './components/identity-panel';

const identityLab: LabModule = { Panel: IdentityPanel };
export default identityLab;
