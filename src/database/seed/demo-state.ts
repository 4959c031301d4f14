import { Actor } from '../../common/policy/actor';
import { TaskView } from '../../modules/daily-cycle/tasks/dtos/task.dto';
import { addDays, startOfBusinessDate } from '../../common/time/business-clock';
import { DemoDice } from './demo-dice';
import { HouseholdPlan } from './demo-plan';

/** What the demo set up: org units, the people (as actors), the households. */
export interface DemoWorld {
  townshipId: string;
  /** the five villages, in DEMO_VILLAGES order */
  villageIds: string[];
  units: { id: string; name: string }[];
  commander: Actor;
  supervisor: Actor;
  official: Actor;
  handler: Actor;
  cadres: Actor[];
  households: { id: string; code: string; cadreIndex: number }[];
}

/** A request waiting at a level, and the day that level gets to it. */
export interface PendingApproval {
  id: string;
  level: string;
  decideOn: number;
}

/** One household as the history sees it: where it is, what it waits for, when its cadre comes next. */
export interface HouseholdState {
  id: string;
  code: string;
  cadreIndex: number;
  plan: HouseholdPlan;
  stage: number;
  intent: string;
  nextVisitDay: number;
  nextStepDay: number;
  pending: PendingApproval | null;
  onHold: boolean;
  /** Problems of this household that wait for the resident's verdict. */
  awaitingFeedback: ProblemState[];
}

export interface ProblemState {
  /** Who reported it on which day (the site's problems: 'site'): names it to the dice, whatever the order. */
  key: string;
  id: string;
  householdCode: string | null;
  severity: string;
  unit: number;
  status: 'open' | 'assigned' | 'resolved' | 'closed' | 'reopened';
  assignOn: number;
  resolveOn: number;
  supervised: boolean;
  openedDay: number;
  dueAt: Date;
}

/** A household put on hold (暂停推进) from a day on; some are released again after a while. */
export interface HoldPlan {
  day: number;
  reason: string;
  releaseAfter: number;
  heldOn: number | null;
}

/** Everything the history tracks between days; the services hold the truth, this only decides what comes next. */
export class DemoState {
  readonly households: HouseholdState[];
  readonly byCode = new Map<string, HouseholdState>();
  readonly problems: ProblemState[] = [];
  /** The dispatch's open tasks by target id, as they stood this morning. */
  openTasks = new Map<string, TaskView[]>();
  /** The households that go on hold: four of those that get furthest, two of them released later. */
  readonly holds = new Map<string, HoldPlan>();

  constructor(
    readonly world: DemoWorld,
    readonly dice: DemoDice,
    readonly firstDate: string,
    readonly now: Date,
    plans: Map<string, HouseholdPlan>,
  ) {
    this.households = world.households.map((h) => {
      const plan = plans.get(h.code)!;
      return {
        id: h.id,
        code: h.code,
        cadreIndex: h.cadreIndex,
        plan,
        stage: 0,
        intent: 'undecided',
        nextVisitDay: plan.firstVisitDay,
        nextStepDay: plan.firstStepDay,
        pending: null,
        onHold: false,
        awaitingFeedback: [],
      };
    });
    for (const h of this.households) this.byCode.set(h.code, h);
    const candidates = this.households
      .filter((h) => h.plan.goal >= 3)
      .sort((a, b) => dice.roll('hold', a.code) - dice.roll('hold', b.code))
      .slice(0, 4);
    for (const [index, h] of candidates.entries()) {
      this.holds.set(h.code, {
        day: 4 + index * 3,
        reason: ['dispute', 'petition', 'litigation', 'dispute'][index],
        releaseAfter: index < 2 ? 6 : Infinity,
        heldOn: null,
      });
    }
  }

  date(day: number): string {
    return addDays(this.firstDate, day);
  }

  /** The instant of a time of day (minutes after midnight, Asia/Shanghai) on a history day. */
  at(day: number, minutes: number): Date {
    return new Date(startOfBusinessDate(this.date(day)).getTime() + Math.round(minutes * 60_000));
  }

  /** Whether an instant has already happened: today's history stops at "now". */
  past(instant: Date): boolean {
    return instant.getTime() < this.now.getTime() - 60_000;
  }
}
