// The entry of the database thread (see EmbeddedPostgres): PGlite and its socket server, until
// the parent asks it to stop. It runs the compiled JavaScript in dist/, never the sources.
import { parentPort, workerData } from 'node:worker_threads';
import {
  servePglite,
  type DatabaseThreadMessage,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.js';

if (!parentPort) throw new TypeError('embedded-postgres-worker.js runs only as a worker thread');
const port = parentPort;
const answer = (message: DatabaseThreadMessage) => port.postMessage(message);
const failure = (error: unknown): DatabaseThreadMessage => ({
  kind: 'failed',
  message: error instanceof Error ? error.message : String(error),
});

try {
  const served = await servePglite(workerData as EmbeddedPostgresOptions);
  port.once('message', () => {
    served.stop().then(
      () => answer({ kind: 'stopped' }),
      (error: unknown) => answer(failure(error)),
    );
  });
  answer({ kind: 'serving', port: served.port });
} catch (error) {
  answer(failure(error));
}
