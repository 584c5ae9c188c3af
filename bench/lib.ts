/** Shared pieces of the bench harness: the result sink and a Chromium launcher with the app served. */
import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';
import { startServer } from '../scripts/serve.js';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}
export interface BenchContext {
  add(name: string, value: number, unit: string): void;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function launch(): Promise<Browser> {
  const exe = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
  return chromium.launch({
    ...(exe ? { executablePath: exe } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function withApp<T>(fn: (url: string, browser: Browser) => Promise<T>): Promise<T> {
  const server = await startServer({ port: 0 });
  const browser = await launch();
  try {
    return await fn(server.url, browser);
  } finally {
    await browser.close();
    await server.close();
  }
}
