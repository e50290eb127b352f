// The entry of a signing worker thread (see signing-pool.ts). It runs the compiled JavaScript in
// dist/, never the TypeScript sources.
import { parentPort, workerData } from 'node:worker_threads';
import { createDocumentLoader } from './document-loader.js';
import { shareJsonLdTermDefinitions } from './jsonld-tuning.js';
import { JSONLD_TUNED } from './pool-stats.js';
import { runSignTask, type SignTask, type SigningWorkerData } from './signing-pool.js';
import { serveTasks } from '../common/thread-pool/thread-pool.js';

if (!parentPort) throw new TypeError('signing-worker.js runs only as a worker thread');

// Safe here: this thread only signs, and the canonical form is unchanged (jsonld-tuning.spec.ts).
const jsonLdTuned = shareJsonLdTermDefinitions();
const documentLoader = createDocumentLoader(workerData as SigningWorkerData);

serveTasks(parentPort, (task: SignTask) => runSignTask(task, documentLoader), {
  [JSONLD_TUNED]: jsonLdTuned,
});
