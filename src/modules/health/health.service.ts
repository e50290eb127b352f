import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error.js';

const READINESS_TIMEOUT_MS = 2_000;

export interface HealthStatus {
  status: 'ok';
}

@Injectable()
export class HealthService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  live(): HealthStatus {
    return { status: 'ok' };
  }

  /** Ready when the database answers within the timeout; the pool reconnects by itself. */
  async ready(): Promise<HealthStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database timed out')), READINESS_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return { status: 'ok' };
    } catch (error) {
      throw new AppError('NOT_READY', 'The database is not reachable.', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
