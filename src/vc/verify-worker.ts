// The entry of a verification worker thread (see verify-pool.ts). It runs the compiled
// JavaScript in dist/, never the TypeScript sources.
import { parentPort, workerData } from 'node:worker_threads';
import { shareJsonLdTermDefinitions } from './jsonld-tuning.js';
import { JSONLD_TUNED } from './pool-stats.js';
import { loadSchemas } from './schemas.js';
import { serveTasks } from '../common/thread-pool/thread-pool.js';
import { runVerifyTask, type VerifyWorkerData } from './verify-pool.js';

if (!parentPort) throw new TypeError('verify-worker.js runs only as a worker thread');
const data = workerData as VerifyWorkerData;
const schemas = loadSchemas(data.schemasDir);

// Safe here: this thread only verifies, and canonical forms are unchanged (jsonld-tuning.spec.ts).
const jsonLdTuned = shareJsonLdTermDefinitions();

serveTasks(
  parentPort,
  (task: Parameters<typeof runVerifyTask>[0]) => runVerifyTask(task, data, schemas),
  {
    [JSONLD_TUNED]: jsonLdTuned,
  },
);
