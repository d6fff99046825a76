import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.ts';
import type { Page } from '@playwright/test';
import { openExercise, pasteCode, resultsIn } from '../support/exercise-island.ts';
import { describeLessonPages } from './support/lesson-pages.ts';
import { courseExercise } from '../../src/course/course-facts.ts';

const wrongVariant = (id: string, file: string) => readFileSync(new URL(`../../exercises/${id}/wrong/${file}`, import.meta.url), 'utf8');

describeLessonPages({
  '08-replication': { figures: 2 },
  '09-fail-over': { figures: 2 },
  '10-background-jobs': { figures: 2 },
});

test.describe('failure stories in lesson 08', () => {
  test('a router that ignores the client’s own writes is shown the read that missed one, with its seed', async ({ page }) => {
    const island = await openExercise(page, courseExercise('read-router'));
    await pasteCode(page, island, wrongVariant('read-router', 'ignores-own-writes.ts'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const results = resultsIn(island);
    await expect(results).toContainText('a read-your-writes violation', { timeout: 30_000 });
    await expect(results).toContainText('whose latest report said it had applied up to #');
    await expect(results).toContainText('seed 1');
  });

  test('promoting before the relay log has drained tells which acknowledged writes were dropped', async ({ page }) => {
    const island = await openExercise(page, courseExercise('choose-promotion'));
    await pasteCode(page, island, wrongVariant('choose-promotion', 'promotes-without-draining.ts'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const results = resultsIn(island);
    await expect(results).toContainText('are lost for good', { timeout: 30_000 });
    await expect(results).toContainText('R1 itself had received them: it took writes before applying its relay log');
    await expect(results).toContainText('taking writes dropped its relay log');
    await expect(results).toContainText('P crashed');
  });

  test('comparing version-vector totals tells which write was silently lost', async ({ page }) => {
    const island = await openExercise(page, courseExercise('version-vectors'));
    await pasteCode(page, island, wrongVariant('version-vectors', 'sum-of-counters.ts'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const results = resultsIn(island);
    await expect(results).toContainText('is silently lost', { timeout: 30_000 });
    await expect(results).toContainText('"concurrent"');
  });
});

test.describe('the fail-over lag slider in lesson 08', () => {
  const readings = (page: Page) => page.getByRole('table', { name: /Measured in the simulation \(5 seeded runs\)/ });
  const value = async (page: Page, row: RegExp) => Number((await readings(page).getByRole('row', { name: row }).getByRole('cell').innerText()).split(' ')[0]);

  test('is keyboard-operable, and slower polling loses more acknowledged writes', async ({ page }) => {
    await page.goto('/08-replication/');
    const slider = page.getByRole('slider', { name: 'Replica poll interval' });
    await expect(slider).toHaveValue('50');
    const lagAt50 = await value(page, /Replica lag at the crash/);
    const lostAt50 = await value(page, /most caught-up replica/);
    await expect(page.getByRole('group', { name: /every 50 ms/ }).locator('svg')).toBeVisible();

    await slider.focus();
    await page.keyboard.press('End');
    await expect(slider).toHaveValue('200');
    await expect(slider).toHaveAttribute('aria-valuetext', 'every 200 milliseconds');
    await expect(page.getByRole('status').filter({ hasText: 'Replicas polling every 200 ms' })).toBeAttached();
    await expect.poll(() => value(page, /Replica lag at the crash/)).toBeGreaterThan(lagAt50 * 2);
    expect(await value(page, /most caught-up replica/)).toBeGreaterThan(lostAt50);
    await expect(page.getByRole('group', { name: /every 200 ms/ }).locator('svg')).toBeVisible();
    // The best choice never loses more than the worst.
    expect(await value(page, /most caught-up replica/)).toBeLessThanOrEqual(await value(page, /furthest behind/));

    await page.keyboard.press('Home');
    await expect(slider).toHaveValue('10');
    await expect.poll(() => value(page, /Replica lag at the crash/)).toBeLessThan(lagAt50);
  });
});

test.describe('failure stories in lesson 09', () => {
  test('a store without fencing is shown the split-brain writes of two actives', async ({ page }) => {
    const island = await openExercise(page, courseExercise('fenced-store'));
    await pasteCode(page, island, wrongVariant('fenced-store', 'no-fencing.ts'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const results = resultsIn(island);
    await expect(results).toContainText('two actives wrote — split brain', { timeout: 30_000 });
    await expect(results).toContainText('A paused');
  });

  test('a monitor with a fixed three-beat timeout is shown the pause it took for a crash', async ({ page }) => {
    const island = await openExercise(page, courseExercise('standby-monitor'));
    await pasteCode(page, island, wrongVariant('standby-monitor', 'fixed-three-beats.ts'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const results = resultsIn(island);
    await expect(results).toContainText('a false fail-over', { timeout: 30_000 });
    await expect(results).toContainText('A paused');
    await expect(results).toContainText('S takes over');
  });

  test('heartbeat settings that forget the beat due during a pause are shown the pause they took for a crash', async ({ page }) => {
    const island = await openExercise(page, courseExercise('heartbeat-slo'));
    await pasteCode(page, island, wrongVariant('heartbeat-slo', 'forgets-the-due-beat.ts'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const results = resultsIn(island);
    await expect(results).toContainText('a false fail-over', { timeout: 30_000 });
    await expect(results).toContainText('A paused');
    await expect(results).toContainText('S takes over');
  });

  test('a cluster sized by the (n − 1)/n rule is shown its survivors’ tail after the failure', async ({ page }) => {
    const island = await openExercise(page, courseExercise('capacity-headroom'));
    await pasteCode(page, island, wrongVariant('capacity-headroom', 'survivors-at-full-capacity.ts'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const results = resultsIn(island);
    await expect(results).toContainText('ran at 100% of capacity', { timeout: 30_000 });
    await expect(results).toContainText('over the 250 ms objective');
  });
});

test.describe('the heartbeat tuner in lesson 09', () => {
  const readings = (page: Page) => page.getByRole('table', { name: /Measured in the simulation \(5 seeds/ });
  const cell = (page: Page, row: RegExp) => readings(page).getByRole('row', { name: row }).getByRole('cell').innerText();

  test('both sliders work from the keyboard and trade detection time against false fail-overs', async ({ page }) => {
    await page.goto('/09-fail-over/');
    const interval = page.getByRole('slider', { name: 'Heartbeat interval' });
    const missed = page.getByRole('slider', { name: 'Missed beats tolerated' });
    await expect(interval).toHaveValue('100');
    await expect(missed).toHaveValue('3');
    await expect(readings(page).getByRole('row', { name: /Silence tolerated/ })).toContainText('300 ms');

    await missed.focus();
    await page.keyboard.press('Home');
    await expect(missed).toHaveValue('1');
    await expect(missed).toHaveAttribute('aria-valuetext', '1 missed beat');
    await expect(page.getByRole('status').filter({ hasText: '1 missed tolerated' })).toBeAttached();
    await expect.poll(() => cell(page, /false fail-over/)).toBe('5 of 5');
    expect(await cell(page, /crash to take-over \(mean\)/i)).toContain('before the crash');

    await page.keyboard.press('End');
    await expect(missed).toHaveValue('6');
    await expect.poll(() => cell(page, /false fail-over/)).toBe('0 of 5');
    const slow = Number((await cell(page, /crash to take-over \(mean\)/i)).replace(/\D/g, ''));
    expect(slow).toBeGreaterThan(500);

    await interval.focus();
    await page.keyboard.press('Home');
    await expect(interval).toHaveValue('50');
    await expect(interval).toHaveAttribute('aria-valuetext', 'every 50 milliseconds');
    await expect(readings(page).getByRole('row', { name: /Silence tolerated/ })).toContainText('300 ms');
    await expect.poll(async () => Number((await cell(page, /crash to take-over \(mean\)/i)).replace(/\D/g, ''))).toBeLessThan(slow);
    await expect(page.getByRole('group', { name: /every 50 ms, 6 missed tolerated/ }).locator('svg')).toBeVisible();
  });
});

test.describe('failure stories in lesson 10', () => {
  test('a handler that is not idempotent is shown the job that sent two emails, and why it was delivered twice', async ({ page }) => {
    const island = await openExercise(page, courseExercise('idempotent-handler'));
    await pasteCode(page, island, wrongVariant('idempotent-handler', 'remembers-objects.ts'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const results = resultsIn(island);
    await expect(results).toContainText('request j8 took effect 2 times', { timeout: 30_000 });
    await expect(results).toContainText('job j8 (attempt 2)');
  });

  test('a worker that checks, then sends without a key, is shown the stalled worker’s second email', async ({ page }) => {
    const island = await openExercise(page, courseExercise('email-outbox'));
    await pasteCode(page, island, wrongVariant('email-outbox', 'checks-then-sends.ts'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const results = resultsIn(island);
    await expect(results).toContainText("delivered j7's email (to customer7@example.com) 2 times", { timeout: 30_000 });
    await expect(results).toContainText('stalls for 300 ms');
    await expect(results).toContainText('seed 1');
  });

  test('a queue whose leases never expire is shown the crashed worker’s lost job', async ({ page }) => {
    const island = await openExercise(page, courseExercise('job-queue'));
    await pasteCode(page, island, wrongVariant('job-queue', 'leases-never-expire.ts'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const results = resultsIn(island);
    await expect(results).toContainText('the job is lost', { timeout: 30_000 });
    // The run is shrunk before it is told (two workers, not three), so the worker's name is the shrunk run's.
    await expect(results).toContainText(/the worker that gets j3 crashes 5 ms later/);
    await expect(results).toContainText(/W\d crashed/);
  });
});

test.describe('a scheduler story in lesson 10', () => {
  test('scheduling a period after each run finishes is shown its drift', async ({ page }) => {
    const island = await openExercise(page, courseExercise('interval-scheduler'));
    await pasteCode(page, island, wrongVariant('interval-scheduler', 'next-from-finish.ts'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const results = resultsIn(island);
    await expect(results).toContainText('drifted off the schedule', { timeout: 30_000 });
    await expect(results).toContainText('run 1: started at');
  });
});

test.describe('the lease tuner in lesson 10', () => {
  const readings = (page: Page) => page.getByRole('table', { name: /Measured in the simulation \(5 seeded runs of 12 jobs\)/ });
  const value = async (page: Page, row: RegExp) => Number((await readings(page).getByRole('row', { name: row }).getByRole('cell').innerText()).split(' ')[0]);

  test('is keyboard-operable: short leases double emails, long leases keep a crashed job waiting', async ({ page }) => {
    await page.goto('/10-background-jobs/');
    const slider = page.getByRole('slider', { name: 'Lease (visibility timeout)' });
    await expect(slider).toHaveValue('200');
    const waitAt200 = await value(page, /Crashed worker/);

    await slider.focus();
    await page.keyboard.press('Home');
    await expect(slider).toHaveValue('50');
    await expect(slider).toHaveAttribute('aria-valuetext', '50 milliseconds');
    await expect(page.getByRole('status').filter({ hasText: 'Leases of 50 ms' })).toBeAttached();
    await expect.poll(() => value(page, /Emails sent twice/)).toBeGreaterThan(10);
    expect(await value(page, /Healthy jobs dead-lettered/)).toBeGreaterThan(0);

    await page.keyboard.press('End');
    await expect(slider).toHaveValue('800');
    await expect.poll(() => value(page, /Emails sent twice/)).toBe(0);
    expect(await value(page, /Crashed worker/)).toBeGreaterThan(waitAt200);
    await expect(page.getByRole('group', { name: /leases of 800 ms/ }).locator('svg')).toBeVisible();
  });
});
