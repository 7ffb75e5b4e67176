import type { BodySpec, ClientObservation, Origins, RequestSpec, TestCase } from '../types.ts';

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface CaseEnvironment {
  fetch: FetchLike;
  origins: Origins;
  run: string;
  timeoutMs: number;
  sleep(ms: number): Promise<void>;
  mark(caseId: string, step: number): Promise<void> | void;
}

export function requestUrl(origins: Origins, run: string, caseId: string, request: RequestSpec): string;
export function buildBody(spec: BodySpec): BodyInit;
export function buildInit(request: RequestSpec): RequestInit;
export function observeStep(
  fetchFn: FetchLike,
  url: string,
  init: RequestInit,
  read: string[],
  timeoutMs: number,
): Promise<Omit<ClientObservation, 'caseId' | 'step'>>;
export function runCase(testCase: TestCase, env: CaseEnvironment): Promise<ClientObservation[]>;
export function runPool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]>;
