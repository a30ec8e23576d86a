/**
 * What index.html shows before any script has run: the header, the navigation and the start page,
 * rendered to HTML when the app is built (`prerenderShell` in vite.config.ts). The browser paints it
 * as soon as the HTML and the stylesheet are in, instead of after the app's chunk (~360 kB) has
 * loaded, evaluated and rendered; React's first render then replaces it with the same page, live.
 *
 * Only the start page is in it: on any other address, `theme-init.js` (which runs before the body
 * is parsed) marks the document so that the stylesheet hides it, and the frame shows alone until
 * the app renders that page. The header's controls (backend, inspector, classroom, theme) need the
 * app, so the shell keeps their room empty rather than showing buttons that do nothing yet.
 */
import { hrefFor } from './router';
import { StartPage } from './routes/start';
import { frame, SiteLogo, SiteNav, type SiteLink } from './site-nav';

const PlainLink: SiteLink = ({ to, className, children }) => (
  <a href={hrefFor(to)} className={className}>
    {children}
  </a>
);

export function StaticShell() {
  return (
    <div className={frame.page}>
      <header className={frame.header}>
        <div className={frame.headerRow}>
          <SiteLogo />
          {/* The height of the header's controls (h-10), so that the page below does not move. */}
          <div className="h-10" />
        </div>
      </header>
      <div className={frame.body}>
        <div className={frame.side}>
          <div className={frame.sideInner}>
            <SiteNav Link={PlainLink} />
          </div>
        </div>
        <main className={frame.main}>
          <div data-static-start="">
            <StartPage />
          </div>
        </main>
      </div>
    </div>
  );
}
