import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where the earlier embedded database (PGlite, up to the release before this one) kept its data. */
export const PGLITE_DIR = 'pgdata';
/** The command that moves it into the embedded PostgreSQL server. */
export const MOVE_PGLITE_COMMAND = 'npm run db:move-pglite';

export function holdsPgliteData(dataDir: string): boolean {
  return existsSync(join(dataDir, PGLITE_DIR, 'PG_VERSION'));
}

export class PgliteDataError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `${join(dataDir, PGLITE_DIR)} holds data of the earlier embedded database (PGlite), which ` +
        `this release no longer runs. Move it into the embedded PostgreSQL server with ` +
        `\`DATA_DIR=${dataDir} ${MOVE_PGLITE_COMMAND}\` (the service must be stopped), then start again`,
    );
    this.name = 'PgliteDataError';
  }
}

/** The service does not start beside data it would silently ignore. */
export function refuseUnmovedPgliteData(dataDir: string): void {
  if (holdsPgliteData(dataDir)) throw new PgliteDataError(dataDir);
}
