import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LANGS, type Lang } from '../reference.types.js';

export class LangQueryDto {
  @ApiPropertyOptional({ enum: LANGS, default: 'es', description: 'Language of the names' })
  @IsOptional()
  @IsIn(LANGS)
  lang: Lang = 'es';
}
