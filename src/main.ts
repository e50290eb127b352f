import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DemoSeedService } from './modules/demo/demo-seed.service.js';

function announceFirstStart(lines: string[]): void {
  // Printed once, on the terminal, outside the JSON logs that may be shipped elsewhere.
  process.stdout.write(['', '  Reconoce: first start.', ...lines, ''].join('\n') + '\n');
}

// Under a steady load, the garbage of requests that wait on the database survives young
// collections, and V8 let the old space grow to about three times its live data (75 MB) before a
// full collection: the process's memory swung by up to ±17 % around its median. Growth bounded at
// 25 % keeps it within ±10 % for more frequent (mostly concurrent) marking; decision 0022.
// `node --heap-growing-percent=N dist/main.js` chooses another bound.
const HEAP_GROWING_PERCENT = 25;

async function bootstrap(): Promise<void> {
  if (!process.execArgv.some((arg) => /^--heap[-_]growing[-_]percent/.test(arg))) {
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config);
  } catch (error) {
    // Said plainly, beside Nest's log: a DATA_DIR in use, data to move, an unreachable database.
    process.stderr.write(`Reconoce did not start: ${(error as Error).message ?? String(error)}\n`);
    process.exit(1);
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // Stop taking requests, finish those in flight, close the database, then leave.
      new Logger('Shutdown').log(`${signal} received: shutting down`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`Shutdown failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }
  await app.listen(config.port, '0.0.0.0');
  const lines: string[] = [];
  if (config.generatedSecrets.includes('ADMIN_TOKEN')) {
    lines.push(
      `  Admin token (also kept in ${config.dataDir}/secrets.json, mode 0600):`,
      `    ${config.secrets.ADMIN_TOKEN}`,
    );
  }
  const seeded = app.get(DemoSeedService).lastResult;
  const demoKey = seeded?.apiKey;
  if (demoKey) {
    lines.push(
      `  API key of the demo issuer ${demoKey.issuer} (shown only now):`,
      `    ${demoKey.key}`,
    );
  }
  const sandboxKey = seeded?.sandboxApiKey;
  if (sandboxKey) {
    lines.push(
      `  API key of the sandbox issuer ${sandboxKey.issuer} (OPEN profile, did:key; shown only now):`,
      `    ${sandboxKey.key}`,
    );
  }
  if (lines.length > 0) announceFirstStart(lines);
}

await bootstrap();
