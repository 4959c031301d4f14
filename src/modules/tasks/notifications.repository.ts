import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rawQuery } from '../../database/raw-query';

export interface ApprovalFacts {
  status: string;
  currentLevel: string | null;
  townshipId: string | null;
  toStage: string;
  kind: string;
  code: string;
}

export interface ProblemFacts {
  unitId: string | null;
  ownerId: string | null;
  severity: string;
  category: string;
}

export interface VisitFacts {
  concerns: string | null;
  attitude: string;
  code: string;
}

/**
 * What a notification says about the record that caused it, read after the fact (the event names only its
 * id). Plain reads across the approval, problem and visit tables, one row each: they only compose a message.
 */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async approval(id: string): Promise<ApprovalFacts | null> {
    const [a] = await rawQuery(
      this.dataSource.manager,
      `SELECT a.status, a.current_level, a.township_id, a.to_stage, a.kind, h.code
         FROM approval a JOIN household h ON h.id = a.household_id WHERE a.id = :id`,
      { id },
    );
    if (!a) return null;
    return {
      status: a.status as string,
      currentLevel: a.current_level as string | null,
      townshipId: a.township_id as string | null,
      toStage: a.to_stage as string,
      kind: a.kind as string,
      code: a.code as string,
    };
  }

  async problem(id: string): Promise<ProblemFacts | null> {
    const [p] = await rawQuery(
      this.dataSource.manager,
      `SELECT p.unit_id, p.owner_id, p.severity, p.category, p.due_at FROM problem p WHERE p.id = :id`,
      { id },
    );
    if (!p) return null;
    return {
      unitId: p.unit_id as string | null,
      ownerId: p.owner_id as string | null,
      severity: p.severity as string,
      category: p.category as string,
    };
  }

  async visit(id: string): Promise<VisitFacts | null> {
    const [v] = await rawQuery(
      this.dataSource.manager,
      `SELECT v.concerns, v.attitude, h.code FROM visit v JOIN household h ON h.id = v.household_id WHERE v.id = :id`,
      { id },
    );
    if (!v) return null;
    return { concerns: v.concerns as string | null, attitude: v.attitude as string, code: v.code as string };
  }
}
