import pg from 'pg';
import {
  createThrowawayDatabase,
  queryOnce,
  type ThrowawayDatabase,
} from '../../../../test/helpers/databases.js';
import { sqlLiteral } from './job-row-writer.js';

const SAMPLES = [
  '',
  'plain',
  "O'Brien",
  "''",
  'C:\\path\\file',
  "a\\'b",
  '\\',
  'línea\nnueva\ttab "comillas" ñ 🎓',
  JSON.stringify({ name: "D'Ángelo \\ Demo", list: ['x', "y'z"] }),
];

describe('sqlLiteral', () => {
  let database: ThrowawayDatabase;

  beforeAll(async () => {
    database = await createThrowawayDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('writes what pg.escapeLiteral writes', () => {
    for (const sample of SAMPLES) expect(sqlLiteral(sample)).toBe(pg.escapeLiteral(sample));
  });

  it('reads back as the same text in PostgreSQL', async () => {
    const select = SAMPLES.map((sample, i) => `${sqlLiteral(sample)} AS "${i}"`).join(', ');
    const [row] = await queryOnce<Record<string, string>>(database.url, `SELECT ${select}`);
    expect(SAMPLES.map((_, i) => row[String(i)])).toEqual(SAMPLES);
  });
});
