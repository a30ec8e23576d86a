import type { LabModule } from '../types';
import { PoliciesGrantsPanel } from './components/policies-grants-panel';

const policiesGrantsLab: LabModule = { Panel: PoliciesGrantsPanel };
export default policiesGrantsLab;
