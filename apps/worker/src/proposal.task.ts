import { Injectable, Logger } from '@nestjs/common';
import { MeetingService } from '@kierto/meetings';
import { PeriodicTask } from './periodic-task';

/**
 * Proposes the next meeting of every series whose previous meeting is past (or that has none).
 * Safe with several workers: proposals lock the series row and one draft per series is a unique index.
 */
@Injectable()
export class ProposalTask implements PeriodicTask {
  readonly name = 'propose-next-meetings';
  private readonly logger = new Logger(ProposalTask.name);

  constructor(private readonly meetings: MeetingService) {}

  async run(now: Date): Promise<number> {
    let created = 0;
    for (const seriesId of await this.meetings.seriesNeedingProposal(now)) {
      try {
        const result = await this.meetings.proposeNext(seriesId, now, true);
        if (result.created) {
          created += 1;
          this.logger.log({ seriesId, meetingId: result.meeting.id }, 'Proposed the next meeting');
        }
      } catch (e) {
        // One series that cannot be scheduled (no available host) must not stop the others.
        this.logger.warn(
          { seriesId, reason: e instanceof Error ? e.message : String(e) },
          'Could not propose',
        );
      }
    }
    return created;
  }
}
