import { VisitView } from './dtos/visit.dto';
import { VisitEntity } from './entities/visit.entity';

export function visitView(visit: VisitEntity): VisitView {
  return {
    id: visit.id,
    householdId: visit.householdId,
    cadreId: visit.cadreId,
    visitedAt: visit.visitedAt.toISOString(),
    businessDate: visit.businessDate,
    method: visit.method,
    summary: visit.summary,
    attitude: visit.attitude,
    concerns: visit.concerns,
    intentObserved: visit.intentObserved,
    location: visit.lat === null || visit.lng === null ? null : { lat: visit.lat, lng: visit.lng },
    clientId: visit.clientId,
    createdAt: visit.createdAt.toISOString(),
  };
}
