import type { Arrival } from './types.ts';

/**
 * Records what reached the servers, per case and step.
 *
 * The steps of a cache case must share one URL (the preflight cache is keyed by URL), so the URL
 * cannot name the step. Instead the runner marks the step it is about to start; since a case's
 * steps run one after another, everything that arrives for the case until the next mark belongs
 * to the marked step.
 */
export interface Journal {
  mark(caseId: string, step: number): void;
  arrive(caseId: string, arrival: Arrival): void;
  arrivals(caseId: string, step: number): Arrival[];
}

export function createJournal(): Journal {
  const currentStep = new Map<string, number>();
  const byStep = new Map<string, Arrival[]>();
  const key = (caseId: string, step: number) => `${caseId}#${step}`;

  return {
    mark(caseId, step) {
      currentStep.set(caseId, step);
    },
    arrive(caseId, arrival) {
      const k = key(caseId, currentStep.get(caseId) ?? 0);
      const list = byStep.get(k) ?? [];
      list.push(arrival);
      byStep.set(k, list);
    },
    arrivals(caseId, step) {
      return byStep.get(key(caseId, step)) ?? [];
    },
  };
}
