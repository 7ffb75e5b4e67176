import { type Classification, type Engine, engineProfile } from '@corskit/core';
import type { ClientPolicy } from '../policy.js';

export type PolicyProblemCode =
  | 'policy-origin-not-allowed'
  | 'policy-method-not-allowed'
  | 'policy-header-not-allowed'
  | 'policy-authorization-not-covered'
  | 'policy-credentials-not-allowed'
  | 'policy-wildcard-origin-with-credentials';

export interface PolicyProblem {
  code: PolicyProblemCode;
  /** What the policy refuses and the fix. */
  message: string;
}

const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];

function methodProblem(method: string, methods: readonly string[]): PolicyProblem | null {
  if (SAFELISTED_METHODS.includes(method) || methods.includes(method)) return null;
  const sameLetters = methods.find((allowed) => allowed.toUpperCase() === method.toUpperCase());
  return {
    code: 'policy-method-not-allowed',
    message: sameLetters
      ? `The policy lists ${sameLetters}, but the call sends ${method} and browsers compare methods case-sensitively: list it as ${method}.`
      : `The policy does not allow ${method}: add '${method}' to its methods.`,
  };
}

function headerProblems(
  names: readonly string[],
  policy: ClientPolicy,
  withCredentials: boolean,
  engine: Engine,
): PolicyProblem[] {
  const accepted = policy.config.requestHeaders ?? [];
  if (accepted !== '*') {
    const listed = new Set(accepted.map((name) => name.toLowerCase()));
    const missing = names.filter((name) => !listed.has(name));
    return missing.length === 0
      ? []
      : [
          {
            code: 'policy-header-not-allowed',
            message: `The policy does not accept the request header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: add ${missing.map((name) => `'${name}'`).join(', ')} to its requestHeaders, or stop sending ${missing.length > 1 ? 'them' : 'it'}.`,
          },
        ];
  }
  if (withCredentials && names.length > 0) {
    return [
      {
        code: 'policy-header-not-allowed',
        message: `The policy accepts requestHeaders '*', which browsers take literally for credentialed calls, so ${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} refused: list the headers by name.`,
      },
    ];
  }
  if (!names.includes('authorization')) return [];
  const lenient = engineProfile(engine).wildcardCoversAuthorization;
  return [
    {
      code: 'policy-authorization-not-covered',
      message: `The policy accepts requestHeaders '*', which does not cover Authorization in the Fetch Standard${lenient ? ` (${engine} still lets it through, deprecated)` : ''}: list 'authorization' by name.`,
    },
  ];
}

/**
 * What the policy would refuse about this call, each with its fix. Empty for same-origin calls and
 * for calls the policy allows.
 */
export function policyProblems(
  classification: Classification,
  policy: ClientPolicy,
  origin: string,
  engine: Engine,
): PolicyProblem[] {
  if (!classification.crossOrigin || classification.mode !== 'cors') return [];
  const problems: PolicyProblem[] = [];
  const { config } = policy;
  if (!policy.allowsOrigin(origin)) {
    problems.push({
      code: 'policy-origin-not-allowed',
      message: `The policy does not allow the origin ${origin}: add '${origin}' (or a pattern that matches it) to its origins.`,
    });
  }
  if (classification.preflight) {
    const method = methodProblem(classification.method, config.methods ?? []);
    if (method !== null) problems.push(method);
  }
  const withCredentials = classification.credentials === 'include';
  problems.push(...headerProblems(classification.requestHeaders, policy, withCredentials, engine));
  if (withCredentials && config.credentials !== true) {
    problems.push({
      code: 'policy-credentials-not-allowed',
      message: `The call sends credentials: 'include', but the policy does not set credentials: true, so the answer lacks Access-Control-Allow-Credentials: true. Set credentials: true in the policy, or send credentials: 'omit'.`,
    });
  }
  if (withCredentials && config.origins === '*') {
    problems.push({
      code: 'policy-wildcard-origin-with-credentials',
      message: `The policy's origins are '*', and browsers refuse Access-Control-Allow-Origin: * for credentialed calls: list the origins by name.`,
    });
  }
  return problems;
}
