/**
 * A small hash router: the static build then works from any host and any sub-path, and the entry
 * chunk carries no router library. Routes: #/ , #/labs/<id>, #/trail, #/settings, #/study, #/exam, #/class
 * (a `?q=<question id>` after a lab or study path opens that question).
 */
import { useSyncExternalStore, type AnchorHTMLAttributes } from 'react';
import { hrefFor, parseHash, type Route } from './route-path';

export { hrefFor, parseHash, type Route };

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
