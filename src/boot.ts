/**
 * The page's entry. index.html already holds the page's frame and the start page as HTML
 * (src/app/static-shell.tsx), so the browser can paint before any of the app's code has run. This
 * module asks for lab-config.json and, when the page was opened on a lab (whose panel's first call
 * waits for it), starts the sandbox engine's worker at once: its ~570 kB script downloads and compiles
 * on the worker's own thread while the page loads; elsewhere it starts once the page has painted
 * (src/connection/early-start.ts). It runs the app (src/main.tsx) once that first paint is on screen.
 * The app's chunk (~360 kB: React, the shell, the connection layer) is fetched alongside (a
 * modulepreload link, `preloadApp` in vite.config.ts), but evaluating and rendering it takes a few
 * hundred milliseconds of the main thread, which the first paint no longer waits for
 * (docs/app-shell.md "Loading, in order").
 * The stylesheet is imported here so that it stays a render-blocking link in index.html.
 */
import './index.css';
import { startEarly } from './connection/early-start';
import { findLab } from './app/labs';
import { parseHash } from './app/route-path';
import { afterFirstContentfulPaint } from './lib/after-paint';

const opened = parseHash(window.location.hash);
startEarly({ panelFirst: opened.name === 'lab' });
afterFirstContentfulPaint(() => {
  // Opened on a lab: its panel's chunk is fetched while the app's chunk evaluates (the app asks for
  // the same module again; it is loaded once). Failures surface in the panel's boundary.
  if (opened.name === 'lab') void findLab(opened.id)?.load().catch(() => undefined);
  void import('./main');
});
