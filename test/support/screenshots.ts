import fs from 'node:fs';
import path from 'node:path';

/**
 * Where e2e tests save their screenshots. A test run writes them to test-results/screenshots (ignored by git),
 * so `npm test` leaves the tree clean; `npm run screenshots` sets FLOW_ADMIN_SCREENSHOTS=docs to renew the
 * pictures in docs/screenshots that the README and docs show.
 */
export const screenshotDir = path.resolve(process.env.FLOW_ADMIN_SCREENSHOTS === 'docs' ? 'docs/screenshots' : 'test-results/screenshots');

/** The path to save a screenshot named `file` at (the folder is made when missing). */
export function screenshotPath(file: string): string {
  fs.mkdirSync(screenshotDir, { recursive: true });
  return path.join(screenshotDir, file);
}
