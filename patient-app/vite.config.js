import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// Served by the Mediwox server at /app; launch.html starts the SMART standalone launch, index.html is the app.
export default defineConfig({
  base: '/app/',
  plugins: [react(), tailwindcss()],
  build: {
    // the Maven build's output: the jar puts it on the server's class path, served at /app
    outDir: 'target/classes/static/app',
    emptyOutDir: true,
    rollupOptions: { input: { main: 'index.html', launch: 'launch.html' } },
  },
  test: { environment: 'node' },
});
