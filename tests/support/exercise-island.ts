/**
 * Drives an exercise island the way a learner does: by roles and accessible names. Shared by the e2e suite and
 * the bench; what an exercise is (title, lesson, tests, starter, solution) comes from the course model.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { ExerciseFacts } from '../../src/course/course-facts.ts';

export const EDITOR_NAME = 'Code editor for the exercise';

/** Opens the lesson and scrolls to its exercise, which loads the editor; returns the island's region. */
export async function openExercise(page: Page, exercise: ExerciseFacts): Promise<Locator> {
  await page.goto(`/${exercise.lesson}/`);
  const island = page.getByRole('region', { name: exercise.title });
  await island.scrollIntoViewIfNeeded();
  // Monaco's text input is a zero-size element (it draws the text elsewhere), so "attached", not "visible".
  await expect(editorIn(island)).toBeAttached();
  return island;
}

export const editorIn = (island: Locator) => island.getByRole('textbox', { name: EDITOR_NAME });
export const resultsIn = (island: Locator) => island.getByRole('status', { name: 'Test results' });

/**
 * The text in the editor, whichever editor is in use. Read from the island's `value` (as with a form control):
 * Monaco only renders the lines in view, so its DOM does not hold the whole text.
 */
export async function editorText(island: Locator): Promise<string> {
  return island.evaluate((region) => (region.closest('sdl-exercise') as (Element & { value?: string }) | null)?.value ?? '');
}

/**
 * Waits until the editor holds `code` (space at either end aside). The editor applies a paste
 * asynchronously, so a key pressed at once may reach it before the paste has: under load, Run then grades the
 * code from before.
 */
export async function editorHolds(page: Page, island: Locator, code: string, timeoutMs = 10_000): Promise<void> {
  const wanted = code.trim();
  for (const started = Date.now(); (await editorText(island)).trim() !== wanted; await page.waitForTimeout(20)) {
    if (Date.now() - started > timeoutMs) throw new Error(`The editor did not hold the pasted code within ${timeoutMs} ms.`);
  }
}

/** Replaces the editor's code the way a learner pastes it: select all, paste from the clipboard. */
export async function pasteCode(page: Page, island: Locator, code: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await editorIn(island).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}
