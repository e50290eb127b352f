/**
 * Cell suppression for a set of additive tables that share cells (docs/statistics.md).
 *
 * The input is every cell of every published table, keyed by its coordinates, and every
 * additive relation between them as a *line*: children that sum to a total (a row or column of
 * a table with its margin, a year and its quarters, every country and their sum). The output is
 * the set of cells to suppress so that:
 *
 * 1. primary: no published non-zero cell counts fewer than its k units or k distinct people;
 * 2. lines: no line holds exactly one suppressed cell (else it is its total minus the others);
 * 3. audit: no suppressed cell is determined by all the lines together: with the published
 *    values as constants, the suppressed cells are unknowns of a linear system, and a cell is
 *    exactly disclosed when its unit vector lies in the row space of that system. Gauss–Jordan
 *    elimination finds such cells; each one found gets a further complement and 2–3 run again.
 *
 * Complements are the smallest unsuppressed non-zero cells of a line, children before totals,
 * so that as little as possible is lost and margins stay published where they can.
 */

export interface CellCount {
  /** Units counted (certifications). */
  count: number;
  /** Distinct people among them. */
  persons: number;
  /** The threshold for this cell (5; 10 in a cross with a sensitive attribute). */
  k: number;
}

/** Children first, the total last. */
export type Line = readonly string[];

export interface Protection {
  suppressed: Set<string>;
  /** The cells under their threshold. */
  primary: Set<string>;
  /** Rounds of audit that found a disclosed cell (0 when the line rule sufficed). */
  auditRounds: number;
  /** Data too sparse to protect cell by cell: everything but the grand total suppressed. */
  exhausted: boolean;
}

/**
 * Sparse data (a few units spread over many cells) can need a complement for every cell; past
 * this many audit rounds the tables are withheld whole instead.
 */
const MAX_AUDIT_ROUNDS = 12;

/** Withholds every cell but the grand total (the key ''), and that one too if it would tell. */
function exhaust(
  cells: ReadonlyMap<string, CellCount>,
  lines: readonly Line[],
  suppressed: Set<string>,
  primary: Set<string>,
  auditRounds: number,
): Protection {
  for (const key of cells.keys()) if (key !== '') suppressed.add(key);
  if (disclosedCells(cells, lines, suppressed).length > 0) suppressed.add('');
  return { suppressed, primary, auditRounds, exhausted: true };
}

const EPS = 1e-9;

export function isPrimary(cell: CellCount): boolean {
  return cell.count > 0 && (cell.count < cell.k || cell.persons < cell.k);
}

export function protect(cells: ReadonlyMap<string, CellCount>, lines: readonly Line[]): Protection {
  const primary = new Set([...cells].filter(([, cell]) => isPrimary(cell)).map(([key]) => key));
  const suppressed = new Set(primary);
  const linesOf = new Map<string, Line[]>();
  for (const line of lines) {
    for (const key of line) {
      if (!cells.has(key)) throw new TypeError(`Line member ${key} is not a cell`);
      linesOf.set(key, [...(linesOf.get(key) ?? []), line]);
    }
  }
  let auditRounds = 0;
  for (;;) {
    enforceLines(cells, lines, suppressed);
    const disclosed = disclosedCells(cells, lines, suppressed);
    if (disclosed.length === 0) return { suppressed, primary, auditRounds, exhausted: false };
    auditRounds += 1;
    if (auditRounds > MAX_AUDIT_ROUNDS)
      return exhaust(cells, lines, suppressed, primary, auditRounds);
    // A complement for each disclosed cell at once: an audit is the costly step.
    const complements = disclosed.map((key) => {
      const complement = nearestComplement(cells, linesOf, key, suppressed);
      if (!complement) throw new Error(`No complement can protect ${key}`);
      return complement;
    });
    for (const complement of complements) suppressed.add(complement);
  }
}

/** Until no line holds exactly one suppressed cell. */
function enforceLines(
  cells: ReadonlyMap<string, CellCount>,
  lines: readonly Line[],
  suppressed: Set<string>,
): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter((key) => suppressed.has(key)).length !== 1) continue;
      const complement = complementFor(cells, [line], suppressed);
      if (!complement) continue; // a line of one cell: nothing to hide it behind
      suppressed.add(complement);
      changed = true;
    }
  }
}

/**
 * A complement for a disclosed cell: in one of its lines; when they are all suppressed, in the
 * nearest line reached through suppressed cells (the value leaks through those).
 */
