/* global document, matchMedia, location */
// Runs before the body is parsed, so before the first paint. It sets the theme, so that neither theme
// flashes, and marks an address other than the start page, so that the stylesheet hides the start
// page that index.html carries (src/app/static-shell.tsx) until the app renders the page asked for.
// A file, not an inline script: the Content-Security-Policy (infra/lib/csp.ts) allows scripts from
// the site's origin only.
(function () {
  var t = null;
  try {
    t = localStorage.getItem('kms-lab:theme');
  } catch {
    // Storage may be blocked; fall back to the system preference.
  }
  if (t !== 'light' && t !== 'dark') t = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.classList.toggle('dark', t === 'dark');
  document.documentElement.style.colorScheme = t;
  var path = location.hash.replace(/^#/, '').replace(/\?.*$/, '');
  if (path !== '' && path !== '/') document.documentElement.setAttribute('data-deep-link', '');
})();
