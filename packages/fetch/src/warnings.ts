/** What a development warning is about. */
export type CorsWarningKind = 'preflight' | 'policy' | 'download-progress' | 'upload-progress';

/** A development warning, given to `onWarning` (console.warn by default). */
export interface CorsWarning {
  /** What the warning is about. */
  kind: CorsWarningKind;
  /** The route shape: `PUT https://api.example.com/items/:id`. */
  route: string;
  /** Stable codes of what the warning is about: preflight reason codes, policy problem codes. */
  codes: string[];
  /** The full text: what happens, why, and what to change. */
  message: string;
}

/** Receives development warnings (the `onWarning` option). */
export type WarningHandler = (warning: CorsWarning) => void;
