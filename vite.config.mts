import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** The renderer's one way into electron/: the API contract's and the domain's types (the lint allows nothing else). */
export const sharedAlias = { $shared: fileURLToPath(new URL('./electron', import.meta.url)) };

// The renderer: built into build/renderer, served by app:// in the desktop app and by the local HTTP server in browser mode.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte()],
  resolve: { alias: sharedAlias },
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    // CSP forbids inline scripts: keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Served from the app's own files or loopback, never over a network: one ~600 kB bundle loads at once.
    chunkSizeWarningLimit: 1024,
  },
});
