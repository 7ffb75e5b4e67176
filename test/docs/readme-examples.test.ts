// Every ```ts block in the READMEs (and docs/*.md) is a complete example: it compiles on its own,
// as a module of a fresh strict project, with its imports. They are the first code users copy.
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { blockName, markdownFiles, typeCheckBlocks, typescriptBlocks } from './code-blocks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const blocks = markdownFiles(root).flatMap((file) => typescriptBlocks(root, file));
const fragments = blocks.filter((block) => block.flags.includes('fragment'));
const examples = blocks.filter((block) => !block.flags.includes('fragment'));
const problems = typeCheckBlocks(root, examples);

const HOW_TO_FIX = `
Each \`\`\`ts block in a README must compile on its own as a module of a strict project: import or
declare every name it uses (@corskit/* resolves to the packages' sources, other packages from the
node_modules beside the README). Several files: start each with a "// @filename: name.ts" line.
A line that must NOT compile: put "// @ts-expect-error: why" above it. A deliberate fragment: open
the block with \`\`\`ts fragment (there should be almost none).`;

describe('README code blocks', () => {
  test('there are blocks to check', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  test.each(examples.map((block) => [blockName(root, block), block] as const))(
    '%s compiles',
    (_name, block) => {
      const found = problems.get(block) ?? [];
      expect(found, `${found.join('\n')}\n${HOW_TO_FIX}`).toEqual([]);
    },
  );

  test('deliberate fragments are few', () => {
    expect(fragments.map((block) => blockName(root, block)).length).toBeLessThanOrEqual(3);
  });
});
