import type { PreflightOf, RequestOf, ResponseOf } from '@corskit/contract';
import type { Classification } from '@corskit/core';
import { QueryClient } from '@tanstack/query-core';
import type { HTTPError } from 'ky';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CorsClient,
  createClient,
  type ResultHTTPError,
  type RouteMethodOf,
  routeMutation,
  routeQuery,
} from '../src/index.js';
import { api, type Item, type TestApi } from './contract-fixture.js';

const client = createClient({ api, baseUrl: 'https://api.example.com' });
type NotFound = { error: 'not-found' };
type ServerError = { error: string };

describe('one method per route, named as in the contract', () => {
  it('is still the CORS-aware ky instance, with a method per route', () => {
    expectTypeOf(client).toExtend<CorsClient>();
    expectTypeOf(client.get).toBeFunction();
    expectTypeOf(client.updateItem).toEqualTypeOf<RouteMethodOf<TestApi, 'updateItem'>>();
    // @ts-expect-error no such route
    client.deleteEverything;
  });

  it('without an api it is the plain client', () => {
    expectTypeOf(createClient({ baseUrl: 'https://api.example.com' })).toEqualTypeOf<CorsClient>();
    // @ts-expect-error no routes without a contract
    createClient({}).listItems;
  });

  it('takes exactly what the route declares (RequestOf)', () => {
    expectTypeOf(client.updateItem).parameter(0).toEqualTypeOf<RequestOf<TestApi, 'updateItem'>>();
    type Update = RequestOf<TestApi, 'updateItem'>;
    expectTypeOf<keyof Update>().toEqualTypeOf<'params' | 'headers' | 'body'>();
    expectTypeOf<Update['params']>().toEqualTypeOf<{ id: string | number }>();
    expectTypeOf<Update['headers']['x-api-key']>().toEqualTypeOf<string>();
    expectTypeOf<Update['body']>().toEqualTypeOf<{ done: boolean }>();
    client.updateItem({ params: { id: 1 }, headers: { 'x-api-key': 'k' }, body: { done: true } });
    // @ts-expect-error the x-api-key header is required
    client.updateItem({ params: { id: 1 }, body: { done: true } });
    // @ts-expect-error done is a boolean
    client.updateItem({ params: { id: 1 }, headers: { 'x-api-key': 'k' }, body: { done: 'yes' } });
    // @ts-expect-error the path param is required
    client.getItem({});
    // @ts-expect-error the input is required when something in it is
    client.getItem();
    // @ts-expect-error a GET declares no body
    client.getItem({ params: { id: 1 }, body: {} });
  });

  it('makes the input optional when nothing in it is required', () => {
    client.listItems();
    client.listItems({ query: { done: 'true' } });
    client.me();
    // @ts-expect-error done is 'true' or 'false'
    client.listItems({ query: { done: 'yes' } });
  });

  it('resolves to the result keyed on status, shared responses included (ResponseOf)', () => {
    expectTypeOf(client.getItem).returns.resolves.toEqualTypeOf<ResponseOf<TestApi, 'getItem'>>();
    expectTypeOf<ResponseOf<TestApi, 'getItem'>['status']>().toEqualTypeOf<200 | 404 | 500>();
    async () => {
      const result = await client.updateItem({
        params: { id: 1 },
        headers: { 'x-api-key': 'k' },
        body: { done: true },
      });
      if (result.status === 200) {
        expectTypeOf(result.body).toEqualTypeOf<Item>();
        expectTypeOf(result.headers).toEqualTypeOf<{ etag: string }>();
      } else if (result.status === 404) {
        expectTypeOf(result.body).toEqualTypeOf<NotFound>();
        expectTypeOf(result.headers).toEqualTypeOf<Record<never, never>>();
      } else {
        expectTypeOf(result.status).toEqualTypeOf<500>();
        expectTypeOf(result.body).toEqualTypeOf<ServerError>();
      }
      const list = await client.listItems();
      if (list.status === 200) expectTypeOf(list.headers['x-total-count']).toEqualTypeOf<string>();
      const removed = await client.remove({ params: { id: 1 }, headers: { 'x-api-key': 'k' } });
      if (removed.status === 204) expectTypeOf(removed.body).toEqualTypeOf<undefined>();
      // @ts-expect-error 201 is not a status of getItem
      (await client.getItem({ params: { id: 1 } })).status === 201;
    };
  });

  it('the throwing style resolves to the 2xx body', () => {
    expectTypeOf(client.getItem.json).returns.resolves.toEqualTypeOf<Item>();
    expectTypeOf(client.note.json).returns.resolves.toEqualTypeOf<string>();
    // text/csv is read as a string, whatever type the server side declares for its body
    expectTypeOf(client.report.json).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(client.remove.json).returns.resolves.toEqualTypeOf<undefined>();
    expectTypeOf<ResultHTTPError<ResponseOf<TestApi, 'getItem'>>>().toExtend<HTTPError>();
    expectTypeOf<ResultHTTPError<ResponseOf<TestApi, 'getItem'>>['result']['status']>().toEqualTypeOf<
      404 | 500
    >();
  });

  it('predict() takes the same input and gives the classification', () => {
    expectTypeOf(client.updateItem.predict).returns.resolves.toEqualTypeOf<Classification>();
    expectTypeOf<PreflightOf<TestApi, 'listItems'>['preflight']>().toEqualTypeOf<false>();
    expectTypeOf(client.updateItem.facts.name).toEqualTypeOf<'updateItem'>();
  });
});

