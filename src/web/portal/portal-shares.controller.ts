import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { HolderRecordsService } from '../../modules/holders/services/holder-records.service.js';
import { HolderRightsService } from '../../modules/holders/services/holder-rights.service.js';
import { SharesService } from '../../modules/holder-shares/shares.service.js';
import { cookieOptions, readCookie } from '../cookies.js';
import { escapeHtml as e } from '../../common/i18n/i18n.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { SignedIn, type SignedInContext } from './portal-context.js';
import { PortalCountries } from './portal-countries.js';
import { fields, field, type FormBody } from './portal-forms.js';
import { portalKey, SharedLinkSeal } from './portal-secrets.js';
import {
  DEFAULT_SHARE_DAYS,
  renderNewSharePage,
  renderRevokeConfirmPage,
  renderShareQrPage,
  renderSharePage,
  renderSharesPage,
  SHARE_DAYS,
} from './portal-share-pages.js';
import { PortalGuard } from './portal.guard.js';
import { sendPage, type FieldErrors } from './portal-view.js';

const SHARED_LINK_COOKIE = 'rc_shared_link';
/** How long a new share's link can be shown again (its QR code), in this browser only. */
const SHARED_LINK_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The holder's shares: create one (then its QR code), list them, see checks, stop one. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@UseGuards(PortalGuard)
@Controller('portal/shares')
export class PortalSharesController {
  private readonly seal: SharedLinkSeal;
  private readonly secure: boolean;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly shares: SharesService,
    private readonly records: HolderRecordsService,
    private readonly rights: HolderRightsService,
    private readonly countries: PortalCountries,
  ) {
    this.seal = new SharedLinkSeal(portalKey(config.secrets.SESSION_SECRET, 'shared-link'));
    this.secure = config.publicBaseUrl.startsWith('https:');
  }

  @Get()
  async list(
    @SignedIn() ctx: SignedInContext,
    @Query('done') done: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const [shares, credentials] = await Promise.all([
      this.shares.list(ctx.holder.holderId),
      this.records.list(ctx.holder.holderId),
    ]);
    sendPage(res, renderSharesPage(ctx, { shares, credentials, done }));
  }

  @Get('new')
  async form(
    @SignedIn() ctx: SignedInContext,
    @Query('credential') credential: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const credentials = await this.records.list(ctx.holder.holderId);
    const chosen =
      credentials.length === 1
        ? [credentials[0].id]
        : credentials.filter((c) => c.id === credential).map((c) => c.id);
    sendPage(res, renderNewSharePage(ctx, { credentials, chosen, days: DEFAULT_SHARE_DAYS }));
  }

  @Post()
  async create(
    @SignedIn() ctx: SignedInContext,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    const t = PORTAL_MESSAGES[ctx.lang];
    const credentials = await this.records.list(ctx.holder.holderId);
    const chosen = fields(body, 'credentialIds').filter((id) =>
      credentials.some((c) => c.id === id),
    );
    const requested = Number(field(body, 'days', 3));
    const days = (SHARE_DAYS as readonly number[]).includes(requested)
      ? requested
      : DEFAULT_SHARE_DAYS;
    const label = field(body, 'label', 100) || undefined;
    const errors: FieldErrors = {};
    if (chosen.length === 0) errors.credentialIds = t.err_chooseCredential;
    if (Object.keys(errors).length > 0) {
      const page = renderNewSharePage(ctx, { credentials, chosen, days, label, errors });
      return sendPage(res, page, 400);
    }
    const share = await this.shares.create(ctx.holder.holderId, {
      credentialIds: chosen,
      expiresAt: new Date(Date.now() + days * DAY_MS),
      label,
    });
    res.cookie(
      SHARED_LINK_COOKIE,
      this.seal.seal({ shareId: share.id, url: share.url }, ctx.holder.holderId, SHARED_LINK_MS),
      cookieOptions(this.secure, { path: '/portal/shares', maxAge: SHARED_LINK_MS }),
    );
    res.redirect(303, `/portal/shares/${share.id}/qr`);
  }

  @Get(':id')
  async show(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Query('done') done: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const share = await this.shares.get(ctx.holder.holderId, id);
    const [credentials, events, countries] = await Promise.all([
      this.records.list(ctx.holder.holderId),
      this.rights.shareEvents(ctx.holder.holderId, share.id),
      this.countries.names(ctx.lang),
    ]);
    const linkAvailable = this.sharedLink(req, ctx, share.id) !== null;
    const page = renderSharePage(ctx, {
      share,
      credentials,
      events,
      countries,
      linkAvailable,
      done,
    });
    sendPage(res, page);
  }

  @Get(':id/qr')
  async qr(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const share = await this.shares.get(ctx.holder.holderId, id);
    const url = share.status === 'ACTIVE' ? this.sharedLink(req, ctx, share.id) : null;
    const qrSvg = url ? await this.qrSvg(url, PORTAL_MESSAGES[ctx.lang].qrAlt) : null;
    sendPage(res, renderShareQrPage(ctx, { share, url, qrSvg }));
  }

  @Get(':id/revoke')
  async revokeConfirm(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    const share = await this.shares.get(ctx.holder.holderId, id);
    if (share.status !== 'ACTIVE') return res.redirect(303, `/portal/shares/${share.id}`);
    sendPage(res, renderRevokeConfirmPage(ctx, { share }));
  }

  /** Only the confirmation page's form stops a share (it carries `confirm=yes`). */
  @Post(':id/revoke')
  async revoke(
    @SignedIn() ctx: SignedInContext,
    @Param('id') id: string,
    @Body() body: FormBody,
    @Res() res: Response,
  ): Promise<void> {
    if (field(body, 'confirm') !== 'yes') {
      return res.redirect(303, `/portal/shares/${encodeURIComponent(id)}/revoke`);
    }
    await this.shares.revoke(ctx.holder.holderId, id);
    res.redirect(303, `/portal/shares/${encodeURIComponent(id)}?done=revoked`);
  }

  private sharedLink(req: Request, ctx: SignedInContext, shareId: string): string | null {
    return this.seal.open(readCookie(req, SHARED_LINK_COOKIE), ctx.holder.holderId, shareId);
  }

  /** The QR code inline (no request, no script), with its full quiet zone, named for screen readers. */
  private async qrSvg(url: string, label: string): Promise<string> {
    const svg = await QRCode.toString(url, { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
    return svg.replace('<svg ', `<svg class="qr" role="img" aria-label="${e(label)}" `);
  }
}
