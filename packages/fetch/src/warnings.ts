/** What a development warning is about. */
export type CorsWarningKind = 'preflight' | 'policy' | 'download-progress' | 'upload-progress';

/** A development warning, given to `onWarning` (console.warn by default). */
export interface CorsWarning {
  kind: CorsWarningKind;
  /** The route shape: `PUT https://api.example.com/items/:id`. */
  route: string;
  /** Stable codes of what the warning is about: preflight reason codes, policy problem codes. */
  codes: string[];
  message: string;
}

export type WarningHandler = (warning: CorsWarning) => void;
