import { createHash, randomUUID } from 'node:crypto';
import { INTENT_OPTIONS } from '../../src/modules/households/household.enums';
import { ACTIVE_STATUSES, ProblemStatus } from '../../src/modules/problems/problem-states';
import { HouseholdPlan } from './households';
import { DAY_MS, HOUR_MS, Random, shanghaiDate, shanghaiDayStart } from './random';
import { TableLoader } from './table-loader';
import { World } from './world';

export const VISIT_COLUMNS = [
  'id',
  'household_id',
  'cadre_id',
  'visited_at',
  'business_date',
  'method',
  'summary',
  'attitude',
  'concerns',
  'intent_observed',
  'lat',
  'lng',
  'client_id',
  'content_hash',
  'created_at',
];

const SUMMARIES = [
  '入户走访，宣讲移民安置政策，了解家庭生产生活情况。',
  '电话回访，核实家庭人口及房屋信息。',
  '与户主沟通安置意愿，户主表示需与家人商量后答复。',
  '协助办理户籍迁移相关手续，讲解所需材料。',
  '了解过渡期住房安排，户主反映租房补助发放进度。',
  '宣讲补偿标准，解答附属物补偿疑问。',
  '走访了解子女转学需求，已对接镇中心学校。',
  '核对实物调查结果，户主签字确认。',
  '回访问题处理情况，群众表示满意。',
  '了解后续产业发展意向，推荐参加就业技能培训。',
  '陪同户主查看安置点建设进度，介绍选房办法。',
  '慰问独居老人，了解身体状况和搬迁顾虑。',
];
const CONCERNS = [
  '过渡期租房补助',
  '子女就学',
  '宅基地安置位置',
  '补偿款兑付时间',
  '祖坟搬迁',
  '就业培训',
  '医疗报销',
  '养老保险',
  '安置房面积',
];
const INTENTS = Object.keys(INTENT_OPTIONS);

/**
 * Visits over the window, in time order: weekdays busier than weekends, 08:00–20:00 Shanghai time,
 * each by the household's own cadre. Records every household's latest visit in its plan.
 */
export async function writeVisits(options: {
  plans: HouseholdPlan[];
  random: Random;
  total: number;
  from: number;
  now: number;
  loader: TableLoader;
}): Promise<void> {
  const { plans, random, total, from, now, loader } = options;
  const days: { start: number; end: number; weight: number }[] = [];
  for (let day = shanghaiDayStart(from); day <= now; day += DAY_MS) {
    const start = Math.max(from, day + 8 * HOUR_MS);
    const end = Math.min(now, day + 20 * HOUR_MS);
    if (end <= start) continue;
    const weekday = new Date(day + 8 * HOUR_MS).getUTCDay();
    const dayWeight = weekday === 0 ? 0.45 : weekday === 6 ? 0.6 : 1;
    days.push({ start, end, weight: (dayWeight * (end - start)) / (12 * HOUR_MS) });
  }
  const totalWeight = days.reduce((sum, d) => sum + d.weight, 0);
  let cumulative = 0;
  let written = 0;
  for (const day of days) {
    cumulative += day.weight;
    const target = Math.round((total * cumulative) / totalWeight);
    const count = target - written;
    const times = new Float64Array(count);
    for (let i = 0; i < count; i++) times[i] = day.start + random.next() * (day.end - day.start);
    times.sort();
    for (const visitedAt of times) {
      let plan = random.pick(plans);
      // Only households registered by then (bounded retries; nearly all were registered early).
      for (let tries = 0; tries < 50 && plan.createdAt > visitedAt; tries++) plan = random.pick(plans);
      if (plan.createdAt > visitedAt) continue;
      const method = random.weighted({ in_person: 75, phone: 20, online: 5 });
      const summary = random.pick(SUMMARIES);
      const attitude = random.chance(0.8)
        ? random.weighted({ supportive: 70, wavering: 20, resistant: 10 })
        : null;
      const concerns = random.chance(0.3) ? random.pick(CONCERNS) : null;
      const intentObserved = random.chance(0.1) ? random.pick(INTENTS) : null;
      const located = method === 'in_person' && random.chance(0.8);
      const lat = located ? Math.round((28.3 + random.next() * 0.12) * 1e6) / 1e6 : null;
      const lng = located ? Math.round((109.55 + random.next() * 0.15) * 1e6) / 1e6 : null;
      const visited = new Date(Math.floor(visitedAt));
      // Phones upload at once when online, hours later when the village has no signal.
      const createdAt = Math.min(
        now,
        visitedAt + (random.chance(0.3) ? random.next() * 6 * HOUR_MS : random.next() * 5000),
      );
      const content = JSON.stringify([
        visited.toISOString(),
        method,
        summary,
        attitude,
        concerns,
        intentObserved,
        lat,
        lng,
      ]);
      await loader.add([
        randomUUID(),
        plan.id,
        plan.cadreId,
        visited,
        shanghaiDate(visitedAt),
        method,
        summary,
        attitude,
        concerns,
        intentObserved,
        lat,
        lng,
        random.chance(0.85) ? randomUUID() : null,
        createHash('sha256').update(content).digest('hex'),
        new Date(createdAt),
      ]);
      if (visitedAt > plan.lastVisitAt) plan.lastVisitAt = Math.floor(visitedAt);
    }
    written = target;
  }
}

