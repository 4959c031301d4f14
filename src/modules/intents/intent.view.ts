import { IntentRecordView } from './dtos/intent.dto';
import { IntentRecordEntity } from './entities/intent-record.entity';

export function intentRecordView(record: IntentRecordEntity): IntentRecordView {
  return {
    id: record.id,
    householdId: record.householdId,
    option: record.option,
    site: record.site,
    livelihood: record.livelihood,
    note: record.note,
    visitId: record.visitId,
    approvalId: record.approvalId,
    previousOption: record.previousOption,
    recordedBy: record.actorId,
    recordedAt: record.recordedAt.toISOString(),
  };
}
