import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';

function announceFirstStart(adminToken: string, dataDir: string): void {
  // Printed once, on the terminal, outside the JSON logs that may be shipped elsewhere.
  process.stdout.write(
    [
      '',
      '  Reconoce: first start with this data directory.',
      `  Admin token (also kept in ${dataDir}/secrets.json, mode 0600):`,
      `    ${adminToken}`,
      '',
    ].join('\n') + '\n',
  );
}

async function bootstrap(): Promise<void> {
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
  const app = await createApp(config);
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
  if (config.generatedSecrets.includes('ADMIN_TOKEN')) {
    announceFirstStart(config.secrets.ADMIN_TOKEN, config.dataDir);
  }
}

await bootstrap();
