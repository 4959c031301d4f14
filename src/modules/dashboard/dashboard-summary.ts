import { Stage, STAGE_LABELS, STAGES } from '../households/household-stages';
import { HouseholdCountRow, TodayFigures } from './dashboard.repository';

export interface LightCounts {
  green: number;
  yellow: number;
  red: number;
}

export interface VillageSummary {
  villageId: string;
  villageName: string;
  townshipId: string | null;
  townshipName: string | null;
  households: number;
  onHold: number;
  /** Every stage, zeros included, so the screen draws a fixed grid. */
  stages: Record<string, number>;
  lights: LightCounts;
}

export interface DashboardSummary {
  date: string;
  generatedAt: string;
  totals: { households: number; onHold: number; lights: LightCounts };
  stages: { stage: Stage; label: string; count: number; percent: number }[];
  villages: VillageSummary[];
  today: TodayFigures & { stageMoves: number };
}

export interface UnitNames {
  name(id: string): string;
  parentOf(id: string): string | null;
}

const noLights = (): LightCounts => ({ green: 0, yellow: 0, red: 0 });
const zeroStages = () => Object.fromEntries(STAGES.map((stage) => [stage, 0]));
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

function addLight(lights: LightCounts, light: string, n: number): void {
  if (light === 'green' || light === 'yellow' || light === 'red') lights[light] += n;
}

/** Folds the (village, stage, light) counts into the 挂图作战 figures. */
export function summarize(
  rows: HouseholdCountRow[],
  today: TodayFigures,
  names: UnitNames,
  date: string,
  now: Date,
): DashboardSummary {
  const villages = new Map<string, VillageSummary>();
  const lights = noLights();
  const stageCounts = zeroStages();
  let households = 0;
  let onHold = 0;
  for (const row of rows) {
    let village = villages.get(row.villageId);
    if (!village) {
      const townshipId = names.parentOf(row.villageId);
      village = {
        villageId: row.villageId,
        villageName: names.name(row.villageId),
        townshipId,
        townshipName: townshipId ? names.name(townshipId) : null,
        households: 0,
        onHold: 0,
        stages: zeroStages(),
        lights: noLights(),
      };
      villages.set(row.villageId, village);
    }
    village.households += row.households;
    village.onHold += row.onHold;
    village.stages[row.stage] = (village.stages[row.stage] ?? 0) + row.households;
    addLight(village.lights, row.light, row.households);
    addLight(lights, row.light, row.households);
    stageCounts[row.stage] = (stageCounts[row.stage] ?? 0) + row.households;
    households += row.households;
    onHold += row.onHold;
  }
  return {
    date,
    generatedAt: now.toISOString(),
    totals: { households, onHold, lights },
    stages: STAGES.map((stage) => ({
      stage,
      label: STAGE_LABELS[stage],
      count: stageCounts[stage],
      percent: percent(stageCounts[stage], households),
    })),
    villages: [...villages.values()].sort(
      (a, b) =>
        (a.townshipName ?? '').localeCompare(b.townshipName ?? '', 'zh-Hans-CN') ||
        a.villageName.localeCompare(b.villageName, 'zh-Hans-CN') ||
        a.villageId.localeCompare(b.villageId),
    ),
    today: { ...today, stageMoves: today.advances + today.rollbacks },
  };
}
