import { ApiProperty } from '@nestjs/swagger';
import {
  FRAMEWORK_KINDS,
  type FrameworkKind,
  type FrameworkLevelView,
  type FrameworkView,
} from '../reference.types.js';
import { LocalizedTextDto } from './localized-text.dto.js';

export class FrameworkLevelDto implements FrameworkLevelView {
  @ApiProperty({ type: 'integer', example: 4 }) level: number;
  @ApiProperty({ type: LocalizedTextDto }) name: LocalizedTextDto;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'MRR-LAC',
    description: 'The meta-framework this level is referenced to; null when not referenced',
  })
  metaFramework: string | null;

  @ApiProperty({
    nullable: true,
    type: 'integer',
    example: 4,
    description: 'The level of the meta-framework this level corresponds to',
  })
  metaLevel: number | null;
}

export class FrameworkDto implements FrameworkView {
  @ApiProperty({ example: 'CO-MNC' }) code: string;

  @ApiProperty({
    enum: FRAMEWORK_KINDS,
    description: 'REGIONAL_META: the pivot every national level is referenced to',
  })
  kind: FrameworkKind;

  @ApiProperty({ type: LocalizedTextDto }) name: LocalizedTextDto;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'CO',
    description: 'ISO 3166-1 alpha-2; null for the regional meta-framework',
  })
  country: string | null;

  @ApiProperty({ type: 'integer', example: 8 }) levelCount: number;
  @ApiProperty({ type: [FrameworkLevelDto] }) levels: FrameworkLevelDto[];
}

export class FrameworkListDto {
  @ApiProperty({ type: [FrameworkDto] }) items: FrameworkDto[];
}
