import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** One person's record as a council keeps it: who, where they are on the pathway, and their stays. */
export interface CaseRow {
  operationCode: string;
  personId: string;
  reference: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: string;
  ageCategory: string;
  nationality: string | null;
  exploitationType: string | null;
  triageOutcome: string | null;
  registeredAt: Date;
  stage: string;
  stageSince: Date;
  nrmReferralAt: Date | null;
  dutyToNotifyAt: Date | null;
  reasonableGrounds: string | null;
  reasonableGroundsAt: Date | null;
  conclusiveGrounds: string | null;
  conclusiveGroundsAt: Date | null;
  missingEpisodes: number;
  exitedAt: Date | null;
  exitOutcome: string | null;
  currentSiteType: string | null;
  placements: number;
  nights: number;
}

/** The SQL of the case-level export. */
@Injectable()
export class CasesRepository {
  /** People of these operations registered in the period (Europe/London days), in operation and reference order. */
  async cases(m: EntityManager, operationIds: string[], from: string | null, to: string): Promise<CaseRow[]> {
    return m.query(
      `select o.code as "operationCode", pe.id as "personId", pe.reference,
              i.given_name as "givenName", i.family_name as "familyName", to_char(i.date_of_birth, 'YYYY-MM-DD') as "dateOfBirth",
              pe.sex, pe.age_category as "ageCategory", pe.nationality, pe.exploitation_type as "exploitationType",
              pe.triage_outcome as "triageOutcome", pe.registered_at as "registeredAt", pe.stage, pe.stage_since as "stageSince",
              (select submitted_at from referral r where r.person_id = pe.id and r.kind = 'nrm') as "nrmReferralAt",
              (select submitted_at from referral r where r.person_id = pe.id and r.kind = 'duty_to_notify') as "dutyToNotifyAt",
              rg.outcome as "reasonableGrounds", rg.decided_at as "reasonableGroundsAt",
              cg.outcome as "conclusiveGrounds", cg.decided_at as "conclusiveGroundsAt",
              (select count(*)::int from missing_episode me where me.person_id = pe.id) as "missingEpisodes",
              pe.exited_at as "exitedAt", pe.exit_outcome as "exitOutcome",
              (select s.type from placement pl join site s on s.id = pl.site_id
               where pl.person_id = pe.id and pl.status in ('reserved','active') and pl.period @> now()
               limit 1) as "currentSiteType",
              stays.placements, stays.nights
       from person pe
       join operation o on o.id = pe.operation_id
       left join person_identity i on i.person_id = pe.id
       left join decision rg on rg.person_id = pe.id and rg.kind = 'reasonable_grounds'
       left join decision cg on cg.person_id = pe.id and cg.kind = 'conclusive_grounds'
       cross join lateral (
         select count(*)::int as placements,
                -- as in the statistics: a stay still going on counts up to tonight
                coalesce(sum(greatest(0,
                  least(coalesce((upper(pl.period) at time zone 'Europe/London')::date, 'infinity'::date),
                        (now() at time zone 'Europe/London')::date + 1)
                  - (lower(pl.period) at time zone 'Europe/London')::date)), 0)::int as nights
         from placement pl
         where pl.person_id = pe.id and pl.kind = 'placement' and pl.status in ('active','ended')
           and pl.end_reason is distinct from 'non_arrival'
       ) stays
       where pe.operation_id = any($1::uuid[]) and pe.merged_into_person_id is null
         and ($2::date is null or (pe.registered_at at time zone 'Europe/London')::date >= $2::date)
         and (pe.registered_at at time zone 'Europe/London')::date <= $3::date
       order by o.code, pe.seq`,
      [operationIds, from, to],
    );
  }
}
