import { Injectable } from '@nestjs/common';
import type { Page, PageQueryDto } from '../../common/pagination/pagination.js';
import type { DidDocument } from '../../vc/did.js';
import { AppError } from '../../common/errors/app-error.js';
import type { IssuerDto } from './dto/issuer-view.dto.js';
import { issuerView } from './registry-views.js';
import { IssuerKeysService } from './services/issuer-keys.service.js';
import { IssuersService, type IssuerFilter } from './services/issuers.service.js';

/** The public face of the registry: the trust list and the issuers' DID documents. */
@Injectable()
export class RegistryService {
  constructor(
    private readonly issuers: IssuersService,
    private readonly keys: IssuerKeysService,
  ) {}

  async trustList(filter: IssuerFilter, page: PageQueryDto): Promise<Page<IssuerDto>> {
    const result = await this.issuers.list(filter, page);
    const keys = await this.keys.keysOf(result.items.map((record) => record.issuer.id));
    return { ...result, items: result.items.map((record) => issuerView(record, keys)) };
  }

  async entry(slug: string): Promise<IssuerDto> {
    const record = await this.issuers.record(slug);
    return issuerView(record, await this.keys.keysOf([record.issuer.id]));
  }

  /** Only issuers whose DID the registry hosts (did:web) have a document here. */
  async didDocument(slug: string): Promise<DidDocument> {
    const issuer = await this.issuers.findBySlug(slug);
    if (!issuer?.managedKeys) throw new AppError('NOT_FOUND', 'No such DID document.');
    return this.keys.didDocument(issuer);
  }
}
