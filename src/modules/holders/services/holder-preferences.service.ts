import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import {
  canonicalTimeZone,
  countryTimeZone,
  DEFAULT_TIME_ZONE,
} from '../../../common/i18n/time-zones.js';
import { HolderDocumentsService } from '../../holder-identity/holder-documents.service.js';
import { HolderAccount } from '../entities/holder-account.entity.js';

/** Where the zone a holder's times are shown in comes from. */
export type TimeZoneSource = 'ACCOUNT' | 'DOCUMENT' | 'DEFAULT';

export interface HolderTimeZone {
  timeZone: string;
  source: TimeZoneSource;
}

/**
 * A holder's time zone: the one their account holds (chosen in the portal, or taken from the
 * browser at sign-up or sign-in while none was set); else the civil time of the country of their
 * newest document (a host country's permit is usually added after the passport); else Bogotá.
 */
@Injectable()
export class HolderPreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: HolderDocumentsService,
  ) {}

  async timeZone(holderId: string): Promise<HolderTimeZone> {
    const account = await this.dataSource.manager.findOne(HolderAccount, {
      where: { holderId },
      select: { holderId: true, timeZone: true },
    });
    const stored = canonicalTimeZone(account?.timeZone);
    if (stored) return { timeZone: stored, source: 'ACCOUNT' };
    const documents = await this.documents.documentsOf(holderId);
    for (const document of [...documents].reverse()) {
      const zone = countryTimeZone(document.issuingCountry);
      if (zone) return { timeZone: zone, source: 'DOCUMENT' };
    }
    return { timeZone: DEFAULT_TIME_ZONE, source: 'DEFAULT' };
  }

  /** The holder's choice. @throws AppError INVALID_TIME_ZONE for a name that is no IANA zone. */
  async setTimeZone(holderId: string, value: string): Promise<string> {
    const timeZone = canonicalTimeZone(value);
    if (!timeZone) {
      throw new AppError('INVALID_TIME_ZONE', 'The time zone is not an IANA zone name.', {
        errors: [{ path: 'timeZone', message: 'must be an IANA zone name, e.g. America/Lima' }],
      });
    }
    await this.dataSource.manager.update(HolderAccount, { holderId }, { timeZone });
    return timeZone;
  }

  /**
   * The browser's zone, sent by the portal's script with a sign-in or sign-up form: kept only
   * while the account has none, so it never overrides the holder's choice; anything that is not
   * a zone is ignored (the field is a hint, not an answer).
   */
  async adoptBrowserTimeZone(holderId: string, value: unknown): Promise<void> {
    const timeZone = canonicalTimeZone(value);
    if (!timeZone) return;
    await this.dataSource
      .createQueryBuilder()
      .update(HolderAccount)
      .set({ timeZone })
      .where('holder_id = :holderId AND time_zone IS NULL', { holderId })
      .execute();
  }
}
