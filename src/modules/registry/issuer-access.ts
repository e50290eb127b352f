import { AppError } from '../../common/errors/app-error.js';
import type { Issuer } from './entities/issuer.entity.js';

/** A suspended or closed issuer's API keys and access tokens are refused. */
export function assertIssuerMayAct(issuer: Issuer): void {
  if (issuer.status === 'SUSPENDED') {
    throw new AppError('ISSUER_SUSPENDED', `Issuer ${issuer.slug} is suspended.`);
  }
  if (issuer.status === 'CLOSED') {
    throw new AppError('ISSUER_CLOSED', `Issuer ${issuer.slug} is closed.`);
  }
}
