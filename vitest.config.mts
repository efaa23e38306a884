import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { sharedAlias } from './vite.config.mts';

// Three kinds of tests: unit (Node: domain, store, API, server), component (jsdom: Svelte parts),
// e2e (Node driving Debian's Chromium against the real browser-mode server). Benchmarks live in test/bench.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/unit/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [svelte(), svelteTesting()],
        resolve: { alias: sharedAlias },
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.ts'],
          setupFiles: ['test/component/setup.ts'],
          // Finding a role among the whole catalog's trigger list in jsdom takes ~1 s on a quiet machine and
          // 7 s at load 12 (a CI run beside four engineers' benches): the 5 s default failed a passing test.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // Room for a CI machine twice as slow as a quiet one, and shared: the longest walks take ~50 s on a loaded one here.
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          // expect.poll waits for what the UI shows after an action; vitest's 1 s default is too short on a
          // loaded CI machine (a save, a validation and a reload in a row). A poll still passes at once when met.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
