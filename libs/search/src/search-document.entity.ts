import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Meeting } from '@kierto/meetings';
import type { Series } from '@kierto/network';

export type SearchKind = 'minutes' | 'agenda_item' | 'action_item';
export const SEARCH_KINDS: SearchKind[] = ['minutes', 'agenda_item', 'action_item'];
export type SearchLanguage = 'fi' | 'sv' | 'en';

/**
 * One searchable text (minutes, an agenda item, an action item), written by the domain code in its
 * own transaction through SearchIndex. Finnish texts are indexed by Voikko's base forms and compound
 * parts (`lexemes`); `snowball` holds PostgreSQL's own analysis in the text's language, used for
 * Swedish and English, and for Finnish when Voikko is missing. The GIN indexes are created by the
 * migration (TypeORM cannot declare GIN), hence `synchronize: false`.
 */
@Entity('search_document')
@Check('ck_search_document_kind', "kind IN ('minutes', 'agenda_item', 'action_item')")
@Check('ck_search_document_language', "language IN ('fi', 'sv', 'en')")
@Index('uq_search_document_ref', ['kind', 'refId'], { unique: true })
@Index('ix_search_document_lexemes', { synchronize: false })
@Index('ix_search_document_snowball', { synchronize: false })
export class SearchDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_search_document_series')
  @Column({ name: 'series_id', type: 'uuid' })
  seriesId: string;

  // By entity name, not class: the meetings library writes to the index, so importing it here
  // would make the two libraries import each other.
  @ManyToOne('Series', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'series_id' })
  series?: Series;

  @Index('ix_search_document_meeting')
  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column({ type: 'varchar', length: 16 })
  kind: SearchKind;

  /** The id of the minutes, agenda item or action item. */
  @Column({ name: 'ref_id', type: 'uuid' })
  refId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 2 })
  language: SearchLanguage;

  /** Voikko lexemes with positions, title weighted A; null when not Finnish or Voikko was missing. */
  @Column({ type: 'tsvector', nullable: true, select: false })
  lexemes: string | null;

  /** to_tsvector in the document's language (finnish, swedish, english), title weighted A. */
  @Column({ type: 'tsvector', select: false })
  snowball: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
