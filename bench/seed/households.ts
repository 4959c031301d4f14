import { randomUUID } from 'node:crypto';
import { PiiCipher } from '../../src/common/pii/pii-cipher';
import { makeResidentId } from '../../src/common/pii/resident-id';
import {
  HOLD_REASONS,
  HOUSE_STRUCTURES,
  HOUSEHOLD_FLAGS,
  INTENT_OPTIONS,
  LIVELIHOODS,
} from '../../src/modules/households/household.enums';
import { computeLight } from '../../src/modules/households/lights';
import { STAGE_TRANSITIONS } from '../../src/modules/stages/stage-machine';
import { STAGES } from '../../src/modules/households/household-stages';
import { DAY_MS, GIVEN_FEMALE, GIVEN_MALE, HOUR_MS, Random, shanghaiDate, SURNAMES } from './random';
import { TableLoader } from './table-loader';
import { Village, World } from './world';

/** What is decided about a household before its visits and problems are generated. */
export interface HouseholdPlan {
  id: string;
  code: string;
  village: Village;
  cadreId: string;
  createdAt: number;
  /** index into STAGES */
  stage: number;
  /** stageTimes[i] is when it moved into STAGES[i + 1] */
  stageTimes: number[];
  onHold: boolean;
  flags: string[];
  /** filled in while visits and problems are generated */
  lastVisitAt: number;
  openProblems: number;
  overdueProblems: number;
  openP1Problems: number;
}

/** Share of households at each stage (registered … closed): the campaign is past its middle. */
const STAGE_WEIGHTS = [4, 8, 10, 12, 12, 14, 12, 9, 7, 6, 4, 2];
/** Who approves the step into each stage, by stage index: the application's own transition table. */
const APPROVERS: Record<number, readonly string[]> = Object.fromEntries(
  STAGE_TRANSITIONS.filter((t) => t.approvers.length > 0).map((t) => [STAGES.indexOf(t.to), t.approvers]),
);
const INTENT_WEIGHTS = {
  central_gov_built: 30,
  central_self_build: 14,
  scattered: 10,
  backward: 8,
  relatives: 5,
  cash: 9,
  town_purchase: 18,
  care_home: 2,
} as const satisfies Partial<Record<keyof typeof INTENT_OPTIONS, number>>;
const LIVELIHOOD_WEIGHTS: Record<keyof typeof LIVELIHOODS, number> = {
  land: 25,
  non_farm: 35,
  pension: 20,
  annual_compensation: 12,
  cash: 8,
};
const SITES: Partial<Record<string, readonly string[]>> = {
  central_gov_built: ['矮寨集镇安置点', '德夯安置区', '吉首经开区安置小区', '双龙集镇安置点'],
  central_self_build: ['矮寨集镇安置点', '双龙集镇安置点', '河溪安置点'],
  backward: ['本村后靠安置点'],
  town_purchase: ['吉首市区'],
};

const STAGE_MEAN_AGE_DAYS = 15;

export function planHouseholds(
  world: World,
  random: Random,
  now: number,
  windowStart: number,
): HouseholdPlan[] {
  const plans: HouseholdPlan[] = [];
  const stageWeights = Object.fromEntries(STAGE_WEIGHTS.map((w, i) => [String(i), w])) as Record<
    string,
    number
  >;
  const flagKeys = Object.keys(HOUSEHOLD_FLAGS);
  for (const village of world.villages) {
    for (let n = 1; n <= village.households; n++) {
      const stage = Number(random.weighted(stageWeights));
      // Registration ran in the window's first ten days; households still "registered" came in late.
      const createdAt =
        stage === 0
          ? windowStart + random.next() * (now - windowStart - DAY_MS)
          : windowStart + random.next() * 10 * DAY_MS;
      const stageTimes: number[] = [];
      if (stage > 0) {
        const last = Math.max(
          createdAt + stage * HOUR_MS,
          now - random.exponential(STAGE_MEAN_AGE_DAYS) * DAY_MS,
        );
        for (let k = 0; k < stage - 1; k++) stageTimes.push(createdAt + random.next() * (last - createdAt));
        stageTimes.sort((a, b) => a - b);
        stageTimes.push(last);
      }
      plans.push({
        id: randomUUID(),
        code: `${village.townshipPrefix}-${village.abbreviation}-${String(n).padStart(5, '0')}`,
        village,
        cadreId: random.pick(village.cadreIds),
        createdAt,
        stage,
        stageTimes,
        onHold: stage < STAGES.length - 1 && random.chance(0.015),
        flags: flagKeys.filter(() => random.chance(0.06)),
        lastVisitAt: 0,
        openProblems: 0,
        overdueProblems: 0,
        openP1Problems: 0,
      });
    }
  }
  return plans;
}

