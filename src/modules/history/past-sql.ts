/**
 * A household, and its problems, as they were at an instant `:at`, rebuilt from the events (docs/architecture.md,
 * "History"): the household row keeps only today's values, so every changing column comes from its own log.
 * - village, township, task force, cadre, flags, hold: the last household_history row at or before `:at`;
 * - stage: the last stage event at or before `:at` (by its per-household seq); before the first event, the
 *   first event's from_stage; with no events, today's stage (it never moved);
 * - intent: the last intent record at or before `:at`; before the first, the first record's previous option;
 * - last visit: the latest visit time among the visits recorded by `:at`;
 * - a problem's status and deadline: its last event at or before `:at`.
 * A household created after `:at` did not exist. Rows written without their log (none in the API; a raw
 * insert) read as today's values. `only` restricts every log to one household (`:householdId`): the single
 * household's read then takes a few index lookups instead of scanning the logs.
 */
export function pastHouseholdsSql(only = false): string {
  const one = (column: string) => (only ? ` AND ${column} = :householdId` : '');
  return `
  WITH past_hist AS (
    SELECT household_id, village_id, township_id, task_force_id, cadre_id, flags, on_hold, hold_reason,
           ROW_NUMBER() OVER (PARTITION BY household_id ORDER BY at DESC, id DESC) AS rn
      FROM household_history WHERE at <= :at${one('household_id')}
  ), past_stage AS (
    SELECT household_id, to_stage, at, ROW_NUMBER() OVER (PARTITION BY household_id ORDER BY seq DESC) AS rn
      FROM stage_event WHERE at <= :at${one('household_id')}
  ), first_stage AS (
    SELECT household_id, from_stage FROM stage_event WHERE seq = 1${one('household_id')}
  ), past_intent AS (
    SELECT household_id, option, site, livelihood, recorded_at,
           ROW_NUMBER() OVER (PARTITION BY household_id ORDER BY recorded_at DESC, id DESC) AS rn
      FROM intent_record WHERE recorded_at <= :at${one('household_id')}
  ), first_intent AS (
    SELECT household_id, previous_option,
           ROW_NUMBER() OVER (PARTITION BY household_id ORDER BY recorded_at, id) AS rn
      FROM intent_record WHERE 1 = 1${one('household_id')}
  ), past_visit AS (
    SELECT household_id, MAX(visited_at) AS last_visit_at
      FROM visit WHERE created_at <= :at${one('household_id')} GROUP BY household_id
  ), past_household AS (
    SELECT h.id, h.code, h.head_name, h.created_at,
           CASE WHEN ph.household_id IS NULL THEN h.village_id ELSE ph.village_id END AS village_id,
           CASE WHEN ph.household_id IS NULL THEN h.township_id ELSE ph.township_id END AS township_id,
           CASE WHEN ph.household_id IS NULL THEN h.task_force_id ELSE ph.task_force_id END AS task_force_id,
           CASE WHEN ph.household_id IS NULL THEN h.cadre_id ELSE ph.cadre_id END AS cadre_id,
           CASE WHEN ph.household_id IS NULL THEN h.flags ELSE ph.flags END AS flags,
           CASE WHEN ph.household_id IS NULL THEN h.on_hold ELSE ph.on_hold END AS on_hold,
           CASE WHEN ph.household_id IS NULL THEN h.hold_reason ELSE ph.hold_reason END AS hold_reason,
           COALESCE(ps.to_stage, fs.from_stage, h.stage) AS stage,
           CASE WHEN ps.household_id IS NOT NULL THEN ps.at
                WHEN fs.household_id IS NOT NULL THEN h.created_at
                ELSE h.stage_changed_at END AS stage_changed_at,
           CASE WHEN pi.household_id IS NOT NULL THEN pi.option
                WHEN fi.household_id IS NOT NULL THEN COALESCE(fi.previous_option, 'undecided')
                ELSE h.intent_option END AS intent_option,
           CASE WHEN pi.household_id IS NOT NULL THEN pi.site
                WHEN fi.household_id IS NOT NULL THEN NULL
                ELSE h.intent_site END AS intent_site,
           CASE WHEN pi.household_id IS NOT NULL THEN pi.livelihood
                WHEN fi.household_id IS NOT NULL THEN NULL
                ELSE h.intent_livelihood END AS intent_livelihood,
           CASE WHEN pi.household_id IS NOT NULL THEN pi.recorded_at
                WHEN fi.household_id IS NOT NULL THEN NULL
                ELSE h.intent_recorded_at END AS intent_recorded_at,
           pv.last_visit_at
      FROM household h
      LEFT JOIN past_hist ph ON ph.household_id = h.id AND ph.rn = 1
      LEFT JOIN past_stage ps ON ps.household_id = h.id AND ps.rn = 1
      LEFT JOIN first_stage fs ON fs.household_id = h.id
      LEFT JOIN past_intent pi ON pi.household_id = h.id AND pi.rn = 1
      LEFT JOIN first_intent fi ON fi.household_id = h.id AND fi.rn = 1
      LEFT JOIN past_visit pv ON pv.household_id = h.id
     WHERE h.created_at <= :at${one('h.id')}
  ), past_problem_event AS (
    SELECT e.problem_id, e.to_status, e.due_at, ROW_NUMBER() OVER (PARTITION BY e.problem_id ORDER BY e.id DESC) AS rn
      FROM problem_event e
     WHERE e.at <= :at AND e.to_status IS NOT NULL${only ? ' AND e.problem_id IN (SELECT id FROM problem WHERE household_id = :householdId)' : ''}
  ), past_problem AS (
    SELECT p.id, p.household_id, p.village_id, p.severity, p.opened_date, p.opened_at, p.closed_date, p.closed_at,
           COALESCE(pe.to_status, p.status) AS status,
           COALESCE(pe.due_at, p.due_at) AS due_at
      FROM problem p
      LEFT JOIN past_problem_event pe ON pe.problem_id = p.id AND pe.rn = 1
     WHERE p.opened_at <= :at${one('p.household_id')}
  )`;
}
