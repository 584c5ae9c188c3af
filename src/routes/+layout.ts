// A client-only app: every route is prerendered as a shell and rendered in the browser, so the static build
// works on any static host and offline.
export const prerender = true;
export const ssr = false;
export const trailingSlash = 'never';
