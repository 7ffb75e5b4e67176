/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the example API runs; default http://localhost:8787. */
  readonly VITE_API_ORIGIN?: string;
  /** The origin the app is served on, as the API allows it; default http://localhost:5173. */
  readonly VITE_APP_ORIGIN?: string;
}
