// The policy reflects only an Origin a browser could have sent: a serialized http(s) origin,
// exactly as the WHATWG URL parser writes it; `null` is reflected by no config. The property
// test over every kind of config is in properties.test.ts.
import { definePolicy } from '@corskit/server';
import { describe, expect, test } from 'vitest';
import { answersTo } from './helpers.js';

const ANY_WITH_CREDENTIALS = {
  origins: '*',
  credentials: true,
  dangerouslyAllowCredentialsWithAnyOrigin: true,
} as const;

describe('origin reflection', () => {
  test.each([
    '*',
    'null',
    'not an origin',
    'https://app.example.com/',
    'HTTPS://APP.EXAMPLE.COM',
    'https://app.example.com:443',
  ])("origins: '*' with credentials does not reflect %j", async (value) => {
    const policy = definePolicy(ANY_WITH_CREDENTIALS);
    expect(policy.allowsOrigin(value)).toBe(false);
    for (const response of await answersTo(policy, value)) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  test("origins: '*' with credentials still reflects serialized origins", async () => {
    const policy = definePolicy(ANY_WITH_CREDENTIALS);
    for (const value of [
      'https://anyone.example',
      'http://localhost:5173',
      'https://[::1]:8443',
      'http://10.0.0.1',
    ]) {
      expect(policy.allowsOrigin(value), value).toBe(true);
      const [actual, preflight] = await answersTo(policy, value);
      expect(actual!.headers.get('access-control-allow-origin')).toBe(value);
      expect(preflight!.headers.get('access-control-allow-origin')).toBe(value);
    }
  });

  test("origins: '*' without credentials allows every serialized origin and null (it sends *, never reflects)", () => {
    const policy = definePolicy({ origins: '*' });
    expect(policy.allowsOrigin('https://anyone.example')).toBe(true);
    expect(policy.allowsOrigin('null')).toBe(true);
    expect(policy.allowsOrigin('*')).toBe(false);
    expect(policy.allowsOrigin('not an origin')).toBe(false);
  });
});
