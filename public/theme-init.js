/* global document, matchMedia */
// Sets the theme before the first paint so neither theme flashes. A file, not an inline script:
// the Content-Security-Policy (infra/lib/csp.ts) allows scripts from the site's origin only.
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
})();
