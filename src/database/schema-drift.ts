import type { DataSource } from 'typeorm';

export interface SchemaChanges {
  /** Statements that would bring the database's schema to what the entities describe. */
  up: string[];
  /** Statements that would undo `up`, in the order to run them. */
  down: string[];
}

/**
 * What TypeORM's migration generator would write for this data source: the difference between its
 * entities and the schema the database has now (run the migrations first). Both lists are empty
 * when the entities and the migrations agree.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<SchemaChanges> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: sql.upQueries.map((query) => query.query),
    down: sql.downQueries.map((query) => query.query).reverse(),
  };
}
