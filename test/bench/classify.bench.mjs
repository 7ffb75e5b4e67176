// classify() runs before every request @corskit/fetch sends. This measures it for typical calls,
// beside the cost of the `new Request()` a fetch() call builds anyway. Run: npm run bench.
import os from 'node:os';
import { classify } from '../../packages/core/dist/index.js';

const origin = 'https://app.example.com';
const url = 'https://api.example.com/v1/items';
let page = 0;
const jsonPost = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"ada"}' };

const cases = [
  ['classify: JSON POST', () => classify(url, jsonPost, { origin })],
  ['classify: JSON POST (chromium)', () => classify(url, jsonPost, { origin, engine: 'chromium' })],
  // A URL never seen before on every call, so the URL memo never hits: the worst case.
  ['classify: JSON POST, a new URL each call', () => classify(`${url}?page=${++page}`, jsonPost, { origin })],
  [
    'classify: GET, Accept + Authorization',
    () => classify(url, { headers: { Accept: 'application/json', Authorization: 'Bearer abc' } }, { origin }),
  ],
  ['new Request(): JSON POST', () => new Request(url, jsonPost)],
];

/** Calls per second: the median of several timed rounds after a warm-up. */
function measure(fn, rounds = 7, batch = 200_000) {
  for (let i = 0; i < batch; i++) fn();
  const rates = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    const ns = Number(process.hrtime.bigint() - start);
    rates.push((batch / ns) * 1e9);
  }
  return rates.sort((a, b) => a - b)[Math.floor(rounds / 2)];
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`## @corskit/core classify — ${cpu}, ${os.cpus().length} cores, Node ${process.version}\n`);
console.log('| call | ops/s (one core) | ns/op |');
console.log('| --- | ---: | ---: |');
const results = new Map();
for (const [name, fn] of cases) {
  const rate = measure(fn, 7, name.startsWith('new Request') ? 50_000 : 200_000);
  results.set(name, rate);
  console.log(`| ${name} | ${Math.round(rate).toLocaleString('en-US')} | ${(1e9 / rate).toFixed(0)} |`);
}
const ratio = results.get('classify: JSON POST') / results.get('new Request(): JSON POST');
console.log(`\nclassify is ${ratio.toFixed(1)}x as fast as building the Request it predicts.`);
