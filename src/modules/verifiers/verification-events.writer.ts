import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VerificationEvent } from './entities/verification-event.entity.js';

export type VerificationEventRow = Omit<VerificationEvent, 'id' | 'credential'>;

// A crash loses at most the events of the last interval; a graceful shutdown loses none.
const FLUSH_INTERVAL_MS = 1_000;
// A buffer this full is written at once, without waiting for the interval.
const FLUSH_SIZE = 500;

/**
 * Verification events, buffered and written in batches: a check by link answered from memory
 * must not wait for an insert. Written every second, when 500 are waiting, before anyone reads
 * them on this replica, and on shutdown.
 */
@Injectable()
export class VerificationEventsWriter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(VerificationEventsWriter.name);
  private buffer: VerificationEventRow[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(row: VerificationEventRow): void {
    this.buffer.push(row);
    if (this.buffer.length >= FLUSH_SIZE) void this.flush();
  }

  /** Writes what is waiting; resolves once everything recorded before the call is stored. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write(): Promise<void> {
    const rows = this.buffer;
    if (rows.length === 0) return;
    this.buffer = [];
    const repository = this.dataSource.getRepository(VerificationEvent);
    try {
      // One statement with an array per column: TypeORM's insert builder spent as much of the
      // service's time under load as the socket writes, naming and escaping 3,500 parameters.
      await this.dataSource.query(
        `INSERT INTO verification_event (credential_id, share_id, at, country, purpose, status, outcome)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[],
                              $6::text[], $7::text[])`,
        [
          rows.map((row) => row.credentialId),
          rows.map((row) => row.shareId),
          rows.map((row) => row.at.toISOString()),
          rows.map((row) => row.country),
          rows.map((row) => row.purpose),
          rows.map((row) => row.status),
          rows.map((row) => row.outcome),
        ],
      );
    } catch (error) {
      // One bad row (a credential erased meanwhile) must not lose the others.
      let lost = 0;
      for (const row of rows) await repository.insert(row).catch(() => (lost += 1));
      if (lost > 0)
        this.logger.warn(`${lost} verification events not written: ${(error as Error).message}`);
    }
  }
}
