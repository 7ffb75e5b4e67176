import type { PreflightReasonCode } from '@corskit/core';

export interface RouteFigures {
  requests: number;
  /** Requests the engine sends a preflight for (before its preflight cache). */
  preflights: number;
  reasons: Partial<Record<PreflightReasonCode, number>>;
}

/** The session's figures so far. Collected in development builds only. */
export interface PreflightReport {
  requests: number;
  crossOrigin: number;
  /** Requests predicted to need a preflight (before the engine's preflight cache). */
  preflights: number;
  /** By route shape: `PUT https://api.example.com/items/:id`. */
  byRoute: Record<string, RouteFigures>;
  byReason: Partial<Record<PreflightReasonCode, number>>;
}

export function emptyReport(): PreflightReport {
  return { requests: 0, crossOrigin: 0, preflights: 0, byRoute: {}, byReason: {} };
}
