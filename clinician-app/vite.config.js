import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';

// Served by the Mediwox server at /clinician; launch.html starts the SMART launch (EHR or standalone), index.html is
// the workspace.
export default defineConfig({
  base: '/clinician/',
  plugins: [react(), tailwindcss()],
  resolve: {
    // the code both apps share, imported from its source (../web-common, tested there): no npm link, no copy
    alias: { '@mediwox/web-common': fileURLToPath(new URL('../web-common/src', import.meta.url)) },
    // its JSX and imports resolve to this app's React, the one copy in the bundle
    dedupe: ['react', 'react-dom'],
  },
  build: {
    // the Maven build's output: the jar puts it on the server's class path, served at /clinician
    outDir: 'target/classes/static/clinician',
    emptyOutDir: true,
    rollupOptions: { input: { main: 'index.html', launch: 'launch.html' } },
  },
  test: { environment: 'node' },
});
