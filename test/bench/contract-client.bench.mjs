// What the contract client adds to a call: the same PATCH (path param, a request header, a JSON body,
// a JSON answer with a declared response header) through plain ky, through createClient's untyped ky
// call, and through the contract method, all with one stub fetch that answers at once. Production
// mode (what apps ship) and development mode (every call classified for warnings). Run: npm run bench.
import os from 'node:os';
import { defineApi, type } from '../../packages/contract/dist/index.js';
import { createClient } from '../../packages/fetch/dist/index.js';
import ky from '../../packages/fetch/node_modules/ky/distribution/index.js';

const origin = 'https://app.example.com';
const baseUrl = 'https://api.example.com/';
const answer = JSON.stringify({ id: 1, title: 'Write tests', done: true });
const stub = async () =>
  new Response(answer, { status: 200, headers: { 'content-type': 'application/json', etag: '"v2"' } });

const api = defineApi({
  cors: { origins: [origin] },
  routes: {
    updateItem: {
      method: 'PATCH',
      path: '/items/:id',
      params: { id: type() },
      headers: { 'x-api-key': type() },
      body: type(),
      responses: { 200: { body: type(), headers: { etag: type() } }, 404: type() },
    },
  },
});

function clients(mode) {
  process.env.NODE_ENV = mode;
  const options = { baseUrl, origin, fetch: stub, retry: 0, onWarning: () => {} };
  const corskit = createClient(options);
  const typed = createClient({ ...options, api });
  const input = { params: { id: 1 }, headers: { 'x-api-key': 'k' }, body: { done: true } };
  const kyOptions = { json: { done: true }, headers: { 'x-api-key': 'k' } };
  return {
    [`createClient, untyped ky call (${mode})`]: async () => {
      const response = await corskit.patch('items/1', kyOptions);
      return { body: await response.json(), etag: response.headers.get('etag') };
    },
    [`createClient({ api }).updateItem() (${mode})`]: () => typed.updateItem(input),
    [`createClient({ api }).updateItem.json() (${mode})`]: () => typed.updateItem.json(input),
  };
}

const plain = ky.create({ baseUrl, fetch: stub, retry: 0 });
const cases = {
  'plain ky': async () => {
    const response = await plain.patch('items/1', { json: { done: true }, headers: { 'x-api-key': 'k' } });
    return { body: await response.json(), etag: response.headers.get('etag') };
  },
  ...clients('production'),
  ...clients('development'),
};

/** Calls per second of each case: the median of interleaved rounds (each case once per round, in
 * rotating order, so a noisy moment on a shared machine hits every case alike), after a warm-up. */
async function measure(cases, rounds = 15, batch = 2_000) {
  const entries = Object.entries(cases);
  for (const [, fn] of entries) for (let i = 0; i < batch; i++) await fn();
  const rates = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < entries.length; k++) {
      const [name, fn] = entries[(k + r) % entries.length];
      globalThis.gc?.();
      const start = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) await fn();
      rates[name].push((batch / Number(process.hrtime.bigint() - start)) * 1e9);
    }
  }
  return Object.fromEntries(
    Object.entries(rates).map(([name, list]) => [name, list.sort((a, b) => a - b)[Math.floor(rounds / 2)]]),
  );
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `## @corskit/fetch per-call overhead — ${cpu}, ${os.cpus().length} cores, Node ${process.version}\n`,
);
const check = await cases[`createClient({ api }).updateItem() (production)`]();
if (check.status !== 200 || check.headers.etag !== '"v2"')
  throw new Error(`unexpected result ${JSON.stringify(check)}`);
const rates = await measure(cases);
console.log('| call | calls/s | µs/call | / plain ky |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, rate] of Object.entries(rates)) {
  console.log(
    `| ${name} | ${Math.round(rate).toLocaleString('en-US')} | ${(1e6 / rate).toFixed(1)} | **${(rates['plain ky'] / rate).toFixed(2)}** |`,
  );
}
