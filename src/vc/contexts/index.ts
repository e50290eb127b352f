// Well-known contexts of foreign credentials, pinned in the repository (see each file's source).
import examplesV1 from './examples-v1.js';
import examplesV2 from './examples-v2.js';
import odrl from './odrl.js';
import statusList2021 from './status-list-2021.js';
import openBadgesV3p0 from './open-badges-v3p0.js';
import openBadgesV3p0301 from './open-badges-v3p0-3-0-1.js';
import openBadgesV3p0302 from './open-badges-v3p0-3-0-2.js';
import openBadgesV3p0303 from './open-badges-v3p0-3-0-3.js';
import openBadgesV3p0Extensions from './open-badges-v3p0-extensions.js';

/** Each pinned context by the URL credentials name it with. */
export const FOREIGN_CONTEXTS: ReadonlyMap<string, object> = new Map<string, object>([
  ['https://www.w3.org/2018/credentials/examples/v1', examplesV1],
  ['https://www.w3.org/ns/credentials/examples/v2', examplesV2],
  ['https://www.w3.org/ns/odrl.jsonld', odrl],
  ['https://w3id.org/vc/status-list/2021/v1', statusList2021],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context.json', openBadgesV3p0],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json', openBadgesV3p0301],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json', openBadgesV3p0302],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', openBadgesV3p0303],
  ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', openBadgesV3p0Extensions],
]);
