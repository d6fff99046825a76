/**
 * Sucrase's tokenizer, run once per source and shared by the passes that read tokens (throw sites, dynamic
 * imports): it tells code from strings and comments, which a text search cannot.
 */
import { getFormattedTokens } from 'sucrase';

/** One row per token: "<line>:<column>-<line>:<column> <label> <raw> …". Throws sucrase's syntax error. */
export function tokenTableOf(source: string): string {
  return getFormattedTokens(source, { transforms: ['typescript'] });
}
