import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import {
  masterKeyFromBase64,
  masterKeyRing,
  openSecret,
  sealSecret,
  type MasterKey,
} from '../../../common/crypto/index.js';
import { AppError } from '../../../common/errors/app-error.js';
import { isUuid } from '../../../common/validation/uuid.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import { AuditService } from '../../audit/audit.service.js';
import { hashClaimCode, newClaimCode } from '../../credentials/credential-secrets.js';
import { assertStrongPassword } from '../../holders/password-policy.js';
import { LockoutsService } from '../../holders/services/lockouts.service.js';
import { hashPassword } from '../../holders/passwords.js';
import type { Issuer } from '../../registry/services/issuers.service.js';
import { IssuersService } from '../../registry/services/issuers.service.js';
import { CaseWorkerSession } from '../entities/case-worker-session.entity.js';
import { CaseWorker } from '../entities/case-worker.entity.js';
import { acceptTotp, newTotpSecret, totpUri } from '../case-worker-totp.js';
import { CompetentAuthoritiesService } from './competent-authorities.service.js';

/** How long an enrolment code works: time to reach the person, as for assisted recovery codes. */
export const ENROLMENT_HOURS = 72;
const HOUR_MS = 3_600_000;

export interface CaseWorkerView {
  id: string;
  authority: string;
  name: string;
  login: string;
  status: CaseWorker['status'];
  createdAt: Date;
  enrolmentExpiresAt: Date | null;
  enrolledAt: Date | null;
  disabledAt: Date | null;
}

export interface CreatedCaseWorker extends CaseWorkerView {
  /** Shown once: only its SHA-256 is stored. */
  enrolmentCode: string;
}

/** What the person sees while enrolling: the secret to put in an authenticator app. */
export interface PendingTotp {
  login: string;
  name: string;
  secret: string;
  uri: string;
}

const view = (worker: CaseWorker, authority: string): CaseWorkerView => ({
  id: worker.id,
  authority,
  name: worker.name,
  login: worker.login,
  status: worker.status,
  createdAt: worker.createdAt,
  enrolmentExpiresAt: worker.status === 'PENDING' ? worker.enrolmentExpiresAt : null,
  enrolledAt: worker.enrolledAt,
  disabledAt: worker.disabledAt,
});

export const totpAad = (workerId: string) => `case-worker-totp:${workerId}`;

/**
 * Staff accounts of the competent authorities for the case-worker console: created and disabled
 * by the registry operator, enrolled by the person with a one-time code (a password and a TOTP
 * authenticator). Every change is audited; no secret is ever written to the audit log.
 */
@Injectable()
export class CaseWorkersService {
  private readonly master: MasterKey;
  readonly masterKeys: ReadonlyMap<string, Buffer>;

  constructor(
    @InjectConfig() config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly issuers: IssuersService,
    private readonly authorities: CompetentAuthoritiesService,
    private readonly lockouts: LockoutsService,
  ) {
    this.master = masterKeyFromBase64(config.secrets.KEY_ENCRYPTION_KEY);
    this.masterKeys = masterKeyRing(this.master);
  }

