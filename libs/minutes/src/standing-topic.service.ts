import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StandingTopic } from './standing-topic.entity';

export interface StandingTopicInput {
  title?: string;
  description?: string | null;
  timeBoxMinutes?: number | null;
  position?: number;
  active?: boolean;
}

/** The topics every new agenda of a series starts with. */
@Injectable()
export class StandingTopicService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(seriesId: string): Promise<StandingTopic[]> {
    return this.db
      .getRepository(StandingTopic)
      .find({ where: { seriesId }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  async create(seriesId: string, input: StandingTopicInput & { title: string }): Promise<StandingTopic> {
    const repo = this.db.getRepository(StandingTopic);
    const { max } = (await repo
      .createQueryBuilder('t')
      .select('COALESCE(MAX(t.position), 0)', 'max')
      .where('t.series_id = :seriesId', { seriesId })
      .getRawOne()) as { max: number };
    return repo.save(
      repo.create({
        seriesId,
        title: input.title,
        description: input.description ?? null,
        timeBoxMinutes: input.timeBoxMinutes ?? null,
        position: input.position ?? Number(max) + 1,
        active: input.active ?? true,
      }),
    );
  }

  async update(id: string, input: StandingTopicInput): Promise<StandingTopic> {
    const repo = this.db.getRepository(StandingTopic);
    const topic = await repo.findOne({ where: { id } });
    if (!topic) throw new NotFoundException(`No standing topic ${id}`);
    Object.assign(topic, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
    return repo.save(topic);
  }

  async remove(id: string): Promise<void> {
    const r = await this.db.getRepository(StandingTopic).delete({ id });
    if (!r.affected) throw new NotFoundException(`No standing topic ${id}`);
  }
}
