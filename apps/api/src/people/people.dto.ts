import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGE_CATEGORIES, AgeCategory, EXPLOITATION_TYPES, ExploitationType, STATION_STATUSES, StationStatus, TRIAGE_OUTCOMES, TriageOutcome } from '@safe-harbour/domain';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsInstant } from '../pathway/pathway.dto';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];
export const GROUP_KINDS = ['family', 'travelled_together'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
export const RECOURSE_STATUSES = ['yes', 'no', 'unknown'] as const;
export type RecourseStatus = (typeof RECOURSE_STATUSES)[number];
export const DEPENDANT_AGE_CATEGORIES = ['child', 'adult'] as const;
export const DEPENDANT_RELATIONSHIPS = ['child', 'partner', 'parent', 'sibling', 'other'] as const;

/** Someone who comes with the person and is not registered in their own right (a baby, a child, a partner). */
export class DependantDto {
  @ApiProperty({ enum: DEPENDANT_AGE_CATEGORIES })
  @IsIn(DEPENDANT_AGE_CATEGORIES)
  ageCategory: (typeof DEPENDANT_AGE_CATEGORIES)[number];

  @ApiPropertyOptional({ description: 'Age in whole years; must agree with ageCategory (under 18 for a child)' })
  @IsOptional() @IsInt() @Min(0) @Max(120)
  age?: number;

  @ApiPropertyOptional({ enum: SEXES })
  @IsOptional() @IsIn(SEXES)
  sex?: Sex;

  @ApiPropertyOptional({ enum: DEPENDANT_RELATIONSHIPS })
  @IsOptional() @IsIn(DEPENDANT_RELATIONSHIPS)
  relationship?: (typeof DEPENDANT_RELATIONSHIPS)[number];
}

/** A place to keep the person away from: a point and a radius, never an address (kept out of events). */
export class KeepAwayAreaDto {
  @ApiProperty({ example: 53.8 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90)
  lat: number;

  @ApiProperty({ example: -1.55 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180)
  lng: number;

  @ApiProperty({ example: 5, description: 'Kilometres, more than 0 and at most 500' })
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0.01) @Max(500)
  radiusKm: number;
}

export class NeedsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  wheelchair?: boolean;

  @ApiPropertyOptional({ description: 'Has medical needs (details stay with the health provider)' })
  @IsOptional() @IsBoolean()
  medical?: boolean;

  @ApiPropertyOptional({ description: 'Number of dependants with them; with no `dependants` list they count as children' })
  @IsOptional() @IsInt() @Min(0) @Max(20)
  dependants?: number;

  @ApiPropertyOptional({ description: 'Additional vulnerability or trauma: no dormitory or shared site' })
  @IsOptional() @IsBoolean()
  additionalVulnerability?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  pregnant?: boolean;

  @ApiPropertyOptional({ description: 'Has a pet that comes with them' }) @IsOptional() @IsBoolean()
  pets?: boolean;

  @ApiPropertyOptional({ description: 'Needs drug or alcohol support where they stay' }) @IsOptional() @IsBoolean()
  substanceMisuseSupport?: boolean;

  @ApiPropertyOptional({ description: 'Asked for a single-sex site (ranks, does not exclude)' }) @IsOptional() @IsBoolean()
  prefersSingleSex?: boolean;
}

/** Fields person create and PATCH share for placement (#11). */
const PLACEMENT_FACTS_DOC = {
  recourse: 'yes: has recourse to public funds; no: NRPF, only sites that accept NRPF (a lead may override)',
};

export class RegisterPersonDto {
  @IsOptional()
  @IsInstant('2026-03-02T07:40:00Z', 'When the person was encountered or registered, if earlier than now (not in the future): e.g. referred by the police that morning, or handed over by another council')
  registeredAt?: string;

  @ApiProperty({ enum: SEXES })
  @IsIn(SEXES)
  sex: Sex;

  @ApiProperty({ enum: AGE_CATEGORIES, description: 'age_disputed: treated as a child until assessed' })
  @IsIn(AGE_CATEGORIES)
  ageCategory: AgeCategory;

  @ApiPropertyOptional({ example: '1996-04-21', description: 'As claimed; personal data' })
  @IsOptional() @Matches(DATE_ONLY, { message: 'dateOfBirth must be a date YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ description: 'As claimed; personal data' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  givenName?: string;

  @ApiPropertyOptional({ description: 'As claimed; personal data' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  familyName?: string;

  @ApiPropertyOptional({ type: [String], description: 'Other names the person has used; personal data' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ example: 'Romanian' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  nationality?: string;

  @ApiProperty({ type: [String], example: ['ro'] })
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(50, { each: true })
  languages: string[];

  @ApiProperty()
  @IsBoolean()
  interpreterNeeded: boolean;

  @ApiProperty({ type: NeedsDto })
  @ValidateNested() @Type(() => NeedsDto)
  needs: NeedsDto;

  @ApiPropertyOptional({ description: 'A family or travelled-together group of this operation' })
  @IsOptional() @IsUUID()
  groupId?: string;

  @ApiPropertyOptional({ description: 'Flagged as possibly controlling others: never placed with victims of this operation' })
  @IsOptional() @IsBoolean()
  possibleController?: boolean;

  @ApiPropertyOptional({ enum: EXPLOITATION_TYPES, description: 'Kind of exploitation, when known (reported in statistics)' })
  @IsOptional() @IsIn(EXPLOITATION_TYPES)
  exploitationType?: ExploitationType;

  @ApiPropertyOptional({ enum: RECOURSE_STATUSES, description: PLACEMENT_FACTS_DOC.recourse })
  @IsOptional() @IsIn(RECOURSE_STATUSES)
  recourseToPublicFunds?: RecourseStatus;

  @ApiPropertyOptional({ type: [DependantDto], description: 'Replaces a bare needs.dependants count' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => DependantDto)
  dependants?: DependantDto[];

  @ApiPropertyOptional({ type: [KeepAwayAreaDto], description: 'Places to keep the person away from; never in events' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => KeepAwayAreaDto)
  keepAwayFrom?: KeepAwayAreaDto[];
}

export class UpdatePersonDto {
  @ApiPropertyOptional({ enum: SEXES }) @IsOptional() @IsIn(SEXES)
  sex?: Sex;

  @ApiPropertyOptional({ enum: AGE_CATEGORIES, description: 'e.g. after an age assessment' })
  @IsOptional() @IsIn(AGE_CATEGORIES)
  ageCategory?: AgeCategory;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @MinLength(1) @MaxLength(100)
  nationality?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(50, { each: true })
  languages?: string[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  interpreterNeeded?: boolean;

  @ApiPropertyOptional({ type: NeedsDto })
  @IsOptional() @ValidateNested() @Type(() => NeedsDto)
  needs?: NeedsDto;

  @ApiPropertyOptional({ nullable: true, description: 'null unlinks the person from their group' })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsUUID()
  groupId?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  possibleController?: boolean;

  @ApiPropertyOptional({ enum: EXPLOITATION_TYPES, nullable: true, description: 'null: not known after all' })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsIn(EXPLOITATION_TYPES)
  exploitationType?: ExploitationType | null;

  @ApiPropertyOptional({ enum: RECOURSE_STATUSES, description: PLACEMENT_FACTS_DOC.recourse })
  @IsOptional() @IsIn(RECOURSE_STATUSES)
  recourseToPublicFunds?: RecourseStatus;

  @ApiPropertyOptional({ type: [DependantDto], description: 'Replaces the list ([] for none)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => DependantDto)
  dependants?: DependantDto[];

  @ApiPropertyOptional({ type: [KeepAwayAreaDto], description: 'Replaces the list ([] for none); never in events' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => KeepAwayAreaDto)
  keepAwayFrom?: KeepAwayAreaDto[];
}

export class TriageDto {
  @ApiProperty({ enum: TRIAGE_OUTCOMES })
  @IsIn(TRIAGE_OUTCOMES)
  outcome: TriageOutcome;

  @ApiPropertyOptional({
    description:
      'With potential_victim: also a suspected offender (e.g. arrested in criminal exploitation). Referable into the NRM, ' +
      "kept apart from the operation's victims like a possible controller; a child is placed in children's accommodation",
  })
  @IsOptional() @IsBoolean()
  suspectedOffender?: boolean;

  @IsOptional()
  @IsInstant('2026-03-02T09:15:00Z', 'When the triage decision was made, if earlier than now (not in the future, not before registration)')
  at?: string;

  @ApiPropertyOptional({ description: 'Criminal exploitation through a county-lines network (only with exploitationType criminal or multiple); kept if omitted' })
  @IsOptional() @IsBoolean()
  countyLines?: boolean;

  @ApiPropertyOptional({ enum: ['adult', 'child', 'unknown'], description: 'Age when exploited, as the NRM statistics report it (may differ from age now); kept if omitted' })
  @IsOptional() @IsIn(['adult', 'child', 'unknown'])
  ageAtExploitation?: 'adult' | 'child' | 'unknown';

  @ApiPropertyOptional({ enum: EXPLOITATION_TYPES, description: 'Kind of exploitation, when the de-brief tells it; kept if omitted' })
  @IsOptional() @IsIn(EXPLOITATION_TYPES)
  exploitationType?: ExploitationType;

  @ApiPropertyOptional({ description: 'Shown only to those who may see personal data' })
  @IsOptional() @IsString() @MaxLength(2000)
  notes?: string;
}

export class CorrectIdentityDto {
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @MinLength(1) @MaxLength(200)
  givenName?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @MinLength(1) @MaxLength(200)
  familyName?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '1996-04-21' })
  @ValidateIf((_, v) => v !== null && v !== undefined) @Matches(DATE_ONLY, { message: 'dateOfBirth must be a date YYYY-MM-DD' })
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the list; a corrected name is kept as an alias automatically' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true })
  aliases?: string[];
}

export class MergePeopleDto {
  @ApiProperty({ description: 'The other registration of the same person; it is kept, marked as merged into this one' })
  @IsUUID()
  duplicatePersonId: string;
}

export class UpdateStationDto {
  @ApiProperty({ enum: STATION_STATUSES })
  @IsIn(STATION_STATUSES)
  status: StationStatus;
}

export class CreateGroupDto {
  @ApiProperty({ enum: GROUP_KINDS })
  @IsIn(GROUP_KINDS)
  kind: GroupKind;

  @ApiProperty({ example: 'Family A', description: 'A label, not names: it appears wherever the group does' })
  @IsString() @MinLength(1) @MaxLength(100)
  label: string;
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListPeopleQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(50)
  stage?: string;

  @IsOptional() @IsIn([...TRIAGE_OUTCOMES, 'untriaged'])
  triageOutcome?: TriageOutcome | 'untriaged';

  @IsOptional() @Transform(toBoolean) @IsBoolean()
  awaitingBed?: boolean;

  @IsOptional() @Transform(toBoolean) @IsBoolean()
  includeMerged?: boolean;

  @ApiPropertyOptional({ description: 'Include names and dates of birth (allowed roles only; every person read is audited)' })
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  includeIdentity?: boolean;

  @ApiPropertyOptional({ description: 'Why you need special-category data outside your usual path (break-glass; audited with the read)' })
  @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}

export class GetPersonQuery {
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  includeIdentity?: boolean;

  @ApiPropertyOptional({ description: 'Why you need special-category data outside your usual path (break-glass; audited with the read)' })
  @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}

export class ReadReasonQuery {
  @ApiPropertyOptional({ description: 'Why you need special-category data outside your usual path (break-glass; audited with the read)' })
  @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}
