// createPathsClient's types on two real documents nobody on the team wrote (GitHub's REST API,
// 1223 operations, and Stripe's, 452): openapi-typescript generates their `paths`, and the same
// calls type-check (and the same mistakes fail) for our client and for openapi-fetch.
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, typeCheck } from './paths-setup.js';

beforeAll(generate, 300_000);

describe.each(['github', 'stripe'])('paths of %s', (name) => {
  it('type-checks the calls, and rejects each mistake (an unused @ts-expect-error fails too)', async () => {
    const ours = await typeCheck(name, 'ours');
    expect(ours.errors).toBe('');
    expect(ours.ok).toBe(true);
    const theirs = await typeCheck(name, 'theirs');
    expect(theirs.errors).toBe('');
    console.log(
      `${name}: createPathsClient ${ours.instantiations} instantiations, ${ours.checkSeconds} s; openapi-fetch ${theirs.instantiations}, ${theirs.checkSeconds} s`,
    );
  }, 600_000);
});
