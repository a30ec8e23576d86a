import type { ReactNode } from 'react';
import { labs } from './labs';
import type { Route } from './router';

const navLink =
  'block rounded-lg px-3 py-2 text-fg hover:bg-surface-2 aria-[current=page]:bg-accent-soft aria-[current=page]:font-semibold aria-[current=page]:text-fg';

/**
 * The page's frame, shared by the app's layout (layout.tsx) and the static shell that index.html
 * carries before any script has run (static-shell.tsx): the two must look the same.
 */
export const frame = {
  page: 'min-h-screen bg-canvas text-fg',
  header: 'z-20 border-b border-line bg-surface/95 backdrop-blur lg:sticky lg:top-0',
  headerRow: 'flex flex-wrap items-center justify-between gap-x-4 gap-y-3 px-4 py-3',
  body: 'mx-auto flex max-w-[110rem] flex-col gap-6 px-4 py-6 lg:flex-row lg:px-6',
  side: 'shrink-0 lg:w-60',
  // Sticky just under the header, at the place it has anyway when the page is at its top (the header's
  // height, set by layout.tsx as --header-h, plus the body's top padding), and no taller than the
  // window below it (it scrolls inside itself where the window is short). So it never moves: not while
  // a new panel loads, whatever the page's scroll (a sticky box taller than the window moved with the
  // page as the main column's height changed), and it never slides under a header of two or three rows.
  sideInner:
    'flex flex-col gap-4 lg:sticky lg:top-[calc(var(--header-h,4.875rem)+1.5rem)] lg:max-h-[calc(100vh-var(--header-h,4.875rem)-3rem)] lg:overflow-y-auto',
  main: 'min-w-0 flex-1 focus:outline-none focus-visible:outline-none',
} as const;

/** A link to a route: the app's NavLink (it marks the current page), or a plain link in the static shell. */
export type SiteLink = (props: { to: Route; className: string; children: ReactNode }) => ReactNode;

/** The header's home link: the logo, and the name where there is room for it. */
export function SiteLogo() {
  return (
    <a href="#/" className="flex items-center gap-2 text-xl font-bold tracking-tight whitespace-nowrap">
      <img src="./favicon.svg" alt="" width={32} height={32} className="h-8 w-8" />
      {/* The name yields its room to the connection summary below 1900 px, so the header stays one row from 1280 px up. */}
      <span className="sr-only min-[1900px]:not-sr-only">KMS Study Lab</span>
    </a>
  );
}

interface NavSection {
  label: string;
  links: { to: Route; text: string }[];
}

/** The side navigation's sections: the labs in guide order, the study pages and the tools. */
const sections: NavSection[] = [
  { label: 'Labs', links: labs.map((lab) => ({ to: { name: 'lab', id: lab.id }, text: lab.title })) },
  {
    label: 'Study',
    links: [
      { to: { name: 'study' }, text: 'Study' },
      { to: { name: 'exam' }, text: 'Exam practice set' },
      { to: { name: 'class' }, text: 'Class results' },
    ],
  },
  {
    label: 'Tools',
    links: [
      { to: { name: 'start' }, text: 'Start' },
      { to: { name: 'trail' }, text: 'Audit trail' },
      { to: { name: 'settings' }, text: 'Settings' },
    ],
  },
];

/** The side navigation, one landmark per section. */
export function SiteNav({ Link }: { Link: SiteLink }) {
  return (
    <>
      {sections.map((section) => (
        <nav key={section.label} aria-label={section.label}>
          <h2 className="px-3 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">{section.label}</h2>
          <ul className="flex flex-wrap gap-1 lg:flex-col">
            {section.links.map((link) => (
              <li key={link.text}>
                <Link to={link.to} className={navLink}>
                  {link.text}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ))}
    </>
  );
}
