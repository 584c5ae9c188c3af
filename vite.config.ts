import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

const base = process.env.BASE_PATH ?? '';
const scope = `${base}/`;

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      // A new version waits until the user accepts the "reload" prompt (workbox-window in the layout).
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      scope,
      base: scope,
      manifest: {
        name: 'Bankroll Guardian',
        short_name: 'Bankroll',
        description: 'Where your betting, poker and prop-trading money went, privately on your device.',
        theme_color: '#0f766e',
        background_color: '#0b1416',
        display: 'standalone',
        start_url: scope,
        scope,
        icons: [
          { src: `${base}/icons/icon-192.png`, sizes: '192x192', type: 'image/png' },
          { src: `${base}/icons/icon-512.png`, sizes: '512x512', type: 'image/png' },
          {
            src: `${base}/icons/icon-maskable-512.png`,
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      kit: { adapterFallback: '200.html', spa: true, includeVersionFile: true },
      workbox: {
        // The DuckDB-WASM eh bundle (33 MiB raw) is precached so every route works offline after the first visit.
        globPatterns: [
          'client/**/*.{js,css,ico,png,svg,webp,webmanifest,woff2}',
          'client/**/duckdb-eh*.wasm',
          'prerendered/**/*.html',
        ],
        globIgnores: ['**/duckdb-mvp*', '**/duckdb-coi*', '**/*mvp.worker*', '**/*coi*.worker*'],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        clientsClaim: false,
        skipWaiting: false,
      },
    }),
  ],
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