describe('per-call options', () => {
  it('keep ky options and leave out what the contract decides', () => {
    client.getItem({ params: { id: 1 } }, { timeout: 1000, retry: 2, signal: new AbortController().signal });
    client.getItem({ params: { id: 1 } }, { validate: true });
    // @ts-expect-error the contract decides the method
    client.getItem({ params: { id: 1 } }, { method: 'POST' });
    // @ts-expect-error the contract decides credentials (include exactly where declared)
    client.getItem({ params: { id: 1 } }, { credentials: 'include' });
    // @ts-expect-error headers go in the input, where the contract types them
    client.getItem({ params: { id: 1 } }, { headers: { 'x-debug': '1' } });
  });

  it('offer download progress only on routes flagged for it', () => {
    client.report(undefined, {
      onDownloadProgress: (progress) => expectTypeOf(progress.totalBytes).toEqualTypeOf<number | null>(),
    });
    // @ts-expect-error getItem is not flagged progress: 'download', so the server exposes no progress headers
    client.getItem({ params: { id: 1 } }, { onDownloadProgress: () => {} });
    const file = { params: { name: 'a' }, body: { file: new Blob(), label: 'x' } };
    // @ts-expect-error no route here is flagged for upload progress
    client.upload(file, { onUploadProgress: () => {} });
  });

  it('validate names only routes of the contract', () => {
    createClient({ api, validate: ['getItem'] });
    createClient({ api, validate: true });
  });
});

describe('TanStack Query factories', () => {
  it('give keys from the route name and its params and query, and the 2xx body as data', () => {
    const options = routeQuery(client.getItem, { params: { id: 1 } });
    expectTypeOf(options.queryKey).toEqualTypeOf<readonly ['getItem', { params: { id: string | number } }]>();
    expectTypeOf(options.queryFn).returns.resolves.toEqualTypeOf<Item>();
    const listKey = routeQuery(client.listItems).queryKey;
    expectTypeOf<keyof (typeof listKey)[1]>().toEqualTypeOf<'query'>();
    expectTypeOf(listKey[1].query).toEqualTypeOf<RequestOf<TestApi, 'listItems'>['query']>();
    // @ts-expect-error the route's input is checked
    routeQuery(client.getItem, { params: {} });
  });

  it('fit @tanstack/query-core as they are', () => {
    const queries = new QueryClient();
    expectTypeOf(
      queries.fetchQuery(routeQuery(client.getItem, { params: { id: 1 } })),
    ).resolves.toEqualTypeOf<Item>();
    const mutation = routeMutation(client.updateItem);
    expectTypeOf(mutation.mutationFn).parameter(0).toEqualTypeOf<RequestOf<TestApi, 'updateItem'>>();
    expectTypeOf(mutation.mutationKey).toEqualTypeOf<readonly ['updateItem']>();
  });
});
