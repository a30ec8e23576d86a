import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { startConnection } from './connection/connection-provider';
import './index.css';

// zod 4 probes for eval (new Function) on its first parse; under the site's CSP (no 'unsafe-eval')
// that probe files a CSP violation report even though zod catches the error. Its documented
// "jitless" setting skips the probe; set through the global zod reads, so zod stays out of this chunk.
// Mutate, never replace: when the bundler puts zod in this chunk, zod's module body runs before this
// line and keeps a reference to the object it found (or made), so a new object would go unseen.
const zodHolder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
zodHolder.__zod_globalConfig = Object.assign(zodHolder.__zod_globalConfig ?? {}, { jitless: true });

// Settings and the sandbox start loading before React's first render.
void startConnection();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
