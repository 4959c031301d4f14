import { Injectable } from '@nestjs/common';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { IntentsService } from '../../modules/intents/intents.service';
import { ProblemsService } from '../../modules/problems/problems.service';
import { STAGES } from '../../modules/households/household-stages';
import { TransitionsService } from '../../modules/stages/transitions.service';
import { TasksService } from '../../modules/daily-cycle/tasks/tasks.service';
import { NotificationsService } from '../../modules/notifications/notifications.service';
import { VisitsService } from '../../modules/visits/visits.service';
import {
  CADRE_VISIT_GAPS,
  CONCERNS,
  decisionDelay,
  diligence,
  INTENT_SITES,
  livelihoodFor,
  PROBLEM_CATEGORIES,
  SEVERITY_WEIGHTS,
  stepGap,
  VISIT_SUMMARIES,
} from './demo-plan';
import { DemoState, HouseholdState } from './demo-state';
import { HouseholdAccess } from '../../modules/households/household-access';

const MINUTE = 60_000;

/**
 * A cadre's day in the villages: the households due a visit (or named by the dispatch), visits uploaded from the
 * phone at the end of the round, then what was settled on them: intents, stage requests, problems reported,
 * residents' verdicts on solved problems, dispatch tasks done.
 */
@Injectable()
export class DemoRounds {
  constructor(
    private readonly visits: VisitsService,
    private readonly intents: IntentsService,
    private readonly transitions: TransitionsService,
    private readonly problems: ProblemsService,
    private readonly tasks: TasksService,
    private readonly inbox: NotificationsService,
    private readonly households: HouseholdAccess,
  ) {}

  async round(state: DemoState, day: number, cadreIndex: number, today: boolean): Promise<void> {
    const cadre = state.world.cadres[cadreIndex];
    const gap = CADRE_VISIT_GAPS[cadreIndex];
    const { dice } = state;
    const due = state.households.filter((h) => {
      if (h.cadreIndex !== cadreIndex || day >= h.plan.neglectedFrom) return false;
      if (h.nextVisitDay <= day || (!today && this.stepDue(h, day))) return true;
      const named = state.openTasks.get(h.id)?.some((t) => t.kind === 'overdue_visit');
      return !!named && dice.chance(diligence(gap), 'answers-dispatch', h.code, day);
    });
    if (due.length === 0) return;
    // The diligent read yesterday's dispatch notice before setting out; the others let them pile up.
    if (gap <= 6 && !today) await Clock.at(state.at(day, 8 * 60 + 45), () => this.inbox.markRead(cadre));
    const spacing = Math.min(40, 480 / due.length);
    let visited = due.map((h, i) => ({ h, at: state.at(day, 9 * 60 + i * spacing) }));
    // Today the round is still going on: only what happened before now is uploaded.
    if (today) visited = visited.filter((v) => state.past(new Date(v.at.getTime() + 5 * MINUTE)));
    if (visited.length === 0) return;
    const upload = today
      ? new Date(visited[visited.length - 1].at.getTime() + 5 * MINUTE)
      : state.at(day, 17 * 60 + cadreIndex * 4);
    const items = visited.map(({ h, at }) => this.visit(state, h, day, at, !today && this.stepDue(h, day)));
    const { results } = await Clock.at(upload, () => this.visits.sync(cadre, items));
    const rejected = results.filter((r) => r.status !== 'created');
    if (rejected.length) throw new Error(`demo visits not stored: ${JSON.stringify(rejected[0])}`);
    let cursor = upload.getTime();
    const next = () => new Date((cursor += 20_000));
    for (const [index, { h }] of visited.entries()) {
      const visitId = results[index].visitId!;
      h.nextVisitDay = day + Math.max(2, gap + dice.int(-1, 1, 'gap', h.code, day));
      if (!today) await this.afterVisit(state, cadre, h, day, visitId, next);
      for (const task of state.openTasks.get(h.id) ?? []) {
        if (task.kind !== 'overdue_visit' || task.assignee.userId !== cadre.id) continue;
        await Clock.at(next(), () => this.tasks.complete(cadre, task.id, { note: '已入户走访' }));
      }
      state.openTasks.delete(h.id);
    }
  }

  private stepDue(h: HouseholdState, day: number): boolean {
    return h.stage < h.plan.goal && !h.pending && !h.onHold && day >= h.nextStepDay;
  }

