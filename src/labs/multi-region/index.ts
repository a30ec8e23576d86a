import type { LabModule } from '../types';
import { MultiRegionPanel } from './components/multi-region-panel';

const multiRegionLab: LabModule = { Panel: MultiRegionPanel };
export default multiRegionLab;
