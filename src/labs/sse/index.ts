import type { LabModule } from '../types';
import { SsePanel } from './components/sse-panel';

const sseLab: LabModule = { Panel: SsePanel };
export default sseLab;