export const HOUSEHOLD_COLUMNS = [
  'id',
  'code',
  'village_id',
  'township_id',
  'task_force_id',
  'group_name',
  'head_name',
  'head_id_enc',
  'head_id_hash',
  'phone_enc',
  'address',
  'flags',
  'house_floor_area',
  'house_structure',
  'cadre_id',
  'stage',
  'stage_changed_at',
  'intent_option',
  'intent_site',
  'intent_livelihood',
  'intent_recorded_at',
  'on_hold',
  'hold_reason',
  'light',
  'last_visit_at',
  'open_problems',
  'note',
  'version',
  'created_at',
  'updated_at',
  'phone_hash',
];
/** The household's log (history/past-sql.ts reads it): what the API writes at registration, assignment, hold. */
export const HISTORY_COLUMNS = [
  'household_id',
  'at',
  'actor_id',
  'cause',
  'village_id',
  'township_id',
  'task_force_id',
  'cadre_id',
  'flags',
  'on_hold',
  'hold_reason',
];
export const LIGHT_REASONS_COLUMNS = ['household_id', 'reasons'];

export const MEMBER_COLUMNS = [
  'id',
  'household_id',
  'name',
  'id_enc',
  'id_hash',
  'sex',
  'birth_date',
  'relation',
  'ethnicity',
  'hukou_status',
  'position',
  'created_at',
];
export const INTENT_COLUMNS = [
  'id',
  'household_id',
  'option',
  'site',
  'livelihood',
  'note',
  'visit_id',
  'approval_id',
  'previous_option',
  'actor_id',
  'recorded_at',
  'business_date',
];
export const STAGE_EVENT_COLUMNS = [
  'id',
  'household_id',
  'from_stage',
  'to_stage',
  'kind',
  'reason',
  'approval_id',
  'actor_id',
  'at',
  'business_date',
  'seq',
];
export const APPROVAL_COLUMNS = [
  'id',
  'household_id',
  'township_id',
  'kind',
  'from_stage',
  'to_stage',
  'payload',
  'status',
  'current_level',
  'comment',
  'requested_by',
  'requested_at',
  'decided_at',
  'version',
];
export const APPROVAL_STEP_COLUMNS = [
  'id',
  'approval_id',
  'position',
  'level',
  'status',
  'decided_by',
  'decided_at',
  'comment',
];

/** Unique, checksum-valid resident IDs (GB 11643) whose birth date and sex digit match the member. */
class ResidentIds {
  private readonly used = new Set<string>();
  constructor(private readonly random: Random) {}

  make(areaCode: string, birthYear: number, sex: 'male' | 'female'): { idNumber: string; birthDate: string } {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const birthDate = `${birthYear}-${String(this.random.int(1, 12)).padStart(2, '0')}-${String(this.random.int(1, 28)).padStart(2, '0')}`;
      let sequence = this.random.int(0, 998);
      if ((sequence % 2 === 1) !== (sex === 'male')) sequence += 1;
      const idNumber = makeResidentId(areaCode, birthDate, sequence);
      if (!this.used.has(idNumber)) {
        this.used.add(idNumber);
        return { idNumber, birthDate };
      }
    }
    throw new Error('could not find a free resident ID');
  }
}

export interface HouseholdLoaders {
  households: TableLoader;
  members: TableLoader;
  lightReasons: TableLoader;
  intents: TableLoader;
  stageEvents: TableLoader;
  history: TableLoader;
  approvals: TableLoader;
  approvalSteps: TableLoader;
}

/**
 * Writes each planned household the way the API would have left it: encrypted head ID and phone with
 * keyed hashes, members (head first), flags as ',a,b,', its stage history and intent records, the light
 * the daily review would compute now, last_visit_at = its latest visit, version 1.
 */
