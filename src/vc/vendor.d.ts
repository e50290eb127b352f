// Minimal typings for the untyped JSON-LD / Data Integrity packages, limited to what src/vc uses.

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    export(options?: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
      canonicalize?: boolean;
    }): Promise<{ publicKeyMultibase?: string; secretKeyMultibase?: string }>;
    signer(): {
      id?: string;
      algorithm: string;
      sign(input: { data: Uint8Array }): Promise<Uint8Array>;
    };
    verifier(): {
      id?: string;
      algorithm: string;
      verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
  }
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
  export function toJwk(options: {
    keyPair: { publicKey: Uint8Array; secretKey?: Uint8Array };
    secretKey?: boolean;
  }): Promise<{ kty: 'OKP'; crv: 'Ed25519'; x: string; d?: string }>;
  export function fromJwk(options: {
    jwk: Record<string, unknown>;
    secretKey?: boolean;
    id?: string;
    controller?: string;
  }): Promise<Ed25519KeyPair>;
}

declare module '@digitalbazaar/did-method-key' {
  export interface DidKeyDriver {
    use(options: {
      multibaseMultikeyHeader: string;
      fromMultibase: (input: { publicKeyMultibase: string }) => Promise<unknown>;
    }): void;
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>;
  }
  export function driver(): DidKeyDriver;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}

declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, object>;
  export const CONTEXT_URL: string;
}

// CommonJS context packages: their `module.exports` is the default import.
declare module '@digitalbazaar/data-integrity-context' {
  const module: { contexts: Map<string, object> };
  export default module;
}

declare module '@digitalbazaar/multikey-context' {
  const module: { contexts: Map<string, object> };
  export default module;
}

declare module 'did-context' {
  const module: { contexts: Map<string, object> };
  export default module;
}

declare module 'ed25519-signature-2020-context' {
  const module: { contexts: Map<string, object> };
  export default module;
}

declare module 'jsonld' {
  interface JsonLdOptions {
    documentLoader?: (url: string) => Promise<unknown>;
    safe?: boolean;
    base?: string | null;
    format?: string;
    algorithm?: string;
  }
  const jsonld: {
    expand(input: object, options?: JsonLdOptions): Promise<Record<string, unknown>[]>;
    toRDF(input: object, options?: JsonLdOptions): Promise<unknown>;
    canonize(input: object, options?: JsonLdOptions): Promise<string>;
    util: { clone(value: unknown): unknown };
  };
  export default jsonld;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: {
      signer?: {
        id: string;
        algorithm: string;
        sign(input: { data: Uint8Array }): Promise<Uint8Array>;
      };
      date?: string | Date | number | null;
      cryptosuite: object;
      legacyContext?: boolean;
    });
    verificationMethod?: string;
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string;
    canonize(input: object, options: object): Promise<string>;
    createVerifier(options: { verificationMethod: object }): Promise<unknown>;
  };
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: object);
  }
}

declare module '@digitalbazaar/vc' {
  export interface VerifyResult {
    verified: boolean;
    results?: {
      proof?: Record<string, unknown>;
      verified: boolean;
      verificationMethod?: Record<string, unknown>;
      error?: Error;
      purposeResult?: { valid: boolean; error?: Error };
    }[];
    statusResult?: unknown;
    error?: Error & { errors?: Error[] };
  }
  export function issue(options: {
    credential: object;
    suite: object;
    documentLoader: (url: string) => Promise<unknown>;
    now?: Date | string;
  }): Promise<Record<string, unknown>>;
  export function signPresentation(options: {
    presentation: object;
    suite: object;
    documentLoader: (url: string) => Promise<unknown>;
    challenge: string;
    domain?: string;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: object | object[];
    documentLoader: (url: string) => Promise<unknown>;
    checkStatus?: (options: {
      credential: Record<string, unknown>;
    }) => Promise<{ verified: boolean }>;
    now?: Date | string;
    maxClockSkew?: number;
  }): Promise<VerifyResult>;
  export function defaultDocumentLoader(url: string): Promise<{
    contextUrl: null;
    documentUrl: string;
    document: Record<string, unknown>;
  }>;
  export class CredentialIssuancePurpose {
    constructor(options?: {
      controller?: object;
      date?: Date | string;
      maxTimestampDelta?: number;
    });
  }
  export function _checkCredential(options: {
    credential: object;
    now?: Date | string;
    mode?: 'issue' | 'verify';
    maxClockSkew?: number;
  }): void;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    constructor(options: { length?: number; buffer?: Uint8Array });
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(options: {
    id: string;
    list: BitstringStatusList;
    statusPurpose: string;
  }): Promise<Record<string, unknown>>;
  export function checkStatus(options: {
    credential: object;
    documentLoader: (url: string) => Promise<unknown>;
    suite?: object | object[];
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<{
    verified: boolean;
    results?: { verified: boolean; status: boolean; credentialStatus: Record<string, unknown> }[];
    error?: Error;
  }>;
}

declare module 'jsonld-signatures' {
  export interface ProofResult {
    proof?: Record<string, unknown>;
    verified: boolean;
    verificationMethod?: Record<string, unknown>;
    error?: Error;
    purposeResult?: { valid: boolean; error?: Error };
  }
  type ControllerProofPurposeClass = new (options: {
    term: string;
    controller?: object;
    date?: Date | string;
    maxTimestampDelta?: number;
  }) => object;
  const jsigs: {
    purposes: {
      ControllerProofPurpose: ControllerProofPurposeClass;
    };
    verify(
      document: object,
      options: {
        suite: object | object[];
        purpose: object;
        documentLoader: (url: string) => Promise<unknown>;
      },
    ): Promise<{ verified: boolean; results?: ProofResult[]; error?: Error | Error[] }>;
  };
  export default jsigs;
}

declare module 'jsonld/lib/context.js' {
  const context: { getInitialContext(options: { processingMode?: string }): object };
  export default context;
}

declare module 'jsonld/lib/ResolvedContext.js' {
  /** A resolved context document and its processed forms, cached per active context. */
  class ResolvedContext {
    constructor(options: { document: unknown });
    getProcessed: (this: ResolvedContext, activeCtx: object) => unknown;
    setProcessed: (this: ResolvedContext, activeCtx: object, processed: unknown) => void;
  }
  export default ResolvedContext;
}
