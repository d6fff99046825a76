import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectTypeFiles } from '../../../src/components/exercise/type-files.ts';

function repoWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'type-files-'));
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), source);
  }
  return root;
}

describe('collectTypeFiles', () => {
  it('follows relative type imports transitively, keyed by repository path', () => {
    const root = repoWith({
      'src/testkit/rng.ts': "import type { Seed } from './seed.ts';\nexport type Rng = () => number;\n",
      'src/testkit/seed.ts': 'export type Seed = number;\n',
    });
    const starter = "import type { Rng } from '../../src/testkit/rng.ts';\nexport function f(rng: Rng) {}\n";
    expect(collectTypeFiles(root, 'exercises/demo/starter.ts', starter)).toEqual({
      'src/testkit/rng.ts': "import type { Seed } from './seed.ts';\nexport type Rng = () => number;\n",
      'src/testkit/seed.ts': 'export type Seed = number;\n',
    });
  });

  it('needs nothing for a starter without imports', () => {
    expect(collectTypeFiles(repoWith({}), 'exercises/demo/starter.ts', 'export const x = 1;\n')).toEqual({});
  });

  it('names the importing file when an import points nowhere', () => {
    const starter = "import type { Rng } from '../../src/missing.ts';\n";
    expect(() => collectTypeFiles(repoWith({}), 'exercises/demo/starter.ts', starter)).toThrow(
      'exercises/demo/starter.ts: imports "../../src/missing.ts", but src/missing.ts does not exist',
    );
  });
});
