/**
 * `corskit check`: probe a live endpoint the way each browser engine would. {@link check} sends the
 * preflight and the request and judges the answers with @corskit/core; {@link formatReport} prints
 * the verdict; {@link main} is the command itself.
 *
 * @packageDocumentation
 */
export { type CheckReport, check, type EngineVerdict, type Failure } from './check.js';
export { formatReport } from './format.js';
export { EXIT, main, type Output } from './main.js';
export { NetworkFailure, type NetworkFailureKind } from './network.js';
export { type CheckOptions, DEFAULT_TIMEOUT_MS, UsageError } from './options.js';
export type { ProgressVerdict } from './progress.js';
export type { Exchange } from './wire.js';