  private visit(state: DemoState, h: HouseholdState, day: number, at: Date, step: boolean) {
    const { dice } = state;
    const method = step
      ? 'in_person'
      : dice.weighted(
          [
            ['in_person', 0.75],
            ['phone', 0.2],
            ['online', 0.05],
          ],
          'method',
          h.code,
          day,
        );
    const summary = h.plan.objects
      ? VISIT_SUMMARIES.objects
      : step
        ? VISIT_SUMMARIES[STAGES[h.stage + 1] as keyof typeof VISIT_SUMMARIES]
        : dice.pick(VISIT_SUMMARIES.routine, 'summary', h.code, day);
    const attitude = h.plan.objects
      ? 'resistant'
      : dice.weighted(
          [
            ['supportive', 0.75],
            ['wavering', 0.2],
            [undefined, 0.05],
          ],
          'attitude',
          h.code,
          day,
        );
    return {
      clientId: `demo-${h.code}-${state.date(day)}`,
      householdId: h.id,
      visitedAt: at.toISOString(),
      method,
      summary: typeof summary === 'string' ? summary : VISIT_SUMMARIES.routine[0],
      ...(attitude ? { attitude } : {}),
      ...(dice.chance(0.12, 'concerns', h.code, day)
        ? { concerns: dice.pick(CONCERNS, 'concern', h.code, day) }
        : {}),
      ...(h.intent !== 'undecided' && dice.chance(0.3, 'observed', h.code, day)
        ? { intentObserved: h.intent }
        : {}),
    };
  }

  private async afterVisit(
    state: DemoState,
    cadre: Actor,
    h: HouseholdState,
    day: number,
    visitId: string,
    next: () => Date,
  ): Promise<void> {
    const { dice } = state;
    if (h.plan.earlyIntent && h.intent === 'undecided' && h.stage <= 2) {
      await this.recordIntent(cadre, h, h.plan.earlyIntent, visitId, next(), state);
    }
    if (this.stepDue(h, day)) {
      const to = STAGES[h.stage + 1];
      // The intent is heard, and signed for, before the household can count as 意愿已征询.
      if (to === 'intent_collected' && h.intent !== h.plan.intent) {
        await this.recordIntent(cadre, h, h.plan.intent, visitId, next(), state);
      }
      const { version } = (await this.households.findById(h.id))!;
      const result = await Clock.at(next(), () =>
        this.transitions.request(cadre, h.id, { to, version, comment: '材料齐全，申请推进' }),
      );
      if (result.moved) {
        h.stage += 1;
        h.nextStepDay = day + stepGap(dice, h.code, h.plan.goal, h.stage);
      } else {
        const level = result.approval.currentLevel!;
        h.pending = {
          id: result.approval.id,
          level,
          decideOn: day + Math.max(1, decisionDelay(dice, level, h.code, h.stage, day)),
        };
      }
    }
    if (dice.chance(0.045, 'problem', h.code, day)) await this.report(state, cadre, h, day, next());
    for (const problem of h.awaitingFeedback.splice(0)) {
      const satisfied = dice.chance(0.85, 'satisfied', problem.key, day);
      await Clock.at(next(), () =>
        this.problems.feedback(cadre, problem.id, {
          satisfied,
          note: satisfied ? '群众对办理结果表示满意' : '群众认为问题未解决到位',
        }),
      );
      problem.status = satisfied ? 'closed' : 'reopened';
      if (!satisfied) problem.assignOn = day + 1;
    }
  }

  private async recordIntent(
    cadre: Actor,
    h: HouseholdState,
    option: string,
    visitId: string,
    at: Date,
    state: DemoState,
  ): Promise<void> {
    const site = INTENT_SITES[option];
    await Clock.at(at, () =>
      this.intents.request(cadre, h.id, {
        option,
        ...(site ? { site } : {}),
        ...(option === 'objects' ? {} : { livelihood: livelihoodFor(option, state.dice, h.code) }),
        visitId,
      }),
    );
    h.intent = option;
  }

  private async report(state: DemoState, cadre: Actor, h: HouseholdState, day: number, at: Date) {
    const { dice } = state;
    const kind = dice.weighted(
      PROBLEM_CATEGORIES.map((c) => [c, c.weight] as const),
      'category',
      h.code,
      day,
    );
    const severity = dice.weighted(SEVERITY_WEIGHTS, 'severity', h.code, day);
    const problem = await Clock.at(at, () =>
      this.problems.create(cadre, {
        householdId: h.id,
        category: kind.category,
        severity,
        description: dice.pick(kind.descriptions, 'description', h.code, day),
      }),
    );
    state.problems.push({
      key: `${h.code}:${day}`,
      id: problem.id,
      householdCode: h.code,
      severity,
      unit: kind.unit,
      status: 'open',
      assignOn: day + 1,
      resolveOn: Infinity,
      supervised: false,
      openedDay: day,
      dueAt: new Date(problem.dueAt),
    });
  }
}
