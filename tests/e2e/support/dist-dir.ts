/** The built site the e2e suite serves and inspects: dist/, or E2E_DIST_DIR when a build went elsewhere. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const distDir = process.env.E2E_DIST_DIR
  ? `${resolve(process.env.E2E_DIST_DIR)}/`
  : fileURLToPath(new URL('../../../dist/', import.meta.url));
