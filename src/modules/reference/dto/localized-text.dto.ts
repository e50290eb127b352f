import { ApiProperty } from '@nestjs/swagger';
import type { LocalizedText } from '../reference.types.js';

export class LocalizedTextDto implements LocalizedText {
  @ApiProperty({ example: 'Técnico' }) es: string;
  @ApiProperty({ example: 'Técnico' }) pt: string;
  @ApiProperty({ example: 'Technician' }) en: string;
}
