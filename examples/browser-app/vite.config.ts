import { defineConfig } from 'vite';

export default defineConfig({
  server: {
    // The API allows exactly http://localhost:5173 (DEFAULT_APP_ORIGIN): better to stop if the port is
    // taken than to move to 5174 and have every call refused by CORS.
    port: 5173,
    strictPort: true,
  },
});
