/**
 * Errors as log fields, by allow-list: the type, message, stack and code, and the cause chain.
 * Properties a library hangs on its errors are left out — a failing query carries its
 * parameters, the row it failed on and, in a body-parser error, the body. A database error
 * keeps its SQLSTATE and the constraint, table and column it names. Every message loses its
 * quoted parts: the values PostgreSQL puts in it (`invalid input syntax for type uuid: "…"`), the
 * input JSON.parse quotes, the value a library names.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (typeof error === 'string') return redactQuoted(error);
  if (!(error instanceof Error)) {
    return typeof error === 'object' && error !== null ? { type: 'non-error object' } : error;
  }
  const database = isDatabaseError(error);
  // Any message may quote what it failed on (JSON.parse quotes the input, a validator the value):
  // quoted parts never reach the log.
  const message = redactQuoted(error.message);
  const stackFrames = (error.stack ?? '').split('\n').slice(1).join('\n');
  const fields = error as unknown as Record<string, unknown>;
  const serialized: Record<string, unknown> = {
    type: error.constructor.name,
    message,
    stack: `${error.name}: ${message}\n${stackFrames}`,
  };
  for (const key of database ? DATABASE_ERROR_FIELDS : ['code']) {
    const value = fields[key] ?? (fields.driverError as Record<string, unknown> | undefined)?.[key];
    if (typeof value === 'string' || typeof value === 'number') serialized[key] = value;
  }
  if (error.cause !== undefined && depth < 5)
    serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

// What identifies a database failure without holding any of the data: no detail, no where, no
// parameters, no query (hand-built SQL may carry literals).
const DATABASE_ERROR_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'routine'];

function isDatabaseError(error: Error): boolean {
  const fields = error as unknown as Record<string, unknown>;
  return (
    'driverError' in fields ||
    error.name === 'QueryFailedError' ||
    (typeof fields.severity === 'string' && typeof fields.code === 'string')
  );
}

/** Text with every double- or single-quoted part replaced: values, and identifiers with them. */
export function redactQuoted(text: string): string {
  return text.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'/g, (quoted) => `${quoted[0]}…${quoted[0]}`);
}
