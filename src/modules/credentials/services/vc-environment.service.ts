import { Injectable } from '@nestjs/common';
import { resolve } from 'node:path';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import { createDocumentLoader, type DocumentLoader } from '../../../vc/document-loader.js';
import { createNetworkFetcher, type NetworkFetcher } from '../../../vc/network-fetch.js';
import { loadSchemas, readOurContext, type CredentialSchemas } from '../../../vc/schemas.js';

/** `schemas/` at the project root: two levels above both `src/modules/…` and `dist/modules/…`. */
export const SCHEMAS_DIR = resolve(import.meta.dirname, '../../../../schemas');

/**
 * What the credential core needs from this deployment: our context and schemas, their public URLs,
 * and an offline document loader that answers our own documents through `resolveLocal`.
 */
@Injectable()
export class VcEnvironmentService {
  readonly schemas: CredentialSchemas = loadSchemas(SCHEMAS_DIR);
  readonly ourContext = readOurContext(SCHEMAS_DIR);
  readonly contextUrl: string;
  private localResolvers: ((url: string) => Promise<object | undefined>)[] = [];
  readonly documentLoader: DocumentLoader;
  /**
   * Fetches foreign documents for verification (other did:web DID documents, foreign status
   * lists) when VERIFY_NETWORK_RESOLUTION is on; undefined when it is off.
   */
  readonly networkFetcher: NetworkFetcher | undefined;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    this.contextUrl = `${config.publicBaseUrl}/contexts/v1`;
    const network = config.verifyNetwork;
    this.networkFetcher = network.enabled ? createNetworkFetcher(network) : undefined;
    this.documentLoader = createDocumentLoader({
      ourContextUrl: this.contextUrl,
      ourContext: this.ourContext,
      resolveLocal: async (url) => {
        for (const resolver of this.localResolvers) {
          const document = await resolver(url);
          if (document) return document;
        }
        return undefined;
      },
    });
  }

  /** Modules that publish documents (DID documents, status lists) answer for their URLs here. */
  addLocalResolver(resolver: (url: string) => Promise<object | undefined>): void {
    this.localResolvers.push(resolver);
  }

  schemaUrl(type: string): string {
    return `${this.config.publicBaseUrl}/schemas/${type}.json`;
  }

  statusListUrl(id: string): string {
    return `${this.config.publicBaseUrl}/status-lists/${id}`;
  }

  verifyUrl(token: string): string {
    return `${this.config.publicBaseUrl}/v/${token}`;
  }
}