function nearestComplement(
  cells: ReadonlyMap<string, CellCount>,
  linesOf: ReadonlyMap<string, Line[]>,
  disclosed: string,
  suppressed: ReadonlySet<string>,
): string | undefined {
  const seen = new Set([disclosed]);
  for (let frontier = [disclosed]; frontier.length > 0;) {
    const lines = frontier.flatMap((key) => linesOf.get(key) ?? []);
    const complement = complementFor(cells, lines, suppressed);
    if (complement) return complement;
    frontier = lines.flat().filter((key) => !seen.has(key));
    for (const key of frontier) seen.add(key);
  }
  return undefined;
}

function complementFor(
  cells: ReadonlyMap<string, CellCount>,
  lines: readonly Line[],
  suppressed: ReadonlySet<string>,
): string | undefined {
  let best: { key: string; rank: number[] } | undefined;
  for (const line of lines) {
    line.forEach((key, i) => {
      if (suppressed.has(key)) return;
      const { count } = cells.get(key)!;
      // Non-zero before zero (a zero protects little), children before totals, then smallest.
      const rank = [count === 0 ? 1 : 0, i === line.length - 1 ? 1 : 0, count];
      if (!best || compareRanks(rank, best.rank) < 0) best = { key, rank };
    });
  }
  return best?.key;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * The suppressed cells whose value follows from the published ones through the lines: pivots of
 * the reduced row echelon form whose row has no other unknown.
 */
export function disclosedCells(
  cells: ReadonlyMap<string, CellCount>,
  lines: readonly Line[],
  suppressed: ReadonlySet<string>,
): string[] {
  const unknowns = [...suppressed];
  const column = new Map(unknowns.map((key, i) => [key, i]));
  const echelon = new Echelon();
  for (const line of lines) {
    const row = new Map<number, number>();
    line.forEach((key, i) => {
      const col = column.get(key);
      if (col !== undefined) row.set(col, i === line.length - 1 ? -1 : 1);
    });
    if (row.size > 0) echelon.add(row);
  }
  return echelon.determined().map((col) => unknowns[col]);
}

/** A sparse matrix kept in reduced row echelon form as rows are added. */
class Echelon {
  private readonly rows: Map<number, number>[] = [];
  private readonly pivotRow = new Map<number, number>();
  private readonly rowsWith = new Map<number, Set<number>>();

  add(input: Map<number, number>): void {
    const row = new Map(input);
    for (const col of [...row.keys()]) {
      const coefficient = row.get(col);
      const pivot = this.pivotRow.get(col);
      if (coefficient === undefined || pivot === undefined) continue;
      axpy(row, -coefficient, this.rows[pivot]);
    }
    let pivotCol: number | undefined;
    for (const [col, value] of row) {
      if (Math.abs(value) > EPS && (pivotCol === undefined || col < pivotCol)) pivotCol = col;
    }
    if (pivotCol === undefined) return;
    const scale = 1 / row.get(pivotCol)!;
    for (const [col, value] of row) row.set(col, value * scale);
    const index = this.rows.length;
    // Keep every other row free of the new pivot.
    for (const other of [...(this.rowsWith.get(pivotCol) ?? [])]) {
      const target = this.rows[other];
      const factor = target.get(pivotCol);
      if (factor !== undefined) this.update(other, target, -factor, row);
    }
    this.rows.push(row);
    this.pivotRow.set(pivotCol, index);
    for (const col of row.keys()) this.index(col, index);
  }

  determined(): number[] {
    return [...this.pivotRow]
      .filter(
        ([, index]) => [...this.rows[index].values()].filter((v) => Math.abs(v) > EPS).length === 1,
      )
      .map(([col]) => col);
  }

  private update(
    index: number,
    target: Map<number, number>,
    factor: number,
    source: Map<number, number>,
  ) {
    for (const [col, value] of source) {
      const next = (target.get(col) ?? 0) + factor * value;
      if (Math.abs(next) > EPS) {
        target.set(col, next);
        this.index(col, index);
      } else {
        target.delete(col);
        this.rowsWith.get(col)?.delete(index);
      }
    }
  }

  private index(col: number, row: number): void {
    let set = this.rowsWith.get(col);
    if (!set) this.rowsWith.set(col, (set = new Set()));
    set.add(row);
  }
}

function axpy(target: Map<number, number>, factor: number, source: Map<number, number>): void {
  for (const [col, value] of source) {
    const next = (target.get(col) ?? 0) + factor * value;
    if (Math.abs(next) > EPS) target.set(col, next);
    else target.delete(col);
  }
}
