/**
 * The hash router's addresses, without React: the entry (src/boot.ts) reads the address before the
 * app's chunk has loaded. src/app/router.tsx re-exports these with its hooks and links.
 */
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