  async create(
    slug: string,
    input: { name: string; login: string },
    actor: string,
  ): Promise<CreatedCaseWorker> {
    const authority = await this.authorityBySlug(slug);
    const login = input.login.toLowerCase();
    const enrolmentCode = newClaimCode();
    const now = new Date();
    const worker = await this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(CaseWorker, { login })) {
        throw new AppError('LOGIN_TAKEN', `The login ${login} is taken.`, {
          errors: [{ path: 'login', message: 'already used by another case worker' }],
        });
      }
      const saved = await manager.save(
        CaseWorker,
        manager.create(CaseWorker, {
          authorityId: authority.id,
          name: input.name,
          login,
          status: 'PENDING',
          passwordHash: null,
          totpSecretSealed: null,
          totpLastStep: null,
          enrolmentCodeHash: hashClaimCode(enrolmentCode),
          enrolmentExpiresAt: new Date(now.getTime() + ENROLMENT_HOURS * HOUR_MS),
          createdAt: now,
          enrolledAt: null,
          disabledAt: null,
        }),
      );
      await this.audit.append(manager, {
        actor,
        action: 'case_worker.created',
        subject: `issuer:${authority.slug}`,
        data: { caseWorkerId: saved.id, login },
      });
      return saved;
    });
    return { ...view(worker, authority.slug), enrolmentCode };
  }

  async list(slug: string): Promise<CaseWorkerView[]> {
    const authority = await this.authorityBySlug(slug);
    const workers = await this.dataSource
      .getRepository(CaseWorker)
      .find({ where: { authorityId: authority.id }, order: { createdAt: 'ASC' } });
    return workers.map((worker) => view(worker, authority.slug));
  }

  /** Disables an account: its enrolment code stops working and its sessions end at once. */
  async disable(slug: string, id: string, actor: string): Promise<CaseWorkerView> {
    const authority = await this.authorityBySlug(slug);
    return this.dataSource.transaction(async (manager) => {
      const worker = isUuid(id)
        ? await manager.findOne(CaseWorker, {
            where: { id, authorityId: authority.id },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!worker) throw new AppError('NOT_FOUND', `${authority.slug} has no case worker ${id}.`);
      if (worker.status === 'DISABLED') {
        throw new AppError('CONFLICT', `Case worker ${id} is already disabled.`);
      }
      const now = new Date();
      Object.assign(worker, { status: 'DISABLED', disabledAt: now, enrolmentExpiresAt: null });
      await manager.update(CaseWorker, worker.id, {
        status: 'DISABLED',
        disabledAt: now,
        enrolmentCodeHash: null,
        enrolmentExpiresAt: null,
      });
      await manager.update(
        CaseWorkerSession,
        { caseWorkerId: worker.id, endedAt: IsNull() },
        { endedAt: now },
      );
      await this.audit.append(manager, {
        actor,
        action: 'case_worker.disabled',
        subject: `issuer:${authority.slug}`,
        data: { caseWorkerId: worker.id, login: worker.login },
      });
      return view(worker, authority.slug);
    });
  }

  /**
   * First step of enrolment: the code is checked, the password set and a new TOTP secret kept
   * sealed until a first code confirms it. Repeating the step replaces both.
   *
   * @throws AppError INVALID_ENROLMENT_CODE, WEAK_PASSWORD
   */
  async beginEnrolment(code: string, password: string, client: string): Promise<PendingTotp> {
    const found = await this.pendingByCode(code, client);
    assertStrongPassword(password, [found.login, ...found.login.split(/[@.]/), found.name]);
    const secret = newTotpSecret();
    await this.dataSource.getRepository(CaseWorker).update(found.id, {
      passwordHash: await hashPassword(password),
      totpSecretSealed: sealSecret(secret, this.master, totpAad(found.id)),
    });
    return { login: found.login, name: found.name, secret, uri: totpUri(secret, found.login) };
  }

  /** The secret of the first step again, to show with a wrong first code. */
  async pendingTotp(code: string, client: string): Promise<PendingTotp> {
    const found = await this.pendingByCode(code, client);
    const secret = this.pendingSecret(found);
    return { login: found.login, name: found.name, secret, uri: totpUri(secret, found.login) };
  }

  /**
   * Second step: a right code of the new secret makes the account active; the enrolment code is
   * spent.
   *
   * @throws AppError INVALID_ENROLMENT_CODE, INVALID_TOTP_CODE
   */
  async confirmEnrolment(code: string, totp: string, client: string): Promise<CaseWorkerView> {
    const result = await this.dataSource.transaction(async (manager) => {
      const found = await this.pendingByCode(code, client, manager);
      const step = await acceptTotp(this.pendingSecret(found), totp, null);
      if (step === null) return null;
      const now = new Date();
      await manager.update(CaseWorker, found.id, {
        status: 'ACTIVE',
        enrolledAt: now,
        totpLastStep: String(step),
        enrolmentCodeHash: null,
        enrolmentExpiresAt: null,
      });
      const authority = await this.issuers.requireById(found.authorityId);
      await this.audit.append(manager, {
        actor: `case-worker:${found.id}`,
        action: 'case_worker.enrolled',
        subject: `issuer:${authority.slug}`,
        data: { caseWorkerId: found.id, login: found.login },
      });
      return view({ ...found, status: 'ACTIVE', enrolledAt: now }, authority.slug);
    });
    if (!result) {
      await this.lockouts.claimFailed(client);
      throw new AppError('INVALID_TOTP_CODE', 'The code does not match.');
    }
    return result;
  }

  private pendingSecret(found: CaseWorker): string {
    if (!found.totpSecretSealed || !found.passwordHash) {
      throw new AppError('INVALID_ENROLMENT_CODE', 'Choose the password first.');
    }
    return openSecret(found.totpSecretSealed, this.masterKeys, totpAad(found.id));
  }

  /**
   * The pending account of an enrolment code; wrong codes count like wrong claim codes, so the
   * same lockout of a client applies.
   */
  private async pendingByCode(
    code: string,
    client: string,
    manager?: EntityManager,
  ): Promise<CaseWorker> {
    await this.lockouts.assertClaimsAllowed(client);
    const query = (manager ?? this.dataSource.manager)
      .getRepository(CaseWorker)
      .createQueryBuilder('w')
      .addSelect(['w.passwordHash', 'w.totpSecretSealed'])
      .where('w.enrolmentCodeHash = :hash', { hash: hashClaimCode(code) });
    const found = await (manager ? query.setLock('pessimistic_write') : query).getOne();
    const live = found?.status === 'PENDING' && (found.enrolmentExpiresAt ?? 0) > new Date();
    if (!found || !live) {
      await this.lockouts.claimFailed(client);
      throw new AppError(
        'INVALID_ENROLMENT_CODE',
        'The enrolment code is unknown, used or expired.',
      );
    }
    return found;
  }

  private async authorityBySlug(slug: string): Promise<Issuer> {
    const issuer = await this.issuers.requireBySlug(slug);
    const authority = (await this.authorities.list()).find((a) => a.id === issuer.id);
    if (!authority) {
      throw new AppError('NOT_AN_AUTHORITY', `${slug} is not a competent recognition authority.`);
    }
    return authority;
  }
}
