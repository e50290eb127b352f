import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { StatisticsService } from '../../modules/statistics/statistics.service.js';
import { pageLang } from '../cookies.js';
import { PortalCountries } from '../portal/portal-countries.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { renderStatsPage, type StatsFilters } from './stats-page.js';

/** The public dashboard: the published tables of `GET /stats/…`, as charts and tables. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('stats')
export class StatsPageController {
  private readonly secureCookies: boolean;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly statistics: StatisticsService,
    private readonly countries: PortalCountries,
  ) {
    this.secureCookies = config.publicBaseUrl.startsWith('https:');
  }

  @Get()
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    const lang = pageLang(req, res, this.secureCookies);
    const dimensions = await this.statistics.dimensions();
    // A filter only selects among the published codes; anything else means all.
    const pick = (name: string, known: string[]) => {
      const value = req.query[name];
      return typeof value === 'string' && known.includes(value) ? value : undefined;
    };
    const filters: StatsFilters = {
      country: pick('country', dimensions.countries),
      period: pick('period', dimensions.years),
      type: pick('type', dimensions.types),
    };
    const headline = await this.statistics.headline(filters);
    const tables = await this.statistics.dashboard(filters);
    const countryNames = await this.countries.names(lang);
    const html = renderStatsPage({ lang, filters, dimensions, headline, tables, countryNames });
    res
      .status(200)
      .set({ 'Cache-Control': 'no-cache', Vary: 'Accept-Language, Cookie' })
      .type('html')
      .send(html);
  }
}
