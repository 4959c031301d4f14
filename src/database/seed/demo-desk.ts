import { Injectable } from '@nestjs/common';
import { Actor } from '../../common/policy/actor';
import { Clock } from '../../common/time/business-clock';
import { ApprovalsService } from '../../modules/approvals/approvals.service';
import { HoldService } from '../../modules/households/hold.service';
import { ProblemsService } from '../../modules/problems/problems.service';
import { TransitionsService } from '../../modules/stages/transitions.service';
import { TasksService } from '../../modules/daily-cycle/tasks/tasks.service';
import { NotificationsService } from '../../modules/notifications/notifications.service';
import { decisionDelay, resolveDelay, stepGap } from './demo-plan';
import { DemoState, ProblemState } from './demo-state';
import { HouseholdAccess } from '../../modules/households/household-access';

/** Problems the township itself reports at the resettlement site: on these days, with no household. */
const SITE_PROBLEMS: Record<number, { severity: string; description: string }> = {
  4: { severity: 'p2', description: '安置点进场道路雨后塌方，影响建材运输' },
  13: { severity: 'p1', description: '安置点临时供水管网爆裂，已入住群众用水困难' },
};

/**
 * The morning at the desks: the township and the command centre decide what waits for them, the command centre
 * hands out and chases problems (挂牌督办 by the supervisors), holds and releases households, rolls one back;
 * each completes the dispatch task the job stood for.
 */
