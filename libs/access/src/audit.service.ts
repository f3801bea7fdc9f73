import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction, AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  action: AuditAction;
  actorPersonId?: string | null;
  /** A record reference such as `person:<id>` or `meeting:<id>`, never a name or an address. */
  subject?: string | null;
  details?: Record<string, string | number | boolean>;
}

/** The audit log: append-only rows, written in the caller's transaction when it passes one. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(entry: AuditEntry, em: EntityManager = this.db.manager): Promise<void> {
    await em.insert(AuditEvent, {
      action: entry.action,
      actorPersonId: entry.actorPersonId ?? null,
      subject: entry.subject ?? null,
      details: entry.details ?? {},
    });
  }

  /**
   * The hook for every export (a CSV download, a printout of people): what was exported, from which
   * record, how many rows. Call it from the export's handler or put `@AuditExport()` on the route.
   */
  recordExport(
    actorPersonId: string | null,
    what: string,
    subject: string | null,
    rows: number,
    em?: EntityManager,
  ): Promise<void> {
    return this.record({ action: 'export', actorPersonId, subject, details: { what, rows } }, em);
  }
}
