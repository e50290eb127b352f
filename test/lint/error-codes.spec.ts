import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUS } from '../../src/common/errors/error-codes.js';

// Every error code the API declares is one some code answers with: a code nobody throws is a
// promise to clients (and to openapi.json readers) that nothing keeps.

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('error codes', () => {
  it('every declared code is used outside the table', () => {
    const text = sources(join(process.cwd(), 'src'))
      .filter((path) => !path.endsWith(join('errors', 'error-codes.ts')))
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    const unused = Object.keys(ERROR_STATUS).filter(
      (code) => !new RegExp(`['"\`]${code}['"\`]`).test(text),
    );
    expect(unused).toEqual([]);
  });
});
