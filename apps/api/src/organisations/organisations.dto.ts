import { LOCAL_AUTHORITY_CODE } from '@safe-harbour/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const ORGANISATION_KINDS = ['council', 'police', 'health', 'ngo', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
/** ONS GSS code of a local authority, e.g. E08000035 (Leeds): one pattern, kept with the inventory's words. */
export { LOCAL_AUTHORITY_CODE };

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Leeds City Council' })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind: OrganisationKind;

  @ApiPropertyOptional({ example: 'E08000035' })
  @IsOptional() @Matches(LOCAL_AUTHORITY_CODE, { message: 'localAuthorityCode must be an ONS code like E08000035' })
  localAuthorityCode?: string;
}
