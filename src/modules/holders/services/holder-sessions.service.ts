import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuthService, type PrincipalResolver } from '../../../common/auth/auth.service.js';
import { sha256Hex } from '../../../common/crypto/index.js';
import type { Principal } from '../../../common/auth/principal.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import { AuditService } from '../../audit/audit.service.js';
import {
  ACCESS_TOKEN_SECONDS,
  AccessTokens,
  isRefreshToken,
  newRefreshToken,
} from '../access-tokens.js';
import { HolderRefreshToken } from '../entities/holder-refresh-token.entity.js';
import { HolderSession, type SessionEndReason } from '../entities/holder-session.entity.js';

/** A refresh token is good for this long unused… */
export const REFRESH_TOKEN_DAYS = 14;
/** …and no session outlives this, however often it is refreshed. */
export const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface SessionView {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: SessionEndReason | null;
  current: boolean;
}

type RefreshOutcome = { ok: true; tokens: SessionTokens } | { ok: false; reused: boolean };

const isOpen = (session: HolderSession, now: Date) =>
  !session.revokedAt && session.expiresAt.getTime() > now.getTime();

/**
 * Holder sessions: a short-lived access JWT naming the session, and a refresh token rotated on
 * every use. A refresh token used twice was copied: the whole session ends. Resolves holder
 * bearer tokens for the AuthGuard, checking at every request that the session is still open.
 */
@Injectable()
export class HolderSessionsService implements PrincipalResolver, OnModuleInit {
  private readonly tokens: AccessTokens;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() config: AppConfig,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {
    this.tokens = new AccessTokens(config.secrets.SESSION_SECRET, config.publicBaseUrl);
  }

  onModuleInit(): void {
    this.auth.register(this);
  }

  async resolve(token: string): Promise<Principal | undefined> {
    const claims = this.tokens.verify(token);
    if (!claims) return undefined;
    const session = await this.dataSource
      .getRepository(HolderSession)
      .findOneBy({ id: claims.sessionId, holderId: claims.holderId });
    if (!session || !isOpen(session, new Date())) return undefined;
    return { kind: 'holder', holderId: claims.holderId, sessionId: claims.sessionId };
  }

  /** Opens a session in the caller's transaction. */
  async start(manager: EntityManager, holderId: string): Promise<SessionTokens> {
    const now = new Date();
    const session = await manager.save(
      HolderSession,
      manager.create(HolderSession, {
        holderId,
        lastUsedAt: now,
        expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY_MS),
        revokedAt: null,
        revokedReason: null,
      }),
    );
    return this.issueTokens(manager, session, now);
  }

  /** @throws AppError UNAUTHORIZED for an unknown, used, expired or revoked refresh token. */
  async refresh(refreshToken: string): Promise<SessionTokens> {
    const outcome = isRefreshToken(refreshToken)
      ? await this.dataSource.transaction((manager) => this.rotate(manager, refreshToken))
      : ({ ok: false, reused: false } as const);
    if (!outcome.ok) throw new AppError('UNAUTHORIZED', 'The refresh token is not valid.');
    return outcome.tokens;
  }

  async end(sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.dataSource
      .getRepository(HolderSession)
      .update(
        { id: sessionId, revokedAt: IsNull() },
        { revokedAt: new Date(), revokedReason: reason },
      );
  }

  /** Ends every open session of a holder (erasure) and forgets their refresh tokens. */
  async endAll(
    manager: EntityManager,
    holderId: string,
    reason: SessionEndReason,
  ): Promise<number> {
    const sessions = await manager.find(HolderSession, { where: { holderId } });
    if (sessions.length > 0) {
      await manager
        .createQueryBuilder()
        .delete()
        .from(HolderRefreshToken)
        .where('session_id IN (:...ids)', { ids: sessions.map((s) => s.id) })
        .execute();
    }
    const result = await manager.update(
      HolderSession,
      { holderId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  /** Session metadata for the holder's data export: times only, nothing about devices. */
  async list(holderId: string, currentSessionId?: string): Promise<SessionView[]> {
    const sessions = await this.dataSource
      .getRepository(HolderSession)
      .find({ where: { holderId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastUsedAt: s.lastUsedAt,
      expiresAt: s.expiresAt,
      revokedAt: s.revokedAt,
      revokedReason: s.revokedReason,
      current: s.id === currentSessionId,
    }));
  }

  private async rotate(manager: EntityManager, refreshToken: string): Promise<RefreshOutcome> {
    const now = new Date();
    const token = await manager.findOne(HolderRefreshToken, {
      where: { tokenHash: sha256Hex(refreshToken) },
      lock: { mode: 'pessimistic_write' },
    });
    const session = token
      ? await manager.findOne(HolderSession, {
          where: { id: token.sessionId },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!token || !session || !isOpen(session, now)) return { ok: false, reused: false };
    if (token.usedAt) {
      // Someone else holds a copy of this token: end the session for both.
      await manager.update(HolderSession, session.id, {
        revokedAt: now,
        revokedReason: 'REFRESH_REUSE',
      });
      await this.audit.append(manager, {
        actor: `holder:${session.holderId}`,
        action: 'holder.session_revoked',
        subject: `holder:${session.holderId}`,
        data: { sessionId: session.id, reason: 'REFRESH_REUSE' },
      });
      return { ok: false, reused: true };
    }
    if (token.expiresAt.getTime() <= now.getTime()) return { ok: false, reused: false };
    await manager.update(HolderRefreshToken, token.id, { usedAt: now });
    await manager.update(HolderSession, session.id, { lastUsedAt: now });
    return { ok: true, tokens: await this.issueTokens(manager, session, now) };
  }

  private async issueTokens(
    manager: EntityManager,
    session: HolderSession,
    now: Date,
  ): Promise<SessionTokens> {
    const refreshToken = newRefreshToken();
    const expiresAt = Math.min(
      now.getTime() + REFRESH_TOKEN_DAYS * DAY_MS,
      session.expiresAt.getTime(),
    );
    await manager.insert(HolderRefreshToken, {
      sessionId: session.id,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: new Date(expiresAt),
      usedAt: null,
    });
    return {
      accessToken: this.tokens.sign({ holderId: session.holderId, sessionId: session.id }),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_SECONDS,
    };
  }
}
