import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The renderer: built into build/renderer, served by app:// in the desktop app and by the local HTTP server in browser mode.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte()],
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
