import type { Classification } from '@corskit/core';
import type { ResponsePromise } from 'ky';
import { describe, expectTypeOf, it } from 'vitest';
import type { CorsPolicy } from '../../server/src/types.js';
import { type ClientPolicy, type CorsClient, type CorsError, createClient } from '../src/index.js';

type ApiConfig = {
  origins: readonly ['https://app.example.com'];
  methods: readonly ['PUT', 'DELETE'];
  requestHeaders: readonly ['X-Request-Id', 'content-type'];
  credentials: true;
};
declare const policy: CorsPolicy<ApiConfig>;

type NarrowConfig = { origins: readonly ['https://app.example.com']; requestHeaders: readonly ['x-a'] };

describe('a client given a policy', () => {
  it('accepts the value definePolicy returns, or only its type', () => {
    expectTypeOf(policy).toExtend<ClientPolicy<ApiConfig>>();
    expectTypeOf(createClient({ policy })).toEqualTypeOf<CorsClient<ApiConfig>>();
    expectTypeOf(createClient<typeof policy>({ baseUrl: 'https://api.example.com' })).toEqualTypeOf<
      CorsClient<ApiConfig>
    >();
  });

  it('offers only the methods the policy allows', () => {
    const api = createClient({ policy });
    expectTypeOf(api.put).toBeFunction();
    expectTypeOf(api.delete).toBeFunction();
    expectTypeOf(api.get<{ id: string }>('items')).toEqualTypeOf<ResponsePromise<{ id: string }>>();
    // @ts-expect-error PATCH is not in the policy's methods
    api.patch('items/1');
    // @ts-expect-error QUERY is not in the policy's methods
    api.query('items');
    api('items', { method: 'put' });
    api('items', { method: 'DELETE' });
    // @ts-expect-error PATCH is not in the policy's methods
    api('items', { method: 'PATCH' });
    // @ts-expect-error methods compare case-sensitively: the policy lists PUT, not Put
    api('items', { method: 'Put' });
  });

  it('accepts only the request headers the policy accepts, in any case', () => {
    const api = createClient({ policy });
    api.get('items', { headers: { 'x-request-id': '1', 'X-Request-ID': '2', accept: 'application/json' } });
    api.put('items/1', { headers: { 'content-type': 'application/json' }, json: {} });
    // @ts-expect-error x-trace is not in the policy's requestHeaders
    api.get('items', { headers: { 'x-trace': '1' } });
    // @ts-expect-error authorization is not in the policy's requestHeaders
    api.get('items', { headers: { Authorization: 'Bearer t' } });
    createClient({ policy, headers: { 'X-Request-Id': '1' } });
    // @ts-expect-error client default headers are checked too
    createClient({ policy, headers: { 'x-trace': '1' } });
  });

  it('checks Content-Type values and the json option against the policy', () => {
    const narrow = createClient<ClientPolicy<NarrowConfig>>();
    narrow.post('items', { headers: { 'content-type': 'text/plain;charset=utf-8' }, body: 'x' });
    // @ts-expect-error application/json is not a safelisted Content-Type and content-type is not accepted
    narrow.post('items', { headers: { 'content-type': 'application/json' } });
    // @ts-expect-error json sends Content-Type: application/json
    narrow.post('items', { json: { a: 1 } });
    // @ts-expect-error PUT is not allowed by a policy without methods
    narrow.put('items');
  });

  it("allows credentials: 'include' only when the policy allows credentials", () => {
    createClient({ policy, credentials: 'include' });
    createClient<ClientPolicy<NarrowConfig>>({ credentials: 'omit' });
    // @ts-expect-error the policy does not set credentials: true
    createClient<ClientPolicy<NarrowConfig>>({ credentials: 'include' });
    const narrow = createClient<ClientPolicy<NarrowConfig>>();
    // @ts-expect-error per call too
    narrow.get('me', { credentials: 'include' });
  });

  it("treats requestHeaders '*' as any header but Authorization", () => {
    const open = createClient<ClientPolicy<{ origins: '*'; requestHeaders: '*' }>>();
    open.get('items', { headers: { 'x-anything': '1' } });
    // @ts-expect-error '*' does not cover Authorization in the Fetch Standard
    open.get('items', { headers: { authorization: 'Bearer t' } });
  });

  it('keeps the narrowing through extend() and create(), and types predict()', () => {
    const api = createClient({ policy }).extend({ timeout: 1000 });
    expectTypeOf(api).toEqualTypeOf<CorsClient<ApiConfig>>();
    expectTypeOf(api.create()).toEqualTypeOf<CorsClient<ApiConfig>>();
    expectTypeOf(api.predict('items', { method: 'put', json: {} })).toEqualTypeOf<Promise<Classification>>();
    // @ts-expect-error predict checks headers like a call
    api.predict('items', { headers: { 'x-trace': '1' } });
  });
});

describe('a client without a policy', () => {
  it('accepts everything ky accepts', () => {
    const api = createClient({ baseUrl: 'https://api.example.com' });
    api.patch('items/1', { headers: new Headers({ 'x-anything': '1' }), credentials: 'include' });
    api.query('search', { headers: [['x-a', '1']], json: { q: 1 } });
    api('x', { method: 'PROPFIND' });
  });

  it('reports honest progress and throws a CorsError with a code', () => {
    createClient().get('file', {
      onDownloadProgress(progress) {
        expectTypeOf(progress.totalBytes).toEqualTypeOf<number | null>();
        expectTypeOf(progress.percent).toEqualTypeOf<number | null>();
      },
    });
    expectTypeOf<CorsError['code']>().toExtend<string>();
    expectTypeOf<CorsError>().toExtend<import('ky').KyError>();
  });
});
