import './lib/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { findLab } from './app/labs';
import { parseHash } from './app/router';
import { startConnection } from './connection/connection-provider';

// Settings and the sandbox start loading before React's first render.
void startConnection();

// Opened on a lab: its panel's chunk starts loading now, not once React has rendered the route (the
// lab's lazy component then finds the module already there). Failures surface in the panel's boundary.
const opened = parseHash(window.location.hash);
if (opened.name === 'lab') void findLab(opened.id)?.load().catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  // A plain render, not a transition: the first tree is committed in the task that renders it, and
  // the browser paints it right after. As a transition React rendered it in slices, yielding between
  // them to whatever else was queued (chunks evaluating, the connection's work), and the first
  // contentful paint waited for all of it. Nothing is on screen to respond to before this paint, so
  // the one task blocks no input; later updates stay transitions (docs/app-shell.md "Speed").
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
