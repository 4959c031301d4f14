import { LoginFailureEntity } from '../modules/auth/entities/login-failure.entity';
import { AuditEntryEntity } from '../modules/audit/entities/audit-entry.entity';
import { AuditCheckpointEntity } from '../modules/audit/entities/audit-checkpoint.entity';
import { HouseholdEntity } from '../modules/households/entities/household.entity';
import { MemberEntity } from '../modules/households/entities/member.entity';
import { HouseholdHistoryEntity } from '../modules/households/entities/household-history.entity';
import { OrgUnitEntity } from '../modules/org/entities/org-unit.entity';
import { UserEntity } from '../modules/users/entities/user.entity';
import { VisitEntity } from '../modules/visits/entities/visit.entity';
import { IntentRecordEntity } from '../modules/intents/entities/intent-record.entity';
import { StageEventEntity } from '../modules/stages/entities/stage-event.entity';
import { ApprovalEntity } from '../modules/approvals/entities/approval.entity';
import { ApprovalStepEntity } from '../modules/approvals/entities/approval-step.entity';
import { ProblemEntity } from '../modules/problems/entities/problem.entity';
import { ProblemEventEntity } from '../modules/problems/entities/problem-event.entity';
import { DailyReportEntity, DailyReviewEntity } from '../modules/daily-cycle/entities/snapshot.entities';
import { ReportCheckEntity } from '../modules/daily-cycle/entities/report-check.entity';
import { WeeklyBulletinEntity } from '../modules/bulletins/entities/weekly-bulletin.entity';
import { TaskEntity } from '../modules/daily-cycle/tasks/entities/task.entity';
import { NotificationEntity } from '../modules/notifications/entities/notification.entity';
import { JobRunEntity } from '../jobs/entities/job-run.entity';
import { OutboxMessageEntity } from '../jobs/entities/outbox-message.entity';
import { DuplicatePairEntity } from '../modules/duplicates/entities/duplicate-pair.entity';
import { VillagePaceEntity, VillagePlanEntity } from '../modules/planning/entities/village-plan.entity';
import { PlanBatchEntity, PlanBatchMemberEntity } from '../modules/planning/entities/plan-batch.entity';
import { HouseholdLightReasonsEntity } from '../modules/households/entities/household-light-reasons.entity';
import { ResponsibilityEntity } from '../modules/responsibility/entities/responsibility.entity';
import { ResponsibilityHandoverEntity } from '../modules/responsibility/entities/responsibility-handover.entity';

export const ENTITIES = [
  OrgUnitEntity,
  UserEntity,
  LoginFailureEntity,
  HouseholdEntity,
  HouseholdLightReasonsEntity,
  MemberEntity,
  HouseholdHistoryEntity,
  AuditEntryEntity,
  AuditCheckpointEntity,
  VisitEntity,
  IntentRecordEntity,
  StageEventEntity,
  ApprovalEntity,
  ApprovalStepEntity,
  ProblemEntity,
  ProblemEventEntity,
  DailyReportEntity,
  DailyReviewEntity,
  ReportCheckEntity,
  WeeklyBulletinEntity,
  TaskEntity,
  NotificationEntity,
  JobRunEntity,
  OutboxMessageEntity,
  DuplicatePairEntity,
  VillagePlanEntity,
  VillagePaceEntity,
  PlanBatchEntity,
  PlanBatchMemberEntity,
  ResponsibilityEntity,
  ResponsibilityHandoverEntity,
];
