import { LOCAL_AUTHORITY_CODE } from '@safe-harbour/domain';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min, validate } from 'class-validator';
import { DomainError } from '../common/domain-error';
import { LiveTarget } from './live-access.service';


/** `subscribe` / `unsubscribe`: exactly one of an operation or a local authority area. */
export class LiveTargetDto {
  @IsOptional() @IsUUID()
  operationId?: string;

  @IsOptional() @Matches(LOCAL_AUTHORITY_CODE, { message: 'localAuthorityCode must be a GSS code such as E08000035' })
  localAuthorityCode?: string;
}

export class SubscribeDto extends LiveTargetDto {
  /** Replay what this subscription missed after this seq first (the atomic form of subscribe + resume). */
  @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  sinceSeq?: number;
}

export class ResumeDto {
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  sinceSeq: number;
}

const badRequest = (message: string) => new DomainError(400, 'BAD_REQUEST', message);

/** Socket messages get the same validation as HTTP bodies (unknown fields refused). */
export async function parseMessage<T extends object>(type: new () => T, body: unknown): Promise<T> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The message must be an object');
  const dto = plainToInstance(type, body);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    throw badRequest(errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '));
  }
  return dto;
}

export function targetOf(dto: LiveTargetDto): LiveTarget {
  const hasOperation = dto.operationId !== undefined;
  const hasArea = dto.localAuthorityCode !== undefined;
  if (hasOperation === hasArea) throw badRequest('Give exactly one of operationId or localAuthorityCode');
  return hasOperation ? { operationId: dto.operationId! } : { localAuthorityCode: dto.localAuthorityCode! };
}
