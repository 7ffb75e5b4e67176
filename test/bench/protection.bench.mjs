// What crossOriginProtection adds per request: the same policy with it on and off, through our Node
// middleware (fresh IncomingMessage/ServerResponse pairs, no socket) and withCors, with a trivial
// handler. Each number is the fastest of many short batches: other processes only ever add time,
// so on a shared machine the minimum is the least disturbed measurement. Run: npm run bench.
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import os from 'node:os';
import { definePolicy, withCors } from '../../packages/server/dist/index.js';
import { corsMiddleware } from '../../packages/server/dist/node.js';

const BATCHES = Number(process.env.BENCH_BATCHES ?? 300);
const BATCH_SIZE = 300;

const config = {
  origins: ['https://app.example.com', 'https://admin.example.com', 'http://localhost:5173'],
  methods: ['PUT', 'DELETE'],
  credentials: true,
};
const POLICIES = { on: definePolicy(config), off: definePolicy({ ...config, crossOriginProtection: false }) };

const REQUESTS = {
  'GET from the allowed origin': [
    'GET',
    { origin: 'https://app.example.com', 'sec-fetch-site': 'cross-site' },
  ],
  'POST from the allowed origin': [
    'POST',
    { origin: 'https://app.example.com', 'sec-fetch-site': 'cross-site' },
  ],
  'POST from the same origin': [
    'POST',
    { origin: 'https://api.example.com', 'sec-fetch-site': 'same-origin' },
  ],
  'POST, no browser headers (curl)': ['POST', {}],
  'cross-site POST (refused when on)': [
    'POST',
    { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  ],
};

const socket = new Socket();
const HARNESSES = {
  'Node middleware': (policy, method, headers) => {
    const middleware = corsMiddleware(policy);
    return () => {
      const request = new IncomingMessage(socket);
      request.method = method;
      request.url = '/items';
      request.headers = headers;
      const response = new ServerResponse(request);
      middleware(request, response, () => response.end('ok'));
    };
  },
  withCors: (policy, method, headers) => {
    const handler = withCors(policy, () => new Response('ok'));
    const request = new Request('https://api.example.com/items', { method, headers });
    return () => handler(request);
  },
};

async function batch(run) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < BATCH_SIZE; i++) {
    const pending = run();
    if (pending !== undefined) await pending;
  }
  return Number(process.hrtime.bigint() - start) / BATCH_SIZE;
}

console.log(
  `## crossOriginProtection on / off — ${os.cpus()[0]?.model?.trim() ?? 'unknown CPU'}, nproc ${os.availableParallelism()}, Node ${process.version}, load average ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}\n`,
);
console.log(`Fastest of ${BATCHES} interleaved batches of ${BATCH_SIZE} requests, ns per request.\n`);
console.log('| harness | request | on ns | off ns | on − off ns | on / off |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const [harness, make] of Object.entries(HARNESSES)) {
  for (const [name, [method, headers]] of Object.entries(REQUESTS)) {
    const on = make(POLICIES.on, method, headers);
    const off = make(POLICIES.off, method, headers);
    for (let i = 0; i < 20; i++) await Promise.all([batch(on), batch(off)]); // Warm up the JIT.
    let fastestOn = Number.POSITIVE_INFINITY;
    let fastestOff = Number.POSITIVE_INFINITY;
    for (let i = 0; i < BATCHES; i++) {
      fastestOn = Math.min(fastestOn, await batch(on));
      fastestOff = Math.min(fastestOff, await batch(off));
    }
    console.log(
      `| ${harness} | ${name} | ${Math.round(fastestOn)} | ${Math.round(fastestOff)} | ${Math.round(fastestOn - fastestOff)} | ${(fastestOn / fastestOff).toFixed(2)} |`,
    );
  }
}