export async function writeHouseholds(options: {
  plans: HouseholdPlan[];
  world: World;
  random: Random;
  pii: PiiCipher;
  now: number;
  lights: { visitIntervalDays: number; stallYellowDays: number; stallRedDays: number };
  loaders: HouseholdLoaders;
}): Promise<Record<string, number>> {
  const { plans, world, random, pii, now, lights, loaders } = options;
  const ids = new ResidentIds(random);
  const lightCounts: Record<string, number> = { green: 0, yellow: 0, red: 0 };
  const structures = Object.keys(HOUSE_STRUCTURES);
  const holdReasons = { dispute: 50, petition: 30, litigation: 10, other: 10 } as const satisfies Record<
    keyof typeof HOLD_REASONS,
    number
  >;
  for (const plan of plans) {
    const village = plan.village;
    const surname = random.pick(SURNAMES);
    const ethnicity = random.weighted({ '06': 50, '15': 30, '01': 20 });
    const headYear = random.int(1940, 1990);
    const createdAt = new Date(plan.createdAt);
    const head = ids.make(village.areaCode, headYear, 'male');
    const headName = `${surname}${random.pick(GIVEN_MALE)}`;
    const headHash = pii.hash(head.idNumber);
    const members: { name: string; idNumber: string; birthDate: string; sex: string; relation: string }[] = [
      { name: headName, ...head, sex: 'male', relation: 'head' },
    ];
    if (random.chance(0.85)) {
      const spouse = ids.make(village.areaCode, Math.min(2004, headYear + random.int(-3, 4)), 'female');
      members.push({
        name: `${random.pick(SURNAMES)}${random.pick(GIVEN_FEMALE)}`,
        ...spouse,
        sex: 'female',
        relation: 'spouse',
      });
    }
    for (let c = Number(random.weighted({ 0: 15, 1: 35, 2: 35, 3: 15 })); c > 0; c--) {
      const sex = random.chance(0.5) ? 'male' : 'female';
      const child = ids.make(village.areaCode, Math.min(2020, headYear + random.int(20, 34)), sex);
      members.push({
        name: `${surname}${sex === 'male' ? random.pick(GIVEN_MALE) : random.pick(GIVEN_FEMALE)}`,
        ...child,
        sex,
        relation: 'child',
      });
    }
    if (headYear > 1960 && random.chance(0.2)) {
      const sex = random.chance(0.6) ? 'female' : 'male';
      const parent = ids.make(village.areaCode, Math.max(1925, headYear - random.int(22, 32)), sex);
      members.push({
        name: `${sex === 'male' ? surname : random.pick(SURNAMES)}${sex === 'male' ? random.pick(GIVEN_MALE) : random.pick(GIVEN_FEMALE)}`,
        ...parent,
        sex,
        relation: 'parent',
      });
    }
    if (headYear < 1965 && random.chance(0.3)) {
      const sex = random.chance(0.5) ? 'male' : 'female';
      const grandchild = ids.make(village.areaCode, random.int(2008, 2022), sex);
      members.push({
        name: `${surname}${random.pick(sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE)}`,
        ...grandchild,
        sex,
        relation: 'grandchild',
      });
    }

    // Stage history: one advance event per step, the approver's user as actor where the step needs one.
    const township = village.townshipId;
    for (let k = 0; k < plan.stage; k++) {
      const at = plan.stageTimes[k];
      const approvers = APPROVERS[k + 1];
      const actor = !approvers
        ? plan.cadreId
        : approvers.includes('command_centre')
          ? random.pick(world.commanderIds)
          : world.officialByTownship.get(township)!;
      await loaders.stageEvents.add([
        randomUUID(),
        plan.id,
        STAGES[k],
        STAGES[k + 1],
        'advance',
        null,
        null,
        actor,
        new Date(at),
        shanghaiDate(at),
        k + 1,
      ]);
    }
    const stageChangedAt = plan.stage > 0 ? plan.stageTimes[plan.stage - 1] : plan.createdAt;

    // Intent: collected when the household reached intent_collected; a fifth changed their mind once.
    let intent: { option: string; site: string | null; livelihood: string | null; at: number } | null = null;
    if (plan.stage >= 3) {
      const collectedAt = plan.stageTimes[2];
      const option = plan.stage === 3 && random.chance(0.08) ? 'objects' : random.weighted(INTENT_WEIGHTS);
      const sites = SITES[option];
      intent = {
        option,
        site: sites ? random.pick(sites) : null,
        livelihood: option === 'objects' ? null : random.weighted(LIVELIHOOD_WEIGHTS),
        at: collectedAt,
      };
      let previous = 'undecided';
      if (random.chance(0.2)) {
        const earlierAt = plan.createdAt + random.next() * (collectedAt - plan.createdAt);
        const earlier = random.weighted(INTENT_WEIGHTS);
        await loaders.intents.add([
          randomUUID(),
          plan.id,
          earlier,
          SITES[earlier] ? random.pick(SITES[earlier]!) : null,
          null,
          '初步意向',
          null,
          null,
          previous,
          plan.cadreId,
          new Date(earlierAt),
          shanghaiDate(earlierAt),
        ]);
        previous = earlier;
      }
      await loaders.intents.add([
        randomUUID(),
        plan.id,
        intent.option,
        intent.site,
        intent.livelihood,
        option === 'objects' ? '对补偿标准有异议' : null,
        null,
        null,
        previous,
        plan.cadreId,
        new Date(collectedAt),
        shanghaiDate(collectedAt),
      ]);
    }

    // A few households wait on an approval for their next step.
    const next = plan.stage + 1;
    if (next < STAGES.length && APPROVERS[next] && !plan.onHold && random.chance(0.03)) {
      const chain = APPROVERS[next];
      const requestedAt = Math.max(stageChangedAt + HOUR_MS, now - random.exponential(3) * DAY_MS);
      const firstDone = chain.length > 1 && random.chance(0.5);
      const approvalId = randomUUID();
      await loaders.approvals.add([
        approvalId,
        plan.id,
        township,
        'stage',
        STAGES[plan.stage],
        STAGES[next],
        null,
        'pending',
        firstDone ? chain[1] : chain[0],
        null,
        plan.cadreId,
        new Date(requestedAt),
        null,
        firstDone ? 2 : 1,
      ]);
      for (const [position, level] of chain.entries()) {
        const approved = firstDone && position === 0;
        const status = approved ? 'approved' : position === (firstDone ? 1 : 0) ? 'pending' : 'waiting';
        await loaders.approvalSteps.add([
          randomUUID(),
          approvalId,
          position,
          level,
          status,
          approved ? world.officialByTownship.get(township)! : null,
          approved ? new Date(Math.min(now, requestedAt + random.exponential(1) * DAY_MS)) : null,
          null,
        ]);
      }
    }

    // The light the daily review would compute now, by the application's own rule.
    const { light, reasons } = computeLight(
      {
        stage: STAGES[plan.stage],
        onHold: plan.onHold,
        createdAt,
        stageChangedAt: new Date(stageChangedAt),
        lastVisitAt: plan.lastVisitAt ? new Date(plan.lastVisitAt) : null,
        overdueProblems: plan.overdueProblems,
        openP1Problems: plan.openP1Problems,
      },
      new Date(now),
      lights,
    );
    lightCounts[light] += 1;

    const updatedAt = Math.max(plan.createdAt, stageChangedAt, intent?.at ?? 0);
    const hasPhone = random.chance(0.9);
    const group = random.int(1, 9);
    const phone = hasPhone
      ? `1${random.pick(['38', '39', '51', '58', '87', '99', '77'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`
      : null;
    const holdReason = plan.onHold ? random.weighted(holdReasons) : null;
    await loaders.households.add([
      plan.id,
      plan.code,
      village.id,
      township,
      village.taskForceId,
      `${group}组`,
      headName,
      pii.encrypt(head.idNumber),
      headHash,
      phone ? pii.encrypt(phone) : null,
      `${village.townshipName}${village.name}${group}组${random.int(1, 120)}号`,
      plan.flags.length ? `,${plan.flags.join(',')},` : '',
      random.int(45, 320),
      random.pick(structures),
      plan.cadreId,
      STAGES[plan.stage],
      new Date(stageChangedAt),
      intent?.option ?? 'undecided',
      intent?.site ?? null,
      intent?.livelihood ?? null,
      intent ? new Date(intent.at) : null,
      plan.onHold,
      holdReason,
      light,
      plan.lastVisitAt ? new Date(plan.lastVisitAt) : null,
      plan.openProblems,
      null,
      1,
      createdAt,
      new Date(updatedAt),
      phone ? pii.hash(phone) : null,
    ]);
    // Its light's reasons in their own table (none for a green one), after the household they reference.
    if (reasons.length) await loaders.lightReasons.add([plan.id, JSON.stringify(reasons)]);
    await writeHistory(loaders.history, plan, holdReason, now);
    // Members after their household: household_member references it.
    for (const [position, member] of members.entries()) {
      await loaders.members.add([
        randomUUID(),
        plan.id,
        member.name,
        pii.encrypt(member.idNumber),
        position === 0 ? headHash : pii.hash(member.idNumber),
        member.sex,
        member.birthDate,
        member.relation,
        ethnicity,
        null,
        position,
        createdAt,
      ]);
    }
  }
  return lightCounts;
}

