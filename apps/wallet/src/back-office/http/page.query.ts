import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { PAGE_SIZE_MAX } from './pagination';

/** `limit` and `cursor` of every list endpoint; each list's query class extends this one. */
export class PageQuery {
  @ApiPropertyOptional({ maximum: PAGE_SIZE_MAX, description: 'Page size (default 50)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_SIZE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}
