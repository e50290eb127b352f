import { ApiProperty } from '@nestjs/swagger';
import type { CountryView } from '../reference.types.js';

export class CountryDto implements CountryView {
  @ApiProperty({ example: 'CO', description: 'ISO 3166-1 alpha-2' }) code: string;
  @ApiProperty({ example: 'Colombia' }) name: string;
}

export class CountryListDto {
  @ApiProperty({ type: [CountryDto] }) items: CountryDto[];
}
