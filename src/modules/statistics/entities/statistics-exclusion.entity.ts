import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A pseudonymised holder who withdrew statistics consent: left out of every aggregate. */
@Entity('statistics_exclusion')
export class StatisticsExclusion {
  @PrimaryColumn({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'timestamptz' })
  since: Date;
}
