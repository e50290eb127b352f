// Undoes test/global-setup.mjs: the template database, the embedded server, the compiled sources.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export default async function stopTestSuiteServer() {
  const suite = globalThis.reconoceTestSuite;
  if (!suite) return;
  globalThis.reconoceTestSuite = undefined;
  try {
    if (suite.server) {
      await suite.server.stop();
      rmSync(suite.clusterParent, { recursive: true, force: true });
    } else if (suite.template) {
      const databases = await import(
        pathToFileURL(join(suite.compiled, 'test/helpers/databases.js')).href
      );
      await databases.queryOnce(
        suite.serverUrl,
        `DROP DATABASE IF EXISTS "${suite.template}" WITH (FORCE)`,
      );
    }
  } finally {
    rmSync(suite.compiled, { recursive: true, force: true });
  }
}
