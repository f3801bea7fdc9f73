import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { badField, RotationSlot, Series, Unit } from '@kierto/network';
import { creditForNewUnit, HostRecord, rotationStatus, RotationUnit } from '@kierto/rotation';
import { RotationEntryResponse } from './meeting.dto';
import { Meeting } from './meeting.entity';
import { Clock } from './clock';

/** A series' rotation order, and the host history the rotation is computed from. */
@Injectable()
export class RotationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async slots(
    seriesId: string,
    em: EntityManager = this.db.manager,
  ): Promise<(RotationSlot & { unit: Unit })[]> {
    return (await em.find(RotationSlot, {
      where: { seriesId },
      relations: { unit: true },
      order: { position: 'ASC' },
    })) as (RotationSlot & { unit: Unit })[];
  }

  /**
   * Non-cancelled meetings of the series, oldest first: the turns the next host is chosen from
   * (meetings already planned count, so a unit does not get two in a row).
   */
  async history(seriesId: string, em: EntityManager = this.db.manager): Promise<HostRecord[]> {
    return (await this.meetings(seriesId, em)).map((m) => ({ unitId: m.hostUnitId }));
  }

  private meetings(seriesId: string, em: EntityManager): Promise<Meeting[]> {
    return em.find(Meeting, {
      where: { seriesId, status: In(['draft', 'confirmed']) },
      order: { startsAt: 'ASC', number: 'ASC' },
      select: { hostUnitId: true, startsAt: true, endsAt: true, number: true, status: true },
    });
  }

  /**
   * Each unit's turns. `hosted` counts only meetings that took place (confirmed, end time passed);
   * drafts and meetings still ahead are `scheduled`. What each unit is owed counts both.
   */
  async status(
    seriesId: string,
    em: EntityManager = this.db.manager,
    now = this.clock.now(),
  ): Promise<RotationEntryResponse[]> {
    const slots = await this.slots(seriesId, em);
    const units: RotationUnit[] = slots.map((s) => ({
      id: s.unitId,
      active: s.unit.active,
      credit: s.credit,
    }));
    const meetings = await this.meetings(seriesId, em);
    const held = meetings.filter((m) => m.status === 'confirmed' && m.endsAt.getTime() <= now.getTime());
    const status = rotationStatus(
      units,
      meetings.map((m) => ({ unitId: m.hostUnitId })),
    );
    const heldStatus = rotationStatus(
      units,
      held.map((m) => ({ unitId: m.hostUnitId })),
    );
    return slots.map((s, i) => ({
      position: s.position,
      unitId: s.unitId,
      unitName: s.unit.name,
      active: s.unit.active,
      hosted: heldStatus[i].hosted,
      scheduled: status[i].hosted - heldStatus[i].hosted,
      credit: s.credit,
      owed: status[i].owed,
    }));
  }

  /**
   * Replaces the rotation order. Units already in the rotation keep their credit; a unit that joins
   * now starts level with the others (credit) instead of being owed every past turn.
   */
  /**
   * `pickable`: the units the caller may pick (AccessPolicy.visibleUnitIds); a unit not yet in this
   * rotation and not pickable is refused like an unknown id, so other networks' units stay unseen.
   */
  async setOrder(seriesId: string, unitIds: string[], pickable?: string[]): Promise<RotationEntryResponse[]> {
    if (unitIds.length === 0) {
      throw badField('unitIds', 'a series needs at least one unit to rotate: list one or more unit ids');
    }
    const seen = new Set<string>();
    unitIds.forEach((id, i) => {
      if (seen.has(id)) throw badField(`unitIds.${i}`, `unit ${id} appears twice in the rotation order`);
      seen.add(id);
    });
    return this.db.transaction(async (em) => {
      await em.findOne(Series, { where: { id: seriesId }, lock: { mode: 'pessimistic_write' } });
      const units = unitIds.length ? await em.find(Unit, { where: { id: In(unitIds) } }) : [];
      unitIds.forEach((id, i) => {
        if (!units.some((u) => u.id === id)) throw badField(`unitIds.${i}`, `no unit ${id}`);
      });
      const old = await this.slots(seriesId, em);
      if (pickable) {
        const allowed = new Set([...pickable, ...old.map((o) => o.unitId)]);
        unitIds.forEach((id, i) => {
          if (!allowed.has(id)) throw badField(`unitIds.${i}`, `no unit ${id}`);
        });
      }
      const history = await this.history(seriesId, em);
      const existing: RotationUnit[] = old.map((s) => ({
        id: s.unitId,
        active: s.unit.active,
        credit: s.credit,
      }));
      await em.delete(RotationSlot, { seriesId });
      for (const [position, unitId] of unitIds.entries()) {
        const before = old.find((s) => s.unitId === unitId);
        const credit = before ? before.credit : creditForNewUnit(existing, history);
        await em.insert(RotationSlot, { seriesId, unitId, position, credit });
      }
      return this.status(seriesId, em);
    });
  }
}
