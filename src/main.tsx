import './lib/zod-jitless';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { findLab } from './app/labs';
import { parseHash } from './app/router';
import { startConnection } from './connection/connection-provider';
import './index.css';

// Settings and the sandbox start loading before React's first render.
void startConnection();

// Opened on a lab: its panel's chunk starts loading now, not once React has rendered the route (the
// lab's lazy component then finds the module already there). Failures surface in the panel's boundary.
const opened = parseHash(window.location.hash);
if (opened.name === 'lab') void findLab(opened.id)?.load().catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  // As a transition, React renders the first tree in slices of a few milliseconds, yielding to the
  // browser between them (a plain render is one task, as long as the whole tree takes).
  const reactRoot = createRoot(root);
  startTransition(() =>
    reactRoot.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
