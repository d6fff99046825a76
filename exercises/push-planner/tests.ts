import { defineTests, test, expect, checkAgainstReference, fc } from '../../src/testkit/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

const CDN = 'https://cdn.example.com/';
const H1 = '3f2a1b9c7d5e4f60';
const H2 = 'a1b2c3d4e5f60718';
const H3 = '0badc0ffee123456';

/** Yesterday's build, as it sits on the CDN, and today's build, in which app.js changed and old.css is gone. */
const YESTERDAY = { 'app.js': H1, 'css/site.css': H2, 'old.css': H3 };
const TODAY = { 'app.js': H2, 'css/site.css': H2, 'img/logo.png': H3 };
const ON_CDN = [`${CDN}app.3f2a1b9c.js`, `${CDN}css/site.a1b2c3d4.css`, `${CDN}old.0badc0ff.css`];

/** planPush on copies: the builds and the CDN listing are shared by every test, so the learner's code never gets them. */
const planOf = (learner: typeof Solution, build: Readonly<Record<string, string>>, onCdn: readonly string[]) => learner.planPush({ ...build }, [...onCdn]);

/**
 * One name of a path: the awkward ones by hand (no dot, a leading dot, a trailing dot, two dots, capitals,
 * which plain string order puts before every lower-case letter) or any short run of the allowed characters.
 */
const pathName = fc.oneof(
  fc.constantFrom('app.js', 'README', '.htaccess', 'site.min.css', 'v1.2', 'Logo.PNG', 'a.', '..a', '_b-1', 'Z'),
  fc.string({ unit: fc.constantFrom(...'aZz09._-'), minLength: 1, maxLength: 5 }).filter((name) => name !== '.' && name !== '..'),
);
const pathOf = fc.array(pathName, { minLength: 1, maxLength: 3 }).map((names) => names.join('/'));
/** Content hashes of 8 to 12 hex digits, from few distinct digits so that two contents often share their first 8. */
const hashOf = fc.string({ unit: fc.constantFrom(...'0af'), minLength: 8, maxLength: 12 });

/**
 * A build of up to six files and the CDN listing before the push: URLs of some of these very files (unchanged),
 * of these paths with other content (old versions) and of paths the build no longer has, each URL once, in
 * generated order. Either side may be empty.
 */
const pushInputs = fc
  .tuple(
    fc.uniqueArray(fc.tuple(pathOf, hashOf), { maxLength: 6, selector: ([path]) => path }),
    // Each URL on the CDN: the n-th local file as it is (no hash) or with other content, or any path and content.
    fc.array(fc.oneof(fc.tuple(fc.nat(5), fc.option(hashOf)), fc.tuple(pathOf, hashOf)), { maxLength: 6 }),
  )
  .map(([files, listed]): [Record<string, string>, string[]] => {
    const urls = listed.flatMap(([which, hash]) => {
      if (typeof which === 'string') return [Reference.cdnUrl(which, hash!)];
      const file = files[which];
      return file === undefined ? [] : [Reference.cdnUrl(file[0], hash ?? file[1])];
    });
    return [Object.fromEntries(files), [...new Set(urls)]];
  });

export default defineTests<typeof Solution>((learner) => {
  test('puts the first 8 hex digits of the hash before the file extension', () => {
    expect(learner.cdnUrl('app.js', H1), 'cdnUrl("app.js", "3f2a1b9c7d5e4f60")').toBe(`${CDN}app.3f2a1b9c.js`);
    expect(learner.cdnUrl('css/site.min.css', H2), 'cdnUrl("css/site.min.css", …): only the last extension').toBe(`${CDN}css/site.min.a1b2c3d4.css`);
    expect(learner.cdnUrl('v1.2/LICENSE', H3), 'cdnUrl("v1.2/LICENSE", …): a dot in a folder name is not an extension').toBe(`${CDN}v1.2/LICENSE.0badc0ff`);
    expect(learner.cdnUrl('.well-known/.htaccess', H3), 'cdnUrl(".well-known/.htaccess", …): a leading dot is not an extension').toBe(`${CDN}.well-known/.htaccess.0badc0ff`);
  });

  test('gives changed content a new URL and unchanged content the same one', () => {
    expect(learner.cdnUrl('app.js', H1) === learner.cdnUrl('app.js', H2), 'app.js before and after a change get the same URL').toBe(false);
    expect(learner.cdnUrl('img/a.png', H3), 'img/a.png with the same hash, asked twice').toBe(learner.cdnUrl('img/a.png', H3));
    const plan = planOf(learner, YESTERDAY, ON_CDN);
    expect(plan.upload, 'planPush(yesterday’s build, the CDN holding yesterday’s build): nothing changed').toEqual([]);
  });

  test('uploads new and changed files only, sorted by path', () => {
    const plan = planOf(learner, TODAY, ON_CDN);
    expect(plan.upload, 'files to upload when app.js changed and img/logo.png is new').toEqual([
      { path: 'app.js', url: `${CDN}app.a1b2c3d4.js` },
      { path: 'img/logo.png', url: `${CDN}img/logo.0badc0ff.png` },
    ]);
    expect(planOf(learner, TODAY, []).upload.map((file) => file.path), 'files to upload to an empty CDN').toEqual(['app.js', 'css/site.css', 'img/logo.png']);
    const listedBackwards = Object.fromEntries(Object.entries(TODAY).reverse());
    expect(planOf(learner, listedBackwards, []).upload.map((file) => file.path), 'files to upload to an empty CDN, when the build lists them in reverse order').toEqual(['app.js', 'css/site.css', 'img/logo.png']);
  });

  test('maps every local path to its CDN URL for rewriting links', () => {
    const plan = planOf(learner, TODAY, ON_CDN);
    expect(plan.rewrite, 'rewrite, including css/site.css, which is already on the CDN').toEqual({
      'app.js': `${CDN}app.a1b2c3d4.js`,
      'css/site.css': `${CDN}css/site.a1b2c3d4.css`,
      'img/logo.png': `${CDN}img/logo.0badc0ff.png`,
    });
  });

  test('lists the CDN URLs this release no longer links to, sorted', () => {
    const plan = planOf(learner, TODAY, [...ON_CDN].reverse());
    expect(plan.unused, 'unused after the push: the old app.js and the removed old.css').toEqual([`${CDN}app.3f2a1b9c.js`, `${CDN}old.0badc0ff.css`]);
  });

  test('agrees with the reference on generated paths, builds and CDN listings', () => {
    checkAgainstReference({ name: 'cdnUrl', seed: 3321, runs: 40, inputs: fc.tuple(pathOf, hashOf), learner: learner.cdnUrl, reference: Reference.cdnUrl });
    checkAgainstReference({ name: 'planPush', seed: 3322, runs: 40, inputs: pushInputs, learner: learner.planPush, reference: Reference.planPush });
  });
});
