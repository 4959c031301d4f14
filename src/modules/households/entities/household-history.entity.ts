import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instantColumn, uuidColumn } from '../../../database/column-types';

/**
 * Where a household belonged and who answered for it, after each change (docs/architecture.md, "History"): one
 * row per create, edit, assignment, hold or release that changed one of these columns, holding the state after
 * it. The household row keeps only today's values; this keeps every earlier one, so "who was its cadre on the
 * 3rd" has an answer. The id is a sequence: rows of one household keep their order within one millisecond.
 */
@Entity('household_history')
@Index('ix_household_history_household', ['householdId', 'at', 'id'])
export class HouseholdHistoryEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ ...uuidColumn(), name: 'household_id' }) householdId!: string;
  @Column({ ...instantColumn() }) at!: Date;
  /** The user who made the change; 'system' for the migration's baseline. */
  @Column({ type: 'varchar', length: 36, name: 'actor_id' }) actorId!: string;
  @Column({ type: 'varchar', length: 20 }) cause!: HistoryCause;
  @Column({ ...uuidColumn(), name: 'village_id' }) villageId!: string;
  @Column({ ...uuidColumn(), name: 'township_id', nullable: true }) townshipId!: string | null;
  @Column({ ...uuidColumn(), name: 'task_force_id', nullable: true }) taskForceId!: string | null;
  @Column({ ...uuidColumn(), name: 'cadre_id', nullable: true }) cadreId!: string | null;
  @Column({ type: 'varchar', length: 200, default: '' }) flags!: string;
  @Column({ type: 'boolean', name: 'on_hold', default: false }) onHold!: boolean;
  @Column({ type: 'varchar', length: 20, name: 'hold_reason', nullable: true }) holdReason!: string | null;
}

/** What wrote a history row: the API's create/edit/assign/hold/release, a ledger import, the migration. */
export type HistoryCause = 'create' | 'edit' | 'assign' | 'hold' | 'release' | 'ledger' | 'baseline';