export const PROBLEM_COLUMNS = [
  'id',
  'household_id',
  'village_id',
  'township_id',
  'category',
  'severity',
  'description',
  'status',
  'reporter_id',
  'unit_id',
  'owner_id',
  'opened_at',
  'opened_date',
  'due_at',
  'resolved_at',
  'closed_at',
  'closed_date',
  'resolution',
  'supervised',
  'reopen_count',
  'version',
  'updated_at',
];
/** Without `id`: the event's key is a UUID or a database sequence, depending on the schema version. */
export const PROBLEM_EVENT_COLUMNS = [
  'problem_id',
  'kind',
  'from_status',
  'to_status',
  'note',
  'actor_id',
  'at',
];

const CATEGORIES: Record<string, string> = {
  survey_error: '实物调查面积与实际不符，申请复核',
  compensation_dispute: '对附属物补偿标准有异议',
  hukou: '子女户口未及时迁入，影响安置人口认定',
  payment: '补偿款未按时到账',
  housing_plot: '安置宅基地位置分配有争议',
  transitional_housing: '过渡期租房补助未发放',
  livelihood: '搬迁后缺少就业门路，申请技能培训',
  school_medical: '子女转学手续办理困难',
  vulnerable_hardship: '独居老人搬迁需要帮扶',
  site_infrastructure: '安置点道路和供水尚未完工',
  dispute_petition: '邻里宅基地边界纠纷，已上访',
  safety: '危房未及时拆除存在安全隐患',
  graves_custom: '祖坟搬迁时间与习俗冲突',
  other: '其他诉求',
};
const CATEGORY_WEIGHTS: Record<string, number> = {
  survey_error: 12,
  compensation_dispute: 16,
  hukou: 6,
  payment: 10,
  housing_plot: 9,
  transitional_housing: 9,
  livelihood: 8,
  school_medical: 5,
  vulnerable_hardship: 5,
  site_infrastructure: 6,
  dispute_petition: 4,
  safety: 3,
  graves_custom: 4,
  other: 3,
};

/**
 * Problems through their flow (open → assigned → resolved → closed, some reopened), cut at `now`: older
 * ones mostly closed, recent ones still moving, some overdue. Updates each household's open count and
 * the facts its light depends on.
 */
