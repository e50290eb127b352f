import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Auth,
  CurrentIssuer,
  CurrentPrincipal,
  IssuerRoute,
} from '../../../common/auth/auth.guard.js';
import type { Principal } from '../../../common/auth/principal.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import {
  AssistedRecoveryCodeDto,
  AssistedRecoveryInputDto,
  documentOf,
} from '../dto/holder-auth.dto.js';
import { HolderRecoveryService } from '../services/holder-recovery.service.js';

const PROBLEMS = [
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'NO_CLAIM_CODE',
  'ALREADY_REVOKED',
  'DOCUMENT_MISMATCH',
] as const;
const DESCRIPTION =
  'For a person who lost their password and their recovery codes, or who erased their account: ' +
  'after checking their identity, you get a single-use code, valid for 72 hours, to give them. ' +
  'At `POST /holder/recover`, with the document you checked, it sets a new password, or opens a ' +
  'new account when there is none (also after an erasure), and links this credential to it. ' +
  'Earlier unused assisted codes of the credential stop working. Audited.';

@ApiTags('recovery')
@Controller()
export class AssistedRecoveryController {
  constructor(private readonly recovery: HolderRecoveryService) {}

  @Post('issuer/credentials/:id/recovery-code')
  @ApiBody({
    type: AssistedRecoveryInputDto,
    examples: {
      'identity-checked': {
        summary: "María Demo Rivas, her PPT checked at the issuer's office",
        value: {
          documentType: 'PPT',
          documentCountry: 'CO',
          documentNumber: 'DEMO-PPT-0001',
          reason: 'Identidad verificada en ventanilla con el PPT original; olvidó su contraseña',
        },
      },
    },
  })
  @Auth('issuer')
  @IssuerRoute('write:/issuer/credentials')
  @ApiOperation({
    summary: 'An assisted recovery code for the holder of one of your credentials',
    description: `${DESCRIPTION} Another issuer's credential is answered 404.`,
  })
  @ApiCreatedResponse({ type: AssistedRecoveryCodeDto })
  @ApiProblems(...PROBLEMS, 'ISSUER_SUSPENDED', 'ISSUER_CLOSED')
  byIssuer(
    @CurrentIssuer() issuer: Extract<Principal, { kind: 'issuer' }>,
    @Param('id') id: string,
    @Body() dto: AssistedRecoveryInputDto,
  ): Promise<AssistedRecoveryCodeDto> {
    return this.recovery.issueAssisted(issuer, id, documentOf(dto), dto.reason);
  }

  @Post('admin/credentials/:id/recovery-code')
  @ApiBody({
    type: AssistedRecoveryInputDto,
    examples: {
      'identity-checked': {
        summary: 'María Demo Rivas, her PPT checked by the registry operator',
        value: {
          documentType: 'PPT',
          documentCountry: 'CO',
          documentNumber: 'DEMO-PPT-0001',
          reason: 'Identidad verificada por videollamada con el PPT original; cuenta borrada',
        },
      },
    },
  })
  @Auth('admin')
  @ApiOperation({
    summary: 'An assisted recovery code for the holder of any credential (registry operator)',
    description: DESCRIPTION,
  })
  @ApiCreatedResponse({ type: AssistedRecoveryCodeDto })
  @ApiProblems(...PROBLEMS)
  byOperator(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() dto: AssistedRecoveryInputDto,
  ): Promise<AssistedRecoveryCodeDto> {
    if (principal.kind !== 'admin') throw new TypeError('byOperator needs @Auth("admin")');
    return this.recovery.issueAssisted(principal, id, documentOf(dto), dto.reason);
  }
}
