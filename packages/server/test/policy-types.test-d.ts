import type { CorsPolicy, PolicyConfig } from '@corskit/server';
import { definePolicy, progressPreset, routePolicies, withCors } from '@corskit/server';
import { describe, expectTypeOf, test } from 'vitest';

describe('definePolicy keeps the literal config type (for @corskit/fetch)', () => {
  test('methods, headers and origins stay literal tuples', () => {
    const policy = definePolicy({
      origins: ['https://app.example.com'],
      methods: ['PUT', 'DELETE'],
      requestHeaders: ['content-type', 'x-request-id'],
      credentials: true,
    });
    expectTypeOf(policy.config.methods).toEqualTypeOf<readonly ['PUT', 'DELETE']>();
    expectTypeOf(policy.config.requestHeaders).toEqualTypeOf<readonly ['content-type', 'x-request-id']>();
    expectTypeOf(policy.config.origins).toEqualTypeOf<readonly ['https://app.example.com']>();
    expectTypeOf(policy.config.credentials).toEqualTypeOf<true>();
    expectTypeOf(policy).toExtend<CorsPolicy>();
    expectTypeOf(policy.allowsOrigin).toEqualTypeOf<(origin: string) => boolean>();
  });

  test("'*' stays '*', and presets spread in keep their literal types", () => {
    const policy = definePolicy({ ...progressPreset, origins: '*', requestHeaders: '*' });
    expectTypeOf(policy.config.origins).toEqualTypeOf<'*'>();
    expectTypeOf(policy.config.requestHeaders).toEqualTypeOf<'*'>();
    expectTypeOf(policy.config.exposeHeaders).toEqualTypeOf<
      readonly ['Content-Encoding', 'Content-Length', 'X-Decoded-Content-Length']
    >();
  });

  test('configs that are not policy configs do not compile', () => {
    // @ts-expect-error origins is required
    definePolicy({ methods: ['PUT'] });
    // @ts-expect-error origins is a list or '*'
    definePolicy({ origins: 'https://app.example.com' });
    // @ts-expect-error crossOriginProtection is a boolean or its options object
    definePolicy({ origins: ['https://a.example'], crossOriginProtection: 'on' });
    // @ts-expect-error hosts is a list of host names
    definePolicy({ origins: ['https://a.example'], crossOriginProtection: { hosts: 'a.example' } });
    definePolicy({ origins: ['https://a.example'], crossOriginProtection: { hosts: ['a.example'] } });
    expectTypeOf<Parameters<typeof definePolicy>[0]>().toExtend<PolicyConfig>();
  });

  test('adapters take a policy or policy routes, not a config', () => {
    const policy = definePolicy({ origins: ['https://a.example'] });
    withCors(policy, () => new Response());
    withCors(routePolicies({ '/': policy }), () => new Response());
    // @ts-expect-error a bare config is not a policy
    withCors({ origins: ['https://a.example'] }, () => new Response());
  });
});
