import 'reflect-metadata';
import { createApp } from '../../app.js';
import { loadConfig } from '../../config/config.js';
import { DemoSeedService } from './demo-seed.service.js';

/** `npm run seed`: adds whatever part of the demo region is missing, on any database. */
async function seed(): Promise<void> {
  const app = await createApp(loadConfig({ ...process.env, SEED_DEMO: 'false' }));
  try {
    const result = await app.get(DemoSeedService).seed();
    process.stdout.write(`Demo region: ${result.issuersCreated} issuers added.\n`);
    if (result.apiKey) {
      process.stdout.write(`API key of ${result.apiKey.issuer}: ${result.apiKey.key}\n`);
    }
    if (result.sandboxApiKey) {
      const { issuer, key } = result.sandboxApiKey;
      process.stdout.write(`API key of the sandbox issuer ${issuer}: ${key}\n`);
    }
  } finally {
    await app.close();
  }
}

await seed();
