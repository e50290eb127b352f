// The entry of a signing worker thread (see signing-pool.ts). It runs the compiled JavaScript in
// dist/, never the TypeScript sources.
import { parentPort, workerData } from 'node:worker_threads';
import { createDocumentLoader } from './document-loader.js';
import { shareJsonLdTermDefinitions } from './jsonld-tuning.js';
import {
  runSignTask,
  type SignRequest,
  type SignResponse,
  type SigningWorkerData,
} from './signing-pool.js';

if (!parentPort) throw new TypeError('signing-worker.js runs only as a worker thread');
const port = parentPort;

// Safe here: this thread only signs, and the canonical form is unchanged (jsonld-tuning.spec.ts).
shareJsonLdTermDefinitions();
const documentLoader = createDocumentLoader(workerData as SigningWorkerData);

port.on('message', (request: SignRequest) => {
  runSignTask(request.task, documentLoader).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies SignResponse),
    (error: unknown) => {
      const { name, message } =
        error instanceof Error ? error : { name: 'Error', message: String(error) };
      port.postMessage({
        id: request.id,
        ok: false,
        error: { name, message },
      } satisfies SignResponse);
    },
  );
});
