import { protect, type CellCount, type Line } from './disclosure-control.js';
import type { CountedRecord } from './statistics-records.service.js';
import {
  ALL,
  cellKey,
  dimensionsOf,
  keysOfRecord,
  publishedRecords,
  sharedDimensions,
  tableStructure,
  type Dimension,
  type TableDefinition,
} from './statistics-tables.js';

/** k for every cell; K_SENSITIVE for a cell of a cross with a sensitive attribute. */
export const K = 5;
export const K_SENSITIVE = 10;

export interface PublishedTable {
  definition: TableDefinition;
  dimensions: Dimension[];
}

/** Every published table, protected together, since they share their margins. */
export interface Publication {
  tables: Map<string, PublishedTable>;
  /** A cell's value by key; null when suppressed. */
  values: Map<string, number | null>;
  /** The line structure, for audits and tests. */
  cells: Map<string, CellCount>;
  lines: Line[];
  suppressedCount: number;
}

/**
 * Counts the records into every table's cells and protects them (see disclosure-control.ts).
 * Records of a sparse country, year or type are left out first (publishedRecords).
 */
export function publish(
  all: readonly CountedRecord[],
  definitions: readonly TableDefinition[],
): Publication {
  const records = publishedRecords(all);
  const shared = sharedDimensions(records);
  const thresholds = new Map<string, number>();
  const lines: Line[] = [];
  const tables = new Map<string, PublishedTable>();
  for (const definition of definitions) {
    const dimensions = dimensionsOf(definition, shared);
    tables.set(definition.id, { definition, dimensions });
    const structure = tableStructure(dimensions);
    for (const coordinates of structure.cells) {
      const key = cellKey(coordinates);
      const sensitive = definition.sensitive && coordinates[definition.rowDimension] !== ALL;
      // A margin shared by several tables takes the strictest threshold.
      thresholds.set(key, Math.max(thresholds.get(key) ?? 0, sensitive ? K_SENSITIVE : K));
    }
    for (const line of structure.lines) lines.push(line.map(cellKey));
  }
  const units = new Map<string, { count: number; persons: Set<string> }>();
  for (const key of thresholds.keys()) units.set(key, { count: 0, persons: new Set() });
  for (const record of records) {
    // A margin is one cell, whichever tables show it: a record counts in it once.
    const seen = new Set<string>();
    for (const { definition, dimensions } of tables.values()) {
      for (const key of keysOfRecord(definition, dimensions, record)) {
        if (seen.has(key)) continue;
        seen.add(key);
        const unit = units.get(key)!;
        unit.count += 1;
        unit.persons.add(record.subjectKey);
      }
    }
  }
  const cells = new Map<string, CellCount>();
  for (const [key, k] of thresholds) {
    const unit = units.get(key)!;
    cells.set(key, { count: unit.count, persons: unit.persons.size, k });
  }
  const { suppressed } = protect(cells, lines);
  // When every record was left out, a table of zeros would read as "none": it is withheld.
  if (records.length === 0 && all.length > 0) for (const key of cells.keys()) suppressed.add(key);
  const values = new Map<string, number | null>();
  for (const [key, cell] of cells) values.set(key, suppressed.has(key) ? null : cell.count);
  return {
    tables,
    values,
    cells,
    lines,
    suppressedCount: suppressed.size,
  };
}
