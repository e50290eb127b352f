import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { Optional } from '../../../common/validation/validators.js';

export class ConsentStateDto {
  @ApiProperty() granted: boolean;
  @ApiProperty({ nullable: true, type: Date, description: 'Null while the default stands' })
  updatedAt: Date | null;
}

export class ConsentRecordDto {
  @ApiProperty({ enum: ['STATISTICS', 'EMPLOYMENT_SERVICES_SEARCH'] }) purpose: string;
  @ApiProperty() granted: boolean;
  @ApiProperty({ enum: ['DEFAULT', 'HOLDER', 'ERASURE'] }) source: string;
  @ApiProperty() at: Date;
}

export class ConsentsDto {
  @ApiProperty({ type: ConsentStateDto, description: 'Counted in statistics (on by default)' })
  statistics: ConsentStateDto;
  @ApiProperty({
    type: ConsentStateDto,
    description: 'Findable by public employment services (off by default)',
  })
  findableByEmploymentServices: ConsentStateDto;
  @ApiProperty({ type: [ConsentRecordDto] }) history: ConsentRecordDto[];
}

export class UpdateConsentsDto {
  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  statistics?: boolean;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  findableByEmploymentServices?: boolean;
}
