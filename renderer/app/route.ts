/** The window's hash as a route: read as it changes, and set to go somewhere (see lib/route-hash.ts). */
import { useSyncExternalStore } from 'react';
import { parseRoute, type Route, routeHash } from '../lib/route-hash';

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route; re-renders when the hash changes (links, back button, `navigate`). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
