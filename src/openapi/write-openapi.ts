import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { buildOpenApiDocument } from './openapi.js';

export const OPENAPI_FILE = resolve(import.meta.dirname, '../../openapi.json');

/** Regenerates the committed openapi.json from the routes, on a throw-away embedded database. */
async function writeOpenApi(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reconoce-openapi-'));
  const app = await createApp(
    loadConfig({ DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'warn' }),
  );
  try {
    writeFileSync(OPENAPI_FILE, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
    process.stdout.write(`Wrote ${OPENAPI_FILE}\n`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await writeOpenApi();
