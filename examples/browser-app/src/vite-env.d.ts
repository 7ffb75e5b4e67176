/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the example API runs; default http://localhost:8787. */
  readonly VITE_API_ORIGIN?: string;
}
