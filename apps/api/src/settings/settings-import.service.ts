import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessPolicy, PersonChanges } from '@kierto/access';
import { RotationService } from '@kierto/meetings';
import {
  PersonService,
  RotationSlot,
  Series,
  SeriesMembership,
  SeriesService,
  Unit,
  UnitService,
} from '@kierto/network';
import { creditForNewUnit } from '@kierto/rotation';
import { ImportContext, ImportKind, ImportPreview, PersonRow, previewImport, UnitRow } from './csv-import';

/** The import was refused: the rows as checked inside the transaction, nothing written. */
export class ImportRejected extends Error {
  constructor(readonly preview: ImportPreview) {
    super('CSV import rejected');
  }
}

/**
 * Units and people from a CSV export: the preview reads only; the import checks every row again
 * inside one transaction (with the series locked, so two imports cannot pass each other) and writes
 * all rows or none.
 */
@Injectable()
export class SettingsImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly series: SeriesService,
    private readonly units: UnitService,
    private readonly people: PersonService,
    private readonly rotation: RotationService,
    private readonly policy: AccessPolicy,
    private readonly changes: PersonChanges,
  ) {}

  async preview(actorId: string, seriesId: string, kind: ImportKind, text: string): Promise<ImportPreview> {
    return previewImport(kind, text, await this.context(actorId, seriesId, this.db.manager));
  }

  /** The name of the series' first unit in the rotation, for the template's example row. */
  async firstUnitName(seriesId: string): Promise<string | null> {
    const slots = await this.rotation.slots(seriesId, this.db.manager);
    const first = [...slots].sort((a, b) => a.position - b.position).find((s) => s.unit.active);
    return first?.unit.name ?? null;
  }

  /** Writes every row in one transaction, or throws ImportRejected and writes nothing. */
  async commit(actorId: string, seriesId: string, kind: ImportKind, text: string): Promise<number> {
    return this.db.transaction(async (em) => {
      await em.findOne(Series, { where: { id: seriesId }, lock: { mode: 'pessimistic_write' } });
      const preview = previewImport(kind, text, await this.context(actorId, seriesId, em));
      if (!preview.ok) throw new ImportRejected(preview);
      const values = preview.rows.map((r) => r.value);
      if (kind === 'units') await this.writeUnits(actorId, seriesId, values as UnitRow[], em);
      else await this.writePeople(actorId, seriesId, values as PersonRow[], em);
      return values.length;
    });
  }

  /** New units join the end of the rotation, level with the others (RotationService's rule for newcomers). */
  private async writeUnits(actorId: string, seriesId: string, rows: UnitRow[], em: EntityManager) {
    const slots = await this.rotation.slots(seriesId, em);
    const history = await this.rotation.history(seriesId, em);
    const existing = slots.map((s) => ({ id: s.unitId, active: s.unit.active, credit: s.credit }));
    const credit = creditForNewUnit(existing, history);
    let position = slots.reduce((max, s) => Math.max(max, s.position), -1);
    for (const row of rows) {
      const unit = await this.units.create(row, em, actorId);
      position += 1;
      await em.insert(RotationSlot, { seriesId, unitId: unit.id, position, credit });
    }
  }

  private async writePeople(actorId: string, seriesId: string, rows: PersonRow[], em: EntityManager) {
    for (const row of rows) {
      const person = await this.changes.create(actorId, row, em);
      await em.insert(SeriesMembership, { seriesId, personId: person.id, active: true });
    }
  }

  /**
   * What the rows are checked against. Addresses: only of people the importer sees (an address of
   * someone else is not told; see PersonService's AddressClashPolicy). Unit names are unique in the
   * installation, so every name is known, but a unit the importer does not see maps to '' and is
   * no home unit to pick ("unknown unit").
   */
  private async context(actorId: string, seriesId: string, em: EntityManager): Promise<ImportContext> {
    const series = await this.series.get(seriesId, em);
    const visibleUnits = new Set(await this.policy.visibleUnitIds(actorId, em));
    const units = await em.find(Unit, { select: { id: true, name: true } });
    const withEmail = await this.policy.visibleAddresses(actorId, em);
    const members = await this.people.members(seriesId, { limit: 10_000, offset: 0 });
    const key = (s: string) => s.trim().toLocaleLowerCase('fi');
    return {
      unitsByName: new Map(units.map((u) => [key(u.name), visibleUnits.has(u.id) ? u.id : ''])),
      emails: new Set(withEmail),
      memberNames: new Set(members.items.map(({ person: p }) => `${p.kind}:${key(p.displayName)}`)),
      defaultLanguage: series.defaultLanguage,
    };
  }
}
