import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instantColumn } from '../../../database/column-types';

/** Failed logins, kept in the database so every API replica counts the same failures. */
@Entity('login_failure')
@Index(['username', 'at'])
@Index(['username', 'client', 'at'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 64 }) username!: string;
  @Column({ ...instantColumn() }) at!: Date;
  /** The client address: a guesser is locked out at their own address, not the account's owner at theirs. */
  @Column({ type: 'varchar', length: 64, nullable: true }) client!: string | null;
}
