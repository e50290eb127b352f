import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import type { IssuerPrincipal } from '../../../common/auth/principal.js';
import { openSecret, sha256Hex } from '../../../common/crypto/index.js';
import { AppError } from '../../../common/errors/app-error.js';
import { LockoutsService } from '../../holders/services/lockouts.service.js';
import { verifyPassword } from '../../holders/passwords.js';
import { IssuersService } from '../../registry/services/issuers.service.js';
import { CaseWorkerSession } from '../entities/case-worker-session.entity.js';
import { CaseWorker } from '../entities/case-worker.entity.js';
import { acceptTotp } from '../case-worker-totp.js';
import { CaseWorkersService, totpAad } from './case-workers.service.js';

/** A session lasts a working day at most, and ends after half an hour without a request. */
export const SESSION_HOURS = 8;
export const SESSION_IDLE_MINUTES = 30;
const MINUTE_MS = 60_000;

/** A signed-in case worker: who, for which authority, and the principal the services take. */
export interface CaseWorkerSignedIn {
  sessionId: string;
  caseWorkerId: string;
  name: string;
  login: string;
  authorityName: string;
  /** The authority as the casework services' caller, naming this case worker. */
  principal: IssuerPrincipal;
}

const INVALID = () =>
  new AppError('INVALID_CREDENTIALS', 'The login, password or code is not right.');

/**
 * Console sign-in: password and a current TOTP code; a code already used (or an earlier one) is
 * refused, and failures count towards the holders' lockout (per account and per client). Sessions
 * are random tokens of which only the SHA-256 is stored.
 */
@Injectable()
export class CaseWorkerSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lockouts: LockoutsService,
    private readonly issuers: IssuersService,
    private readonly workers: CaseWorkersService,
  ) {}

  /**
   * @returns the session token for the cookie.
   * @throws AppError INVALID_CREDENTIALS (wrong login, password or code, a replayed code, a
   *   disabled or unenrolled account: one answer), RATE_LIMITED while locked.
   */
  async login(input: { login: string; password: string; totp: string }, client: string) {
    const login = input.login.trim().toLowerCase();
    const accountKey = `case-worker:${sha256Hex(login)}`;
    await this.lockouts.assertLoginAllowed(accountKey, client);
    const worker = await this.dataSource
      .getRepository(CaseWorker)
      .createQueryBuilder('w')
      .addSelect(['w.passwordHash', 'w.totpSecretSealed'])
      .where('w.login = :login', { login })
      .getOne();
    const active = worker?.status === 'ACTIVE' ? worker : null;
    const passwordOk = await verifyPassword(active?.passwordHash, input.password);
    const step =
      passwordOk && active?.totpSecretSealed
        ? await acceptTotp(
            openSecret(active.totpSecretSealed, this.workers.masterKeys, totpAad(active.id)),
            input.totp,
            active.totpLastStep === null ? null : Number(active.totpLastStep),
          )
        : null;
    if (!active || step === null) {
      await this.lockouts.loginFailed(accountKey, client);
      throw INVALID();
    }
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const spent = await this.dataSource.transaction(async (manager) => {
      // The step is spent under a row lock: two requests with the same code, one session.
      const result = await manager
        .createQueryBuilder()
        .update(CaseWorker)
        .set({ totpLastStep: String(step) })
        .where('id = :id AND status = :status', { id: active.id, status: 'ACTIVE' })
        .andWhere('(totp_last_step IS NULL OR totp_last_step < :step)', { step })
        .execute();
      if (result.affected !== 1) return false;
      await manager.insert(CaseWorkerSession, {
        caseWorkerId: active.id,
        tokenHash: sha256Hex(token),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 60 * MINUTE_MS),
        endedAt: null,
      });
      return true;
    });
    if (!spent) {
      await this.lockouts.loginFailed(accountKey, client);
      throw INVALID();
    }
    await this.lockouts.loginSucceeded(accountKey);
    return token;
  }

  /** The case worker of a live session, or null; a request keeps the session alive. */
  async resolve(token: string | undefined): Promise<CaseWorkerSignedIn | null> {
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const now = new Date();
    const session = await this.dataSource.getRepository(CaseWorkerSession).findOne({
      where: { tokenHash: sha256Hex(token), endedAt: IsNull() },
      relations: { caseWorker: true },
    });
    const worker = session?.caseWorker;
    const idleSince = new Date(now.getTime() - SESSION_IDLE_MINUTES * MINUTE_MS);
    if (!session || !worker || worker.status !== 'ACTIVE') return null;
    if (session.expiresAt <= now || session.lastSeenAt <= idleSince) return null;
    if (now.getTime() - session.lastSeenAt.getTime() > MINUTE_MS) {
      await this.dataSource
        .getRepository(CaseWorkerSession)
        .update(session.id, { lastSeenAt: now });
    }
    const authority = await this.issuers.requireById(worker.authorityId);
    return {
      sessionId: session.id,
      caseWorkerId: worker.id,
      name: worker.name,
      login: worker.login,
      authorityName: authority.legalName,
      principal: {
        kind: 'issuer',
        issuerId: authority.id,
        slug: authority.slug,
        did: authority.did,
        caseWorkerId: worker.id,
      },
    };
  }

  async logout(sessionId: string): Promise<void> {
    await this.dataSource
      .getRepository(CaseWorkerSession)
      .update({ id: sessionId, endedAt: IsNull() }, { endedAt: new Date() });
  }
}
