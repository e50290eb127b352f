import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Optional } from '../../../common/validation/validators.js';
import type { StandardUnit, StandardView } from '../reference.types.js';

export class StandardQueryDto {
  @ApiPropertyOptional({ example: 'PE', description: 'Only standards of this country' })
  @Optional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;
}

export class StandardUnitDto implements StandardUnit {
  @ApiProperty({ example: 'UC1' }) code: string;
  @ApiProperty() title: string;
}

export class StandardDto implements StandardView {
  @ApiProperty({ example: 'std-pe-coc' }) id: string;
  @ApiProperty({ example: 'PE-DEMO-COC-01', description: 'The code its owner gives it' })
  code: string;
  @ApiProperty({ example: '1' }) version: string;
  @ApiProperty({ description: 'As the owner publishes it' }) title: string;
  @ApiProperty({ example: 'pe-dcl', description: 'Slug of the issuer that owns the standard' })
  owner: string;
  @ApiProperty({ example: 'PE' }) country: string;
  @ApiProperty({ example: '5120', description: 'ISCO-08 unit group' }) isco08: string;
  @ApiProperty({ example: 'PE-MNC' }) framework: string;
  @ApiProperty({ type: 'integer', example: 3 }) level: number;

  @ApiProperty({
    nullable: true,
    type: 'integer',
    example: 3,
    description: 'The regional meta-framework level of `framework` + `level`',
  })
  metaLevel: number | null;

  @ApiProperty({ type: [StandardUnitDto] }) units: StandardUnitDto[];
}

export class StandardListDto {
  @ApiProperty({ type: [StandardDto] }) items: StandardDto[];
}
