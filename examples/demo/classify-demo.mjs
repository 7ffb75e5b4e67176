// The quick-start demo: classifies a dozen typical cross-origin calls from a page on
// https://app.example.com to https://api.example.com and prints, per engine, whether each one
// preflights and why. Run with `npm run demo` from the repository root.
import { classify, ENGINES } from '@corskit/core';

const origin = 'https://app.example.com';
const api = 'https://api.example.com';

const calls = [
  ['GET JSON', `${api}/items`, { headers: { Accept: 'application/json' } }],
  [
    'POST JSON',
    `${api}/items`,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' },
  ],
  ['POST form', `${api}/login`, { method: 'POST', body: new URLSearchParams({ user: 'ada' }) }],
  ['POST text/plain', `${api}/beacon`, { method: 'POST', body: 'ping' }],
  ['GET + Authorization', `${api}/me`, { headers: { Authorization: 'Bearer t0k3n' } }],
  ['PATCH', `${api}/items/1`, { method: 'PATCH', body: '{}' }],
  ['DELETE', `${api}/items/1`, { method: 'DELETE' }],
  ['GET Range bytes=0-1023', `${api}/file`, { headers: { Range: 'bytes=0-1023' } }],
  ['GET Range bytes=-500', `${api}/file`, { headers: { Range: 'bytes=-500' } }],
  [
    'GET long Accept',
    `${api}/items`,
    { headers: { Accept: `application/json;q=0.9,${'text/x-long;q=0.1,'.repeat(8)}*/*` } },
  ],
  ['GET + X-Api-Key', `${api}/items`, { headers: { 'X-Api-Key': 'k' } }],
  ['GET + Save-Data: on', `${api}/items`, { headers: { 'Save-Data': 'on' } }],
  ['GET + User-Agent', `${api}/items`, { headers: { 'User-Agent': 'demo/1.0' } }],
  ['POST FormData', `${api}/upload`, { method: 'POST', body: new FormData() }],
];

const engines = ENGINES;
const width = Math.max(...calls.map(([label]) => label.length)) + 2;
console.log(`Page ${origin} calling ${api}: does the browser send a preflight first?\n`);
console.log(`${'call'.padEnd(width)}${engines.map((e) => e.padEnd(11)).join('')}why (spec)`);
for (const [label, url, init] of calls) {
  const verdicts = engines.map((engine) => classify(url, init, { origin, engine }));
  const cells = verdicts.map((c) => (c.preflight ? 'preflight' : 'simple').padEnd(11));
  const spec = verdicts[0];
  const why = spec.reasons.map((r) => r.header ?? r.code).join(', ') || '-';
  const notes = verdicts
    .filter((c, i) => i > 0 && c.dropped.length > 0)
    .map((c, i) => `${engines[i + 1]} drops ${c.dropped.join(', ')}`);
  console.log(`${label.padEnd(width)}${cells.join('')}${why}${notes.length ? `; ${notes.join('; ')}` : ''}`);
}
console.log('\nReasons for the preflights (spec):');
const seen = new Set();
for (const [, url, init] of calls) {
  for (const reason of classify(url, init, { origin }).reasons) {
    if (seen.has(reason.code)) continue;
    seen.add(reason.code);
    console.log(`- ${reason.code}: ${reason.message}`);
  }
}
