import { LOCAL_AUTHORITY_CODE } from '@safe-harbour/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const ORGANISATION_KINDS = ['council', 'police', 'health', 'ngo', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
/** ONS GSS code of a local authority, e.g. E08000035 (Leeds): one pattern, kept with the inventory's words. */
export { LOCAL_AUTHORITY_CODE };

/** The first responder types of the NRM statistics. */
export const FIRST_RESPONDER_TYPES = ['local_authority', 'police', 'nca', 'glaa', 'home_office', 'ngo'] as const;
export type FirstResponderType = (typeof FIRST_RESPONDER_TYPES)[number];

/** Councils and police forces are first responders by law; an NGO's own kind says which type it would be. */
export const FIRST_RESPONDER_TYPE_OF_KIND: Partial<Record<OrganisationKind, FirstResponderType>> = {
  council: 'local_authority',
  police: 'police',
  ngo: 'ngo',
};

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

  @ApiPropertyOptional({ description: 'Designated NRM first responder. Default: true for councils and police forces (by law), false otherwise' })
  @IsOptional() @IsBoolean()
  firstResponder?: boolean;

  @ApiPropertyOptional({ enum: FIRST_RESPONDER_TYPES, description: 'Default from kind (council: local_authority, police, ngo); required for other kinds (e.g. nca, glaa, home_office)' })
  @IsOptional() @IsIn(FIRST_RESPONDER_TYPES)
  firstResponderType?: FirstResponderType;
}

export class UpdateOrganisationDto {
  @ApiPropertyOptional({ example: 'Leeds City Council' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'E08000035' })
  @IsOptional() @Matches(LOCAL_AUTHORITY_CODE, { message: 'localAuthorityCode must be an ONS code like E08000035' })
  localAuthorityCode?: string;

  @ApiPropertyOptional({ description: 'Designated NRM first responder (admins set it)' })
  @IsOptional() @IsBoolean()
  firstResponder?: boolean;

  @ApiPropertyOptional({ enum: FIRST_RESPONDER_TYPES })
  @IsOptional() @IsIn(FIRST_RESPONDER_TYPES)
  firstResponderType?: FirstResponderType;
}
