// The browser tests (`npm run test:browser`): Playwright driving Debian's Chromium against the
// whole service on an embedded database. Kept out of `npm test`, whose testMatch they miss.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
};
