import { Injectable } from '@nestjs/common';
import { addDays, Clock } from '../../common/time/business-clock';
import { JobName, weekStartOf } from '../../jobs/job-catalogue';
import { JobExecutor } from '../../jobs/job-executor';
import { TaskView } from '../../modules/daily-cycle/tasks/dtos/task.dto';
import { TasksService } from '../../modules/daily-cycle/tasks/tasks.service';
import { DemoDesk } from './demo-desk';
import { DemoDice } from './demo-dice';
import { HISTORY_DAYS, planHousehold } from './demo-plan';
import { DemoRounds } from './demo-rounds';
import { DemoState, DemoWorld } from './demo-state';

export interface DemoHistorySummary {
  days: number;
  problems: number;
  cycles: number;
  bulletins: string[];
}

/**
 * Three weeks of the campaign replayed day by day through the real services, each at its own time of that day
 * (Clock.at): the desks in the morning, the cadres' rounds, the daily cycle at 18:00 (report, review, dispatch
 * as the job runs them) and on Mondays the bulletin of the week before. Today only the visits made before now.
 */
@Injectable()
export class DemoHistory {
  constructor(
    private readonly desk: DemoDesk,
    private readonly rounds: DemoRounds,
    private readonly tasks: TasksService,
    private readonly jobs: JobExecutor,
  ) {}

  async replay(world: DemoWorld, today: string, now: Date, seed: number): Promise<DemoHistorySummary> {
    const dice = new DemoDice(seed);
    const firstDate = addDays(today, -HISTORY_DAYS);
    const plans = new Map(world.households.map((h) => [h.code, planHousehold(dice, h.code)]));
    const state = new DemoState(world, dice, firstDate, now, plans);
    const bulletins: string[] = [];
    for (let day = 0; day <= HISTORY_DAYS; day++) {
      const date = state.date(day);
      const isToday = day === HISTORY_DAYS;
      const monday = state.at(day, 9 * 60);
      // Monday 09:00, as the schedule would: the bulletin of the week that ended at midnight.
      const weekStart = addDays(date, -7);
      if (weekStartOf(date) === date && weekStart > addDays(firstDate, -7) && state.past(monday)) {
        await Clock.at(monday, () =>
          this.jobs.execute(JobName.WeeklyBulletin, { weekStart }, { firedAt: monday }),
        );
        bulletins.push(weekStart);
      }
      state.openTasks = await this.openTasks(state, day);
      if (!isToday) await this.desk.morning(state, day);
      if (isToday) {
        // One after another: a batch of visits is stored at the time of whoever started it (see VisitWriter).
        for (let cadre = 0; cadre < world.cadres.length; cadre++)
          await this.rounds.round(state, day, cadre, true);
        break;
      }
      // The cadres go out at the same time: each works only on their own households.
      await Promise.all(world.cadres.map((_, cadre) => this.rounds.round(state, day, cadre, false)));
      state.problems.sort((a, b) => a.key.localeCompare(b.key)); // the desk takes them in a fixed order
      const evening = state.at(day, 18 * 60);
      await Clock.at(evening, () => this.jobs.execute(JobName.DailyCycle, { date }, { firedAt: evening }));
    }
    return { days: HISTORY_DAYS, problems: state.problems.length, cycles: HISTORY_DAYS, bulletins };
  }

  /** The dispatch's open tasks as the command centre sees them at the start of the day, by target. */
  private async openTasks(state: DemoState, day: number): Promise<Map<string, TaskView[]>> {
    const byTarget = new Map<string, TaskView[]>();
    const pageSize = 200;
    for (let page = 1; ; page++) {
      const { items, total } = await Clock.at(state.at(day, 8 * 60 + 30), () =>
        this.tasks.list(state.world.commander, { status: 'open', page, pageSize }),
      );
      for (const task of items) {
        const key = task.targetType === 'household' ? task.householdId! : task.targetId;
        byTarget.set(key, [...(byTarget.get(key) ?? []), task]);
      }
      if (page * pageSize >= total) return byTarget;
    }
  }
}
