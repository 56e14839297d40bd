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
    if ((dto.personId === undefined) === (dto.operationId === undefined)) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'ONE_SUBJECT', 'A legal hold is on one person (personId) or one operation (operationId): give exactly one');
    }
    return this.dataSource.transaction(async (m) => {
      if (dto.personId) {
        const [person] = await m.query(`select anonymised_at from person where id = $1`, [dto.personId]);
        if (!person) throw unprocessable('UNKNOWN_PERSON', 'personId names no person');
        if (person.anonymised_at) throw conflict('ALREADY_ANONYMISED', "This person's personal data was already anonymised: there is nothing left to hold");
      } else {
        const [operation] = await m.query(`select id from operation where id = $1`, [dto.operationId]);
        if (!operation) throw unprocessable('UNKNOWN_OPERATION', 'operationId names no operation');
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
