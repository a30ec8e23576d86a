import type { ComponentType } from 'react';

/**
 * A lab part as data (src/app/labs.ts lists them; this file sits in src/labs/ because labs may not import from app/): one folder under src/labs/<id>/ whose index.ts
 * default-exports a LabModule. Panels are lazy-loaded, each inside its own error boundary.
 */
export interface LabModule {
  Panel: ComponentType;
}

export interface LabEntry {
  id: string; // 'keys', 'encrypt-decrypt', 'encryption-context', 'rotation'
  title: string;
  /** One line for the navigation and the start page. */
  summary: string;
  /** Where in the guide (../shared/seeds) this lab comes from. */
  guideSection: string;
  load: () => Promise<{ default: LabModule }>;
}
