import { Column, Entity, PrimaryColumn } from 'typeorm';
import { uuidPrimary } from '../../../database/column-types';

/**
 * Why a household's light is what it is (its colour is `household.light`): a narrow row of its own, absent until
 * the household first has a reason. The daily review rewrites reasons far more often than colours, and a write here
 * does not touch the household row and its 19 indexes (migration 1765600000000-light-reasons). Written only by
 * HouseholdDerivedRepository; `change_seq` is the phones' change stamp, set by trigger or by that repository.
 */
@Entity('household_light_reasons')
export class HouseholdLightReasonsEntity {
  @PrimaryColumn({ ...uuidPrimary(), name: 'household_id' }) householdId!: string;
  /** JSON array of LightReason, in computeLight's order. */
  @Column({ type: 'varchar', length: 500 }) reasons!: string;
}
