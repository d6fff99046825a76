import { describe, expect, it } from 'vitest';
import { searchButtonLabel } from '../../../src/site/search/search-button-label.ts';

describe('searchButtonLabel', () => {
  it('names the button by its label and the keys it shows, as separate words', () => {
    expect(searchButtonLabel('Search', ['Ctrl', 'K'])).toBe('Search Ctrl K');
    expect(searchButtonLabel('Search', ['⌘', 'K'])).toBe('Search ⌘ K');
  });

  it('keeps the label alone when no keys are shown, and ignores blank ones', () => {
    expect(searchButtonLabel('Search', [])).toBe('Search');
    expect(searchButtonLabel('Search', [' ', 'K '])).toBe('Search K');
  });
});
