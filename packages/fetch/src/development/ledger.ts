import type { Classification } from '@corskit/core';
import type { PreflightReport } from '../report.js';
import { emptyReport } from '../report.js';

/** Counts requests and predicted preflights for `client.preflightReport()`. */
export function createLedger() {
  const report = emptyReport();
  return {
    record(route: string, classification: Classification): void {
      report.requests++;
      const figures = report.byRoute[route] ?? { requests: 0, preflights: 0, reasons: {} };
      report.byRoute[route] = figures;
      figures.requests++;
      if (!classification.crossOrigin) return;
      report.crossOrigin++;
      if (!classification.preflight) return;
      report.preflights++;
      figures.preflights++;
      for (const { code } of classification.reasons) {
        report.byReason[code] = (report.byReason[code] ?? 0) + 1;
        figures.reasons[code] = (figures.reasons[code] ?? 0) + 1;
      }
    },
    /** A copy, so callers cannot change the session's figures. */
    snapshot(): PreflightReport {
      return structuredClone(report);
    },
  };
}
