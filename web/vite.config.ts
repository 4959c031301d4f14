import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** The console: built into web/dist, which the API process serves at / (src/web/console-static.ts). */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every page is its own chunk (React.lazy in the router); the report says what each route loads.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev -w web` beside `npm run start:dev`: the API on 3000, the console with hot reload on 5173.
    proxy: { '/api': 'http://localhost:3000' },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
