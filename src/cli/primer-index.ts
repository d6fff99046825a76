/**
 * `npm run primer:index`: reads the primer (`../shared/primer/primer.md`, beside the project) and writes
 * src/primer/sentence-index.json — each section's sentences as normalised hashes, never the text. Run it when
 * the primer changes; the unit test `tests/unit/primer/primer-quotes.test.ts` says when the index is out of date.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { primerPath, primerSentenceIndex } from '../primer/sentences.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const source = resolve(projectRoot, primerPath);
if (!existsSync(source)) {
  console.error(`There is no primer at ${primerPath} (relative to the project). Check out shared/ beside the project, then run this again.`);
  process.exit(1);
}
const index = primerSentenceIndex(readFileSync(source, 'utf8'));
const target = join(projectRoot, 'src/primer/sentence-index.json');
writeFileSync(target, `${JSON.stringify(index, null, 2)}\n`);
const count = Object.values(index.sections).reduce((sum, hashes) => sum + hashes.length, 0);
console.log(`Wrote src/primer/sentence-index.json: ${count} sentence hashes in ${Object.keys(index.sections).length} sections.`);
