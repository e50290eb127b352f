import { Injectable } from '@nestjs/common';
import { ReferenceService } from '../../modules/reference/reference.service.js';
import type { Lang } from '../../common/i18n/i18n.js';
import type { CountryNames } from './portal-credential-pages.js';
import type { Option } from './portal-view.js';

/** Country names in the page's language, for selectors and for showing codes as names. */
@Injectable()
export class PortalCountries {
  constructor(private readonly reference: ReferenceService) {}

  async options(lang: Lang): Promise<Option[]> {
    return (await this.reference.listCountries(lang)).map((c) => ({
      value: c.code,
      label: c.name,
    }));
  }

  async names(lang: Lang): Promise<CountryNames> {
    return new Map((await this.reference.listCountries(lang)).map((c) => [c.code, c.name]));
  }
}
