// The entry of a verification worker thread (see verify-pool.ts). It runs the compiled
// JavaScript in dist/, never the TypeScript sources.
import { parentPort, workerData } from 'node:worker_threads';
import { shareJsonLdTermDefinitions } from './jsonld-tuning.js';
import { loadSchemas } from './schemas.js';
import {
  runVerifyTask,
  type VerifyResponse,
  type VerifyTask,
  type VerifyWorkerData,
} from './verify-pool.js';

if (!parentPort) throw new TypeError('verify-worker.js runs only as a worker thread');
const port = parentPort;
const data = workerData as VerifyWorkerData;
const schemas = loadSchemas(data.schemasDir);

// Safe here: this thread only verifies, and canonical forms are unchanged (jsonld-tuning.spec.ts).
shareJsonLdTermDefinitions();

port.on('message', (request: { id: number; task: VerifyTask }) => {
  runVerifyTask(request.task, data, schemas).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies VerifyResponse),
    (error: unknown) => {
      const { name, message } =
        error instanceof Error ? error : { name: 'Error', message: String(error) };
      port.postMessage({
        id: request.id,
        ok: false,
        error: { name, message },
      } satisfies VerifyResponse);
    },
  );
});
