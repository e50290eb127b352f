import { HolderAccount } from './entities/holder-account.entity.js';
import { HolderConsent } from './entities/holder-consent.entity.js';
import { HolderRefreshToken } from './entities/holder-refresh-token.entity.js';
import { HolderSession } from './entities/holder-session.entity.js';
import { HolderShareCredential } from './entities/holder-share-credential.entity.js';
import { HolderShare } from './entities/holder-share.entity.js';

/** The holder portal's tables (accounts, sessions, consents, shares); identity has its own. */
export const HOLDER_ACCOUNT_ENTITIES = [
  HolderAccount,
  HolderSession,
  HolderRefreshToken,
  HolderConsent,
  HolderShare,
  HolderShareCredential,
];
