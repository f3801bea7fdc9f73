import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Person, Series, SeriesCoordinator } from '@kierto/network';
import { MinutesNotices } from './minutes-notices';

/**
 * A coordinator hands a series over to another of its coordinators and leaves the role. In one
 * transaction: the leaver's role ends and the successor's handover email is queued (next meeting,
 * open action items, proposals waiting, where the minutes are). The leaver stays a member.
 */
@Injectable()
export class CoordinatorHandover {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notices: MinutesNotices,
  ) {}

  async handOver(seriesId: string, from: Person, successorId: string): Promise<Person> {
    return this.db.transaction(async (em) => {
      // Locked: two coordinators handing over to each other at once cannot leave the series empty.
      await em.findOne(Series, { where: { id: seriesId }, lock: { mode: 'pessimistic_write' } });
      if (successorId === from.id) throw new ConflictException('The successor must be someone else');
      const successor = await em.findOne(SeriesCoordinator, {
        where: { seriesId, personId: successorId },
        relations: { person: true },
      });
      if (!successor?.person) throw new NotFoundException(`No coordinator ${successorId} in this series`);
      const removed = await em.delete(SeriesCoordinator, { seriesId, personId: from.id });
      if (!removed.affected) throw new NotFoundException('You do not coordinate this series');
      await this.notices.coordinatorHandover(em, seriesId, from, successorId);
      return successor.person;
    });
  }
}
