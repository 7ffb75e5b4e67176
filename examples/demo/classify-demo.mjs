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

/** A few words per reason, for the table; the full messages follow it. */
const SHORT = {
  'method-not-safelisted': (_r, c) => `method ${c.method}`,
  'header-not-safelisted': (r) => `${r.header} header`,
  'content-type-not-safelisted': () => 'content-type not form, multipart or text/plain',
  'header-value-not-safelisted': (r) => `${r.header} value`,
  'header-value-too-long': (r) => `${r.header} > 128 bytes`,
  'safelisted-headers-too-large': (r) => `${r.header}: safelisted total > 1024 bytes`,
  'range-not-simple': () => 'not a single byte range',
  'stream-body': () => 'stream body',
};
const why = (c) => c.reasons.map((r) => SHORT[r.code](r, c)).join(', ');

const width = Math.max(...calls.map(([label]) => label.length)) + 2;
console.log(`A page on ${origin} calls ${api}. Does the browser send a preflight first?\n`);
console.log(`${'call'.padEnd(width)}${ENGINES.map((e) => e.padEnd(11)).join('')}why`);
for (const [label, url, init] of calls) {
  const verdicts = ENGINES.map((engine) => [engine, classify(url, init, { origin, engine })]);
  const cells = verdicts.map(([, c]) => (c.preflight ? 'preflight' : 'simple').padEnd(11));
  const [, spec] = verdicts[0];
  // Where an engine differs from the standard, say how.
  const notes = verdicts.slice(1).flatMap(([engine, c]) => {
    if (c.dropped.length > spec.dropped.length) return [`${engine} drops ${c.dropped.join(', ')}`];
    if (c.preflight !== spec.preflight) return [`${engine}: ${c.preflight ? why(c) : 'safelisted there'}`];
    return [];
  });
  const text = [why(spec) || '-', ...notes].join('; ');
  console.log(`${label.padEnd(width)}${cells.join('')}${text}`);
}

console.log('\nWhat each reason means and what would avoid it (Fetch Standard):');
const seen = new Set();
for (const [, url, init] of calls) {
  for (const reason of classify(url, init, { origin }).reasons) {
    if (seen.has(reason.code)) continue;
    seen.add(reason.code);
    console.log(`- ${reason.code}: ${reason.message}`);
  }
}
console.log('\nEvery engine column is checked against the real browser by the conformance suite (npm test).');
