import { Column, Entity, PrimaryColumn } from 'typeorm';
import { instantColumn, uuidColumn, uuidPrimary } from '../../../database/column-types';

@Entity('visit')
export class VisitEntity {
  @PrimaryColumn(uuidPrimary()) id!: string;
  @Column({ ...uuidColumn(), name: 'household_id' }) householdId!: string;
  @Column({ ...uuidColumn(), name: 'cadre_id' }) cadreId!: string;
  @Column({ ...instantColumn(), name: 'visited_at' }) visitedAt!: Date;
  /** The Asia/Shanghai calendar date of visitedAt, so daily figures are a plain GROUP BY. */
  @Column({ type: 'varchar', length: 10, name: 'business_date' }) businessDate!: string;
  @Column({ type: 'varchar', length: 20 }) method!: string;
  @Column({ type: 'varchar', length: 2000 }) summary!: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) attitude!: string | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) concerns!: string | null;
  @Column({ type: 'varchar', length: 30, name: 'intent_observed', nullable: true }) intentObserved!:
    string | null;
  @Column({ type: 'real', nullable: true }) lat!: number | null;
  @Column({ type: 'real', nullable: true }) lng!: number | null;
  @Column({ type: 'varchar', length: 64, name: 'client_id', nullable: true }) clientId!: string | null;
  /** Hash of the submitted content: the same clientId with other content is a conflict, not a duplicate. */
  @Column({ type: 'varchar', length: 64, name: 'content_hash' }) contentHash!: string;
  @Column({ ...instantColumn(), name: 'created_at' }) createdAt!: Date;
}
