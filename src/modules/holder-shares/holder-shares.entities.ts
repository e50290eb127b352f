import { HolderShareCredential } from './entities/holder-share-credential.entity.js';
import { HolderShare } from './entities/holder-share.entity.js';

export const HOLDER_SHARES_ENTITIES = [HolderShare, HolderShareCredential];
