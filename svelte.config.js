import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** BASE_PATH deploys the app under a sub-path of a static host, e.g. BASE_PATH=/bankroll-guardian */
const base = /** @type {'' | `/${string}`} */ ((process.env.BASE_PATH ?? '').replace(/\/$/, ''));

/** BUILD_DIR writes the static site elsewhere (the base-path test builds a second copy). */
const out = process.env.BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: out, assets: out, fallback: '200.html', strict: true }),
    paths: { base, relative: false },
    serviceWorker: { register: false },
    version: { pollInterval: 0 },
  },
};

export default config;
