import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional } from '../../../common/validation/validators.js';
import { LANGS, type Lang } from '../reference.types.js';

export class LangQueryDto {
  @ApiPropertyOptional({ enum: LANGS, default: 'es', description: 'Language of the names' })
  @Optional()
  @IsIn(LANGS)
  lang: Lang = 'es';
}
