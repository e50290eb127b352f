import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/auth/principal.js';
import { AppError } from '../../../common/errors/app-error.js';
import { IssuersService, type Issuer } from '../../registry/services/issuers.service.js';
import { procedureRulesOf, PROCEDURE_RULES, type ProcedureRules } from '../procedure-rules.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

const DECISION = 'RecognitionDecisionCredential';
const AUTHORITY_KIND = 'ACADEMIC_RECOGNITION_AUTHORITY';

/** An issuer that decides recognition in a country with procedure rules. */
export interface CompetentAuthority {
  issuer: Issuer;
  rules: ProcedureRules;
}

export interface AuthorityView {
  slug: string;
  name: string;
  country: string;
}

export interface ProcedureView extends ProcedureRules {
  authorities: AuthorityView[];
}

export const authorityView = (issuer: Issuer): AuthorityView => ({
  slug: issuer.slug,
  name: issuer.legalName,
  country: issuer.country,
});

/**
 * The competent authorities: active issuers of kind ACADEMIC_RECOGNITION_AUTHORITY, accredited
 * for RecognitionDecisionCredential, in a country whose procedure rules the registry holds.
 */
@Injectable()
export class CompetentAuthoritiesService {
  constructor(private readonly issuers: IssuersService) {}

  async list(country?: string): Promise<Issuer[]> {
    const page = await this.issuers.list(
      { country, credentialType: DECISION, status: 'ACTIVE' },
      { page: 1, limit: 100 },
    );
    return page.items
      .map((record) => record.issuer)
      .filter(
        (issuer) => issuer.kinds.includes(AUTHORITY_KIND) && procedureRulesOf(issuer.country),
      );
  }

  /** Every country's procedure with its authorities: public reference data. */
  async procedures(): Promise<ProcedureView[]> {
    const authorities = await this.list();
    return PROCEDURE_RULES.map((rules) => ({
      ...rules,
      authorities: authorities.filter((a) => a.country === rules.country).map(authorityView),
    }));
  }

  /** The authority a holder addresses: by slug, or the country's only one. */
  async resolve(country: string, slug?: string): Promise<CompetentAuthority> {
    const rules = procedureRulesOf(country);
    const candidates = rules ? await this.list(country) : [];
    const chosen = slug
      ? candidates.filter((issuer) => issuer.slug === slug)
      : candidates.length === 1
        ? candidates
        : [];
    if (!rules || chosen.length !== 1) {
      const path =
        slug || candidates.length === 0 ? (slug ? 'authority' : 'destinationCountry') : 'authority';
      throw new AppError('INVALID_REFERENCE', 'No single competent authority for that.', {
        errors: [
          {
            path,
            message:
              candidates.length > 1 && !slug
                ? `choose one of ${candidates.map((c) => c.slug).join(', ')}`
                : `no competent authority ${slug ?? ''} in ${country}`.replace('  ', ' '),
          },
        ],
      });
    }
    return { issuer: chosen[0], rules };
  }

  /** The calling issuer as an authority; any other issuer may not use the casework API. */
  async forCaller(caller: IssuerPrincipal): Promise<CompetentAuthority> {
    const issuer = await this.issuers.requireById(caller.issuerId);
    const rules = procedureRulesOf(issuer.country);
    if (!issuer.kinds.includes(AUTHORITY_KIND) || !rules) {
      throw new AppError('FORBIDDEN', 'Only a competent recognition authority handles cases.');
    }
    return { issuer, rules };
  }
}
