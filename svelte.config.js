import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** BASE_PATH deploys the app under a sub-path of a static host, e.g. BASE_PATH=/bankroll-guardian */
const base = /** @type {'' | `/${string}`} */ ((process.env.BASE_PATH ?? '').replace(/\/$/, ''));

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
    paths: { base, relative: false },
    serviceWorker: { register: false },
    version: { pollInterval: 0 },
  },
};

export default config;
