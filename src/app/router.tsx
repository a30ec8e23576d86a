/**
 * A small hash router: the static build then works from any host and any sub-path, and the entry
 * chunk carries no router library. Routes: #/ , #/labs/<id>, #/trail, #/settings, #/study, #/exam, #/class
 * (a `?q=<question id>` after a lab or study path opens that question).
 */
import { useSyncExternalStore, type AnchorHTMLAttributes } from 'react';

export type Route =
  | { name: 'start' }
  | { name: 'lab'; id: string }
  | { name: 'trail' }
  | { name: 'settings' }
  | { name: 'study' }
  | { name: 'exam' }
  | { name: 'class' }
  | { name: 'not-found'; path: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\?.*$/, '') || '/';
  if (path === '/' || path === '') return { name: 'start' };
  const lab = /^\/labs\/([a-z0-9-]+)\/?$/.exec(path);
  if (lab?.[1]) return { name: 'lab', id: lab[1] };
  if (path === '/trail') return { name: 'trail' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/study') return { name: 'study' };
  if (path === '/exam') return { name: 'exam' };
  if (path === '/class') return { name: 'class' };
  return { name: 'not-found', path };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'start':
      return '#/';
    case 'lab':
      return `#/labs/${route.id}`;
    case 'trail':
      return '#/trail';
    case 'settings':
      return '#/settings';
    case 'study':
      return '#/study';
    case 'exam':
      return '#/exam';
    case 'class':
      return '#/class';
    case 'not-found':
      return `#${route.path}`;
  }
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash, () => '');
}

export function useRoute(): Route {
  return parseHash(useHash());
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route).slice(1);
}

/** A link that marks itself as the current page for assistive technology. */
export function NavLink({ to, className, activeClassName, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & {
  to: Route;
  activeClassName?: string;
}) {
  const current = hrefFor(parseHash(useHash())) === hrefFor(to);
  return (
    <a
      {...rest}
      href={hrefFor(to)}
      aria-current={current ? 'page' : undefined}
      className={[className, current ? activeClassName : ''].filter(Boolean).join(' ')}
    />
  );
}
