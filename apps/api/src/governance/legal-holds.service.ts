import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { conflict, DomainError, notFound, unprocessable } from '../common/domain-error';
import { ListLegalHoldsQuery, PlaceLegalHoldDto } from './governance.dto';
import { LegalHoldRow, LegalHoldsRepository } from './legal-holds.repository';

/** Legal holds: while one is live on a person or their operation, retention leaves their data alone. */
@Injectable()
export class LegalHoldsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly holds: LegalHoldsRepository,
    private readonly audit: AuditService,
  ) {}

  async place(actor: Actor & { user: AuthUser }, dto: PlaceLegalHoldDto): Promise<LegalHoldRow> {
    const subjects = [dto.personId, dto.personReference, dto.operationId].filter((v) => v !== undefined && v !== '');
    if (subjects.length !== 1) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'ONE_SUBJECT', 'A legal hold is on one person or one operation: give exactly one');
    }
    return this.dataSource.transaction(async (m) => {
      if (dto.personId || dto.personReference) {
        const person = await this.holds.findPerson(m, dto.personId ?? null, dto.personReference?.toUpperCase() ?? null);
        if (!person) throw unprocessable('UNKNOWN_PERSON', dto.personReference ? `No person has the reference ${dto.personReference.toUpperCase()}` : 'personId names no person');
        dto = { ...dto, personId: person.id };
        if (person.anonymisedAt) throw conflict('ALREADY_ANONYMISED', "This person's personal data was already anonymised: there is nothing left to hold");
      } else {
        if (!(await this.holds.operationExists(m, dto.operationId!))) throw unprocessable('UNKNOWN_OPERATION', 'operationId names no operation');
      }
      const hold = await this.holds.insert(m, { personId: dto.personId ?? null, operationId: dto.operationId ?? null, reason: dto.reason, placedBy: actor.user.id });
      await this.audit.record(m, actor, {
        action: 'place_legal_hold',
        entityType: hold.personId ? 'person' : 'operation',
        entityId: hold.personId ?? hold.operationId,
        details: { holdId: hold.id, reference: hold.personReference ?? undefined },
      });
      return hold;
    });
  }

  async release(actor: Actor & { user: AuthUser }, id: string): Promise<LegalHoldRow> {
    return this.dataSource.transaction(async (m) => {
      const hold = await this.holds.find(m, id, true);
      if (!hold) throw notFound('Legal hold');
      if (hold.releasedAt) throw conflict('ALREADY_RELEASED', 'This legal hold was already released');
      const released = await this.holds.release(m, id, actor.user.id);
      await this.audit.record(m, actor, {
        action: 'release_legal_hold',
        entityType: hold.personId ? 'person' : 'operation',
        entityId: hold.personId ?? hold.operationId,
        details: { holdId: hold.id, reference: hold.personReference ?? undefined },
      });
      return released;
    });
  }

  async list(query: ListLegalHoldsQuery): Promise<{ items: LegalHoldRow[] }> {
    return { items: await this.holds.list(this.dataSource.manager, query) };
  }
}
