import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// Served by the Mediwox server at /clinician; launch.html starts the SMART launch (EHR or standalone), index.html is
// the workspace.
export default defineConfig({
  base: '/clinician/',
  plugins: [react(), tailwindcss()],
  build: {
    // the Maven build's output: the jar puts it on the server's class path, served at /clinician
    outDir: 'target/classes/static/clinician',
    emptyOutDir: true,
    rollupOptions: { input: { main: 'index.html', launch: 'launch.html' } },
  },
  test: { environment: 'node' },
});
