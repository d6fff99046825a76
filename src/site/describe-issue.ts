/** One line naming where stored data went wrong, e.g. `drafts.cap-register.code: Invalid input`. */
import type * as z from 'zod/mini';

export function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'unexpected shape'}`;
}