export async function writeProblems(options: {
  plans: HouseholdPlan[];
  world: World;
  random: Random;
  total: number;
  from: number;
  now: number;
  dueHours: { p1: number; p2: number; p3: number };
  problems: TableLoader;
  events: TableLoader;
  /** whether problem_event.id must be supplied (a UUID) rather than generated by the database */
  eventIds: boolean;
}): Promise<void> {
  const { plans, world, random, total, from, now, dueHours, problems, events, eventIds } = options;
  for (let n = 0; n < total; n++) {
    const openedAt = from + random.next() * (now - from);
    let plan: HouseholdPlan | null = random.chance(0.9) ? random.pick(plans) : null;
    for (let tries = 0; tries < 50 && plan && plan.createdAt > openedAt; tries++) plan = random.pick(plans);
    if (plan && plan.createdAt > openedAt) plan = null;
    const village = plan ? plan.village : random.pick(world.villages);
    const category = random.weighted(CATEGORY_WEIGHTS);
    const severity = random.weighted({ p1: 8, p2: 27, p3: 65 });
    const dueAt = openedAt + dueHours[severity] * HOUR_MS;
    const reporter = plan ? plan.cadreId : random.pick(village.cadreIds);
    const ageDays = (now - openedAt) / DAY_MS;
    const target = random.chance(Math.min(0.95, ageDays / 30))
      ? 'closed'
      : random.weighted({ open: ageDays > 5 ? 3 : 15, assigned: 45, resolved: 25, reopened: 15 });
    const cycles = target === 'closed' && random.chance(0.05) ? 2 : 1;
    const unitId = random.pick(world.unitIds);
    const handler = world.handlers.get(unitId)!;
    const commander = random.pick(world.commanderIds);
    const id = randomUUID();

    // The planned path, then cut at `now`.
    const steps: {
      kind: string;
      from: string | null;
      to: string;
      actor: string;
      note: string | null;
      at: number;
    }[] = [];
    let t = openedAt;
    steps.push({
      kind: 'created',
      from: null,
      to: 'open',
      actor: reporter,
      note: CATEGORIES[category],
      at: t,
    });
    const path: string[] = [];
    for (let c = 0; c < cycles; c++)
      path.push('assigned', 'resolved', c < cycles - 1 ? 'reopened' : 'closed');
    const stopAt = target === 'closed' ? path.length : path.indexOf(target) + 1;
    let status = 'open';
    for (const next of path.slice(0, stopAt)) {
      const span = dueHours[severity] * HOUR_MS;
      t +=
        next === 'assigned'
          ? random.exponential(0.15) * span
          : next === 'resolved'
            ? (0.2 + random.next() * 1.4) * span
            : random.exponential(DAY_MS);
      if (t > now) break;
      steps.push({
        kind:
          next === 'assigned'
            ? 'assign'
            : next === 'resolved'
              ? 'resolve'
              : next === 'closed'
                ? 'satisfied'
                : 'unsatisfied',
        from: status,
        to: next,
        actor: next === 'assigned' ? commander : next === 'resolved' ? handler : reporter,
        note: next === 'resolved' ? '已协调处理' : next === 'reopened' ? '群众不满意，申请复号' : null,
        at: t,
      });
      status = next;
    }
    const last = steps[steps.length - 1];
    const resolvedStep = [...steps].reverse().find((s) => s.to === 'resolved');
    const assigned = steps.some((s) => s.to === 'assigned');
    const working = ACTIVE_STATUSES.includes(status as ProblemStatus);
    const overdue = working && dueAt < now;
    for (const step of steps) {
      const event = [id, step.kind, step.from, step.to, step.note, step.actor, new Date(step.at)];
      await events.add(eventIds ? [randomUUID(), ...event] : event);
    }
    await problems.add([
      id,
      plan?.id ?? null,
      village.id,
      village.townshipId,
      category,
      severity,
      CATEGORIES[category],
      status,
      reporter,
      assigned ? unitId : null,
      assigned && random.chance(0.6) ? handler : null,
      new Date(openedAt),
      shanghaiDate(openedAt),
      new Date(dueAt),
      status === 'resolved' || status === 'closed' ? new Date(resolvedStep!.at) : null,
      status === 'closed' ? new Date(last.at) : null,
      status === 'closed' ? shanghaiDate(last.at) : null,
      resolvedStep && (status === 'resolved' || status === 'closed') ? '已协调相关部门处理完毕' : null,
      status !== 'closed' && random.chance(overdue ? 0.15 : 0.02),
      steps.filter((s) => s.to === 'reopened').length,
      steps.length,
      new Date(last.at),
    ]);
    // Not yet 销号 counts as open on the household; the light only looks at problems still being worked on.
    if (plan && status !== 'closed') {
      plan.openProblems += 1;
      if (overdue) plan.overdueProblems += 1;
      if (working && severity === 'p1') plan.openP1Problems += 1;
    }
  }
}
