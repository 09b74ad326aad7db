import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';

// Served by the Mediwox server at /app; launch.html starts the SMART standalone launch, index.html is the app.
export default defineConfig({
  base: '/app/',
  plugins: [react(), tailwindcss()],
  resolve: {
    // the code both apps share, imported from its source (../web-common, tested there): no npm link, no copy
    alias: { '@mediwox/web-common': fileURLToPath(new URL('../web-common/src', import.meta.url)) },
    // its JSX and imports resolve to this app's React, the one copy in the bundle
    dedupe: ['react', 'react-dom'],
  },
  build: {
    // the Maven build's output: the jar puts it on the server's class path, served at /app
    outDir: 'target/classes/static/app',
    emptyOutDir: true,
    rollupOptions: { input: { main: 'index.html', launch: 'launch.html' } },
  },
  // the HEIC decoder's worker (src/heic-worker.js, libheif's WebAssembly) as an ES module: a chunk of its own
  worker: { format: 'es' },
  test: { environment: 'node' },
});
