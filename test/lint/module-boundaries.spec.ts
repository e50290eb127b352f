import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { moduleBoundaries } from '../../eslint.boundaries.js';

// The boundary rules of eslint.config.js, run on probe files placed where real ones would be.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
    ...moduleBoundaries,
  ],
});

async function problems(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries (lint)', () => {
  it("fails on another module's entity, even as a type", async () => {
    const found = await problems(
      'src/modules/holders/services/probe.ts',
      "import type { CredentialRecord } from '../../credentials/entities/credential.entity.js';\nexport type X = CredentialRecord;\n",
    );
    expect(found).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*entities are its own/),
    ]);
  });

  it("fails on an entity file at another module's root, and from web/", async () => {
    expect(
      await problems(
        'src/modules/recognition/entities/probe.entity.ts',
        "import { Country } from '../../reference/country.entity.js';\nexport const x = Country;\n",
      ),
    ).toHaveLength(1);
    expect(
      await problems(
        'src/web/portal/probe.ts',
        "import { HolderAccount } from '../../modules/holders/entities/holder-account.entity.js';\nexport const x = HolderAccount;\n",
      ),
    ).toHaveLength(1);
  });

  it('fails when a module imports web/', async () => {
    const found = await problems(
      'src/modules/verifiers/probe.ts',
      "import { renderVerifyPage } from '../../web/verify/verify-page.js';\nexport const x = renderVerifyPage;\n",
    );
    expect(found).toEqual([expect.stringMatching(/Pages belong to web/)]);
  });

  it("passes for a module's own entities, another module's service, and database/", async () => {
    expect(
      await problems(
        'src/modules/credentials/services/probe.ts',
        "import { CredentialRecord } from '../entities/credential.entity.js';\nimport { IssuersService } from '../../registry/services/issuers.service.js';\nexport const x = [CredentialRecord, IssuersService];\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'src/database/probe.ts',
        "import { Issuer } from '../modules/registry/entities/issuer.entity.js';\nexport const x = Issuer;\n",
      ),
    ).toEqual([]);
  });
});
