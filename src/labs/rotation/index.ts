// Placeholder so the app builds before helper G lands this lab's panel; G replaces this file.
import { createElement } from 'react';
import type { LabModule } from '../types';

function Panel() {
  return createElement('p', null, 'This lab is being built.');
}

const lab: LabModule = { Panel };
export default lab;
