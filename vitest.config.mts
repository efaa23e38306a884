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
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
