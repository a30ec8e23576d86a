import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { labs } from '../labs';
import { NavLink } from '../router';
import { SiteNav } from '../site-nav';
import { StartPage } from '../routes/start';
import { StaticShell } from '../static-shell';

// index.html carries this markup (vite.config.ts `prerenderShell`); React's first render replaces it.
describe('the static shell index.html carries', () => {
  const html = renderToStaticMarkup(<StaticShell />);

  it('holds the start page exactly as the app renders it, inside the wrapper the stylesheet hides on other addresses', () => {
    const start = renderToStaticMarkup(<StartPage />);
    expect(start).toContain('Learn AWS KMS by calling it');
    expect(html).toContain(`<div data-static-start="">${start}</div>`);
  });

  it('has the same navigation as the app, as plain links to every lab and page', () => {
    const app = renderToStaticMarkup(<SiteNav Link={NavLink} />).replaceAll(' aria-current="page"', '');
    expect(html).toContain(app);
    for (const lab of labs) expect(html).toContain(`href="#/labs/${lab.id}"`);
    for (const page of ['#/study', '#/exam', '#/class', '#/', '#/trail', '#/settings']) expect(html).toContain(`href="${page}"`);
  });

  it('shows no control that needs the app (nothing to press before it has loaded)', () => {
    expect(html).not.toMatch(/<(button|input|select|textarea)\b/);
  });
});