/**
 * The household's log as the API leaves it: a row at registration; one in ten households reassigned halfway
 * through (registered with another cadre of the village); a household on hold put on hold halfway too.
 */
async function writeHistory(
  loader: TableLoader,
  plan: HouseholdPlan,
  holdReason: string | null,
  now: number,
): Promise<void> {
  const village = plan.village;
  const flags = plan.flags.length ? `,${plan.flags.join(',')},` : '';
  const others = village.cadreIds.filter((id) => id !== plan.cadreId);
  const reassigned = others.length > 0 && Number.parseInt(plan.id.slice(0, 2), 16) % 10 === 0;
  const halfway = Math.round((plan.createdAt + now) / 2);
  const row = (at: number, cause: string, cadreId: string, onHold: boolean, reason: string | null) =>
    loader.add([
      plan.id,
      new Date(at),
      'system',
      cause,
      village.id,
      village.townshipId,
      village.taskForceId,
      cadreId,
      flags,
      onHold,
      reason,
    ]);
  await row(plan.createdAt, 'create', reassigned ? others[0] : plan.cadreId, false, null);
  if (reassigned) await row(halfway, 'assign', plan.cadreId, false, null);
  if (plan.onHold) await row(halfway + 1, 'hold', plan.cadreId, true, holdReason);
}
