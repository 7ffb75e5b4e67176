import type { PreflightReasonCode } from '@corskit/core';

/** The figures of one route shape in a {@link PreflightReport}. */
export interface RouteFigures {
  /** Requests sent on this route. */
  requests: number;
  /** Requests the engine sends a preflight for (before its preflight cache). */
  preflights: number;
  /** Preflight reasons by code: one count per reason of each preflighted request. */
  reasons: Partial<Record<PreflightReasonCode, number>>;
}

/** The session's figures so far. Collected in development builds only. */
export interface PreflightReport {
  /** Requests sent through the client. */
  requests: number;
  /** Of those, the cross-origin ones. */
  crossOrigin: number;
  /** Requests predicted to need a preflight (before the engine's preflight cache). */
  preflights: number;
  /** By route shape: `PUT https://api.example.com/items/:id`. */
  byRoute: Record<string, RouteFigures>;
  /** Preflight reasons by code: one count per reason of each preflighted request. */
  byReason: Partial<Record<PreflightReasonCode, number>>;
}

export function emptyReport(): PreflightReport {
  return { requests: 0, crossOrigin: 0, preflights: 0, byRoute: {}, byReason: {} };
}
