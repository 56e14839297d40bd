import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ExistingImportInventory,
  ParsedImportRow,
  planSiteImport,
  readImportCsv,
  roomKeyOf,
  siteKeyOf,
} from '@safe-harbour/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditEntry, AuditService } from '../audit/audit.service';
import { AuthUser, hasRole } from '../auth/roles';
import { conflict, forbidden, unprocessable } from '../common/domain-error';
import { OutboxService } from '../live/outbox.service';
import { BedsRepository } from './beds.repository';
import { siteCreatedEvent, siteUpdatedEvent } from './inventory-events';
import { SitesRepository } from './sites.repository';

type SignedIn = Actor & { user: AuthUser };

export interface ImportResult {
  /** Sites, rooms and beds created by this import (0 when the same file is imported again). */
  created: number;
  rejected: Array<{ line: number; errors: string[] }>;
  sites: { created: number };
  rooms: { created: number };
  beds: { created: number };
  /** Good rows whose site, room and bed were all there already. */
  unchanged: number;
  rows: number;
  /** Stored sites this file's rows were added to (their details left as they were). */
  merged: ImportPreview['merging'];
}

export interface ImportPreview {
  dryRun: true;
  rows: number;
  willCreate: { sites: number; rooms: number; beds: number };
  rejected: Array<{ line: number; errors: string[] }>;
  /** Stored sites the file names: its rooms and beds will be added to them, their details left as they are. */
  merging: Array<{ siteId: string; siteName: string; lines: number[] }>;
  unchanged: number;
}

