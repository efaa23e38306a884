import { afterAll, afterEach, beforeEach } from 'vitest';
import { closeTestApps, testStarts } from '../support/app';

// Every app a test opened (openTestApp, openRuntimeApp) is closed after it, passed or failed; one a before-all
// hook opened, after the file.
beforeEach(testStarts);
afterEach(() => closeTestApps('test'));
afterAll(() => closeTestApps('file'));