@Injectable()
export class DemoDesk {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly problems: ProblemsService,
    private readonly holds: HoldService,
    private readonly transitions: TransitionsService,
    private readonly tasks: TasksService,
    private readonly inbox: NotificationsService,
    private readonly households: HouseholdAccess,
  ) {}

  async morning(state: DemoState, day: number): Promise<void> {
    let cursor = state.at(day, 9 * 60).getTime();
    const next = () => new Date((cursor += 30_000));
    const { commander, official, handler } = state.world;
    for (const actor of [commander, official, handler]) {
      await Clock.at(next(), () => this.inbox.markRead(actor)); // yesterday's dispatch notices, read
    }
    await this.decide(state, day, next);
    await this.handleProblems(state, day, next);
    await this.holdsAndRollbacks(state, day, next);
    const site = SITE_PROBLEMS[day];
    if (site) await this.reportSiteProblem(state, day, site, next());
  }

  private async decide(state: DemoState, day: number, next: () => Date): Promise<void> {
    const { dice, world } = state;
    for (const h of state.households) {
      // A level that approves may hand over to the next one the same morning.
      while (h.pending && h.pending.decideOn <= day) {
        const { id, level } = h.pending;
        const actor = level === 'township' ? world.official : world.commander;
        const reject = dice.chance(0.05, 'reject', h.code, h.stage, level, day);
        const view = await Clock.at(next(), () =>
          this.approvals.decide(actor, id, {
            decision: reject ? 'reject' : 'approve',
            comment: reject ? '材料不全，请补充后重新申请' : '同意',
          }),
        );
        await this.completeTask(actor, state, id, next);
        if (view.status === 'approved') {
          h.stage += 1;
          h.pending = null;
          h.nextStepDay = day + stepGap(dice, h.code, h.plan.goal, h.stage);
        } else if (view.status === 'rejected') {
          h.pending = null;
          h.nextStepDay = day + dice.int(2, 4, 'resubmit', h.code, day);
        } else {
          const nextLevel = view.currentLevel!;
          h.pending = {
            id,
            level: nextLevel,
            decideOn: day + decisionDelay(dice, nextLevel, h.code, h.stage, day),
          };
        }
      }
    }
  }

  private async handleProblems(state: DemoState, day: number, next: () => Date): Promise<void> {
    const { dice, world } = state;
    for (const problem of state.problems) {
      const unit = world.units[problem.unit];
      const handler = problem.unit === 0 ? world.handler : world.commander;
      if ((problem.status === 'open' || problem.status === 'reopened') && problem.assignOn <= day) {
        await Clock.at(next(), () =>
          this.problems.assign(world.commander, problem.id, {
            unitId: unit.id,
            ...(problem.unit === 0 ? { ownerId: world.handler.id } : {}),
          }),
        );
        await this.completeTask(world.commander, state, problem.id, next);
        problem.status = 'assigned';
        problem.resolveOn = day + resolveDelay(dice, problem.unit, problem.severity, problem.key);
        continue;
      }
      if (problem.status !== 'assigned') continue;
      const instant = next();
      if (!problem.supervised && problem.dueAt < instant && dice.chance(0.6, 'supervise', problem.key)) {
        await Clock.at(instant, () => this.problems.supervise(world.supervisor, problem.id));
        problem.supervised = true;
      }
      if (problem.resolveOn > day) {
        if (day === problem.assignOn + 2) {
          await Clock.at(next(), () =>
            this.problems.progress(handler, problem.id, { note: '已联系相关股室，正在核实办理' }),
          );
        }
        continue;
      }
      await Clock.at(next(), () =>
        this.problems.resolve(handler, problem.id, { resolution: '已按政策答复并办理，待群众确认' }),
      );
      await this.completeTask(handler, state, problem.id, next);
      problem.status = 'resolved';
      const household = problem.householdCode ? state.byCode.get(problem.householdCode) : undefined;
      if (household) household.awaitingFeedback.push(problem);
      else {
        // A site problem has no household cadre: the command centre records the township's verdict.
        await Clock.at(next(), () =>
          this.problems.feedback(world.commander, problem.id, {
            satisfied: true,
            note: '乡镇现场核实已解决',
          }),
        );
        problem.status = 'closed';
      }
    }
  }

  private async holdsAndRollbacks(state: DemoState, day: number, next: () => Date): Promise<void> {
    const { dice, world } = state;
    for (const h of state.households) {
      if (h.pending) continue; // a request in flight is decided first
      const hold = state.holds.get(h.code);
      if (hold && !h.onHold && day >= hold.day && hold.heldOn === null) {
        await Clock.at(next(), () =>
          this.holds.hold(world.commander, h.id, {
            reason: hold.reason,
            note: '群众反映诉求，暂停推进，依法依规处理',
          }),
        );
        h.onHold = true;
        hold.heldOn = day;
      }
      if (hold && h.onHold && hold.heldOn !== null && day === hold.heldOn + hold.releaseAfter) {
        await Clock.at(next(), () => this.holds.release(world.commander, h.id, { note: '诉求已化解' }));
        h.onHold = false;
        h.nextStepDay = Math.max(h.nextStepDay, day + 1);
      }
      if (
        dice.chance(0.015, 'rollback', h.code) &&
        day === dice.int(9, 15, 'rollback-day', h.code) &&
        h.stage >= 2 &&
        !h.onHold
      ) {
        const { version } = (await this.households.findById(h.id))!;
        await Clock.at(next(), () =>
          this.transitions.rollback(world.commander, h.id, {
            reason: '群众对实物调查结果有异议，重新调查',
            version,
          }),
        );
        h.stage -= 1;
        h.nextStepDay = day + 3;
      }
    }
  }

  private async reportSiteProblem(
    state: DemoState,
    day: number,
    site: { severity: string; description: string },
    at: Date,
  ): Promise<void> {
    const problem = await Clock.at(at, () =>
      this.problems.create(state.world.official, {
        category: 'site_infrastructure',
        severity: site.severity,
        description: site.description,
      }),
    );
    state.problems.push({
      key: `site:${day}`,
      id: problem.id,
      householdCode: null,
      severity: site.severity,
      unit: 0,
      status: 'open',
      assignOn: day,
      resolveOn: Infinity,
      supervised: false,
      openedDay: day,
      dueAt: new Date(problem.dueAt),
    } satisfies ProblemState);
  }

  /** The dispatch task that stood for this target, done by whoever settled it. */
  private async completeTask(actor: Actor, state: DemoState, targetId: string, next: () => Date) {
    for (const task of state.openTasks.get(targetId) ?? []) {
      await Clock.at(next(), () => this.tasks.complete(actor, task.id, { note: '已办理' }));
    }
    state.openTasks.delete(targetId);
  }
}