/** Reads a council's spreadsheet; the rules of each row are in @safe-harbour/domain's site-import. */
@Injectable()
export class SiteImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesRepository,
    private readonly beds: BedsRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * The import's own checks and plan, writing nothing, so an officer sees each row's errors by line and the
   * stored sites the file merges into before anything is created.
   */
  async preview(actor: SignedIn, csv: string, organisationId = actor.user.organisationId): Promise<ImportPreview> {
    return (await this.run(actor, csv, organisationId, true)) as ImportPreview;
  }

  async import(actor: SignedIn, csv: string, organisationId = actor.user.organisationId): Promise<ImportResult> {
    return (await this.run(actor, csv, organisationId, false)) as ImportResult;
  }

  private async run(actor: SignedIn, csv: string, organisationId: string, dryRun: boolean): Promise<ImportResult | ImportPreview> {
    if (!hasRole(actor.user, 'admin') && organisationId !== actor.user.organisationId) {
      throw forbidden('You may import sites only for your own organisation');
    }
    const parsed = readCsv(csv);
    return this.dataSource.transaction(async (manager) => {
      const [organisation] = await manager.query(`select id from organisation where id = $1`, [organisationId]);
      if (!organisation) throw unprocessable('UNKNOWN_ORGANISATION', 'organisationId names no organisation');
      // Two imports of the same spreadsheet at once must not both decide a site is new.
      if (!dryRun) await manager.query(`select pg_advisory_xact_lock(hashtext('safe-harbour:site-import:' || $1))`, [organisationId]);

      const names = [...new Set(parsed.flatMap((p) => (p.ok ? [siteKeyOf(p.row.siteName)] : [])))];
      const stored = await this.sites.findByNames(manager, organisationId, names);
      const ids = stored.map((s) => s.id);
      const [rooms, labels] = await Promise.all([this.sites.roomsOfSites(manager, ids), this.beds.labelsOfSites(manager, ids)]);
      const existing: ExistingImportInventory = new Map(
        stored.map((s) => [
          siteKeyOf(s.name),
          {
            id: s.id,
            rooms: new Map(rooms.filter((r) => r.siteId === s.id).map((r) => [r.name.trim().toLowerCase(), r])),
            bedLabels: new Set(labels.filter((b) => b.siteId === s.id).map((b) => b.label.toLowerCase())),
          },
        ]),
      );
      const plan = planSiteImport(parsed, existing);
      const storedName = new Map(stored.map((s) => [s.id, s.name]));
      const merging = plan.merging.map((m) => ({ ...m, siteName: storedName.get(m.siteId) ?? m.siteName }));
      if (dryRun) {
        return {
          dryRun: true as const,
          rows: parsed.length,
          willCreate: { sites: plan.sites.length, rooms: plan.rooms.length, beds: plan.beds.length },
          rejected: plan.rejected,
          merging,
          unchanged: plan.unchanged,
        };
      }

      const siteByKey = new Map(stored.map((s) => [siteKeyOf(s.name), s]));
      const created = await this.sites.insertSites(manager, plan.sites.map((p) => ({ ...p.facts, organisationId })));
      if (created.length !== plan.sites.length) {
        throw conflict('IMPORT_CONFLICT', 'A site in this file was created by someone else meanwhile: import again');
      }
      for (const s of created) siteByKey.set(siteKeyOf(s.name), s);

      const roomIds = new Map(rooms.map((r) => [roomKeyOf(siteKeyOf(stored.find((s) => s.id === r.siteId)!.name), r.name), r.id]));
      const newRooms = await this.sites.insertRooms(
        manager,
        plan.rooms.map((r) => ({ siteId: siteByKey.get(r.siteKey)!.id, name: r.name, kind: r.kind })),
      );
      if (newRooms.length !== plan.rooms.length) {
        throw conflict('IMPORT_CONFLICT', 'A room in this file was created by someone else meanwhile: import again');
      }
      const siteKeyById = new Map([...siteByKey.values()].map((s) => [s.id, siteKeyOf(s.name)]));
      for (const r of newRooms) roomIds.set(roomKeyOf(siteKeyById.get(r.siteId)!, r.name), r.id);

      await this.beds.describeChange(manager, actor.user.id, 'imported');
      const newBeds = await this.beds.insertBeds(
        manager,
        plan.beds.map((b) => ({ siteId: siteByKey.get(b.siteKey)!.id, roomId: b.roomKey ? roomIds.get(b.roomKey)! : null, label: b.label })),
      );
      if (newBeds.length !== plan.beds.length) {
        throw conflict('IMPORT_CONFLICT', 'A bed in this file was created by someone else meanwhile: import again');
      }

      const result: ImportResult = {
        created: created.length + newRooms.length + newBeds.length,
        rejected: plan.rejected,
        sites: { created: created.length },
        rooms: { created: newRooms.length },
        beds: { created: newBeds.length },
        unchanged: plan.unchanged,
        rows: parsed.length,
        merged: merging,
      };
      const entries: AuditEntry[] = [
        {
          action: 'import',
          entityType: 'organisation',
          entityId: organisationId,
          details: { sites: created.length, rooms: newRooms.length, beds: newBeds.length, rejected: plan.rejected.length, rows: parsed.length },
        },
        ...created.map((s) => ({ action: 'create', entityType: 'site', entityId: s.id, details: { name: s.name, type: s.type, via: 'import' } })),
        ...newRooms.map((r) => ({ action: 'create', entityType: 'room', entityId: r.id, details: { siteId: r.siteId, kind: r.kind, via: 'import' } })),
        ...newBeds.map((b) => ({ action: 'create', entityType: 'bed', entityId: b.id, details: { siteId: b.siteId, label: b.label, via: 'import' } })),
      ];
      await this.audit.recordMany(manager, actor, entries);

      // One event per site touched, not per bed: a 50,000-bed import must not flood the live dashboards.
      const newIds = new Set(created.map((s) => s.id));
      const grown = new Set([...newRooms.map((r) => r.siteId), ...newBeds.map((b) => b.siteId)].filter((id) => !newIds.has(id)));
      const bySiteId = new Map([...siteByKey.values()].map((s) => [s.id, s]));
      await this.outbox.emit(
        manager,
        ...created.map((s) => siteCreatedEvent(s)),
        ...[...grown].map((id) => siteUpdatedEvent(bySiteId.get(id)!, ['rooms', 'beds'])),
      );
      return result;
    });
  }
}

/** Header and cells of the file, or a 400 that says what is wrong with the file as a whole. */
function readCsv(csv: string): ParsedImportRow[] {
  const read = readImportCsv(csv);
  if (!read.ok) throw new BadRequestException({ message: [read.message], code: read.code });
  return read.rows;
}
