import { Holder } from './entities/holder.entity.js';
import { IdentityDocument } from './entities/identity-document.entity.js';

export const HOLDER_IDENTITY_ENTITIES = [Holder, IdentityDocument];
