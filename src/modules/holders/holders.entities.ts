import { HolderAccount } from './entities/holder-account.entity.js';
import { HolderConsent } from './entities/holder-consent.entity.js';
import { HolderRefreshToken } from './entities/holder-refresh-token.entity.js';
import { HolderRecoveryCode } from './entities/holder-recovery-code.entity.js';
import { HolderSession } from './entities/holder-session.entity.js';

/** The holder API's tables: accounts, sessions, recovery codes and consents. */
export const HOLDERS_ENTITIES = [
  HolderAccount,
  HolderSession,
  HolderRefreshToken,
  HolderRecoveryCode,
  HolderConsent,
];
