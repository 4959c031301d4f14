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
 * insert) read as today's values. `only` restricts every log to one household (`:householdId`), or with 'many'
 * to a few (`:...householdIds`, a drill-down page): the read then takes a few index lookups per household instead
 * of scanning the logs.
 *
 * Every log is read by a correlated lookup per household on the log's (household_id, time) index — the latest row
 * at or before `:at` is one index seek — rather than by numbering each whole log with ROW_NUMBER() and joining
 * the numbered sets: on 100,000 households SQLite evaluated those as unindexed materialized views (a past day
 * took 40 s, bench/README §12); the lookups take a few seconds on either database.
 */
export function pastHouseholdsSql(only: boolean | 'many' = false): string {
  const these = (column: string, where: string) =>
    only === 'many'
      ? ` ${where} ${column} IN (:...householdIds)`
      : only
        ? ` ${where} ${column} = :householdId`
        : '';
  return `
  WITH past_keys AS MATERIALIZED (
    -- Households in id order (the primary key's index), so each log's lookups walk its (household_id, …) index
    -- in order too; visited in table order, every lookup lands somewhere else (five times the CPU on SQLite).
    SELECT h.id,
           (SELECT hh.id FROM household_history hh
             WHERE hh.household_id = h.id AND hh.at <= :at ORDER BY hh.at DESC, hh.id DESC LIMIT 1) AS past_hist_id,
           -- "+ 0": not MAX()'s shortcut down the (household_id, seq) index, which reads every event's row for its
           -- time; the (household_id, at, seq) index answers from the index alone.
           (SELECT MAX(e.seq + 0) FROM stage_event e WHERE e.household_id = h.id AND e.at <= :at) AS past_seq,
           (SELECT i.id FROM intent_record i
             WHERE i.household_id = h.id AND i.recorded_at <= :at
             ORDER BY i.recorded_at DESC, i.id DESC LIMIT 1) AS past_intent_id,
           (SELECT i.id FROM intent_record i
             WHERE i.household_id = h.id ORDER BY i.recorded_at, i.id LIMIT 1) AS first_intent_id,
           (SELECT v.visited_at FROM visit v
             WHERE v.household_id = h.id AND v.created_at <= :at ORDER BY v.visited_at DESC LIMIT 1) AS past_visit_at
      FROM household h${these('h.id', 'WHERE')}
  ), past_household AS MATERIALIZED (
    SELECT h.id, h.code, h.head_name, h.created_at,
           CASE WHEN ph.id IS NULL THEN h.village_id ELSE ph.village_id END AS village_id,
           CASE WHEN ph.id IS NULL THEN h.township_id ELSE ph.township_id END AS township_id,
           CASE WHEN ph.id IS NULL THEN h.task_force_id ELSE ph.task_force_id END AS task_force_id,
           CASE WHEN ph.id IS NULL THEN h.cadre_id ELSE ph.cadre_id END AS cadre_id,
           CASE WHEN ph.id IS NULL THEN h.flags ELSE ph.flags END AS flags,
           CASE WHEN ph.id IS NULL THEN h.on_hold ELSE ph.on_hold END AS on_hold,
           CASE WHEN ph.id IS NULL THEN h.hold_reason ELSE ph.hold_reason END AS hold_reason,
           COALESCE(ps.to_stage, fs.from_stage, h.stage) AS stage,
           CASE WHEN ps.id IS NOT NULL THEN ps.at
                WHEN fs.id IS NOT NULL THEN h.created_at
                ELSE h.stage_changed_at END AS stage_changed_at,
           CASE WHEN pi.id IS NOT NULL THEN pi.option
                WHEN fi.id IS NOT NULL THEN COALESCE(fi.previous_option, 'undecided')
                ELSE h.intent_option END AS intent_option,
           CASE WHEN pi.id IS NOT NULL THEN pi.site
                WHEN fi.id IS NOT NULL THEN NULL
                ELSE h.intent_site END AS intent_site,
           CASE WHEN pi.id IS NOT NULL THEN pi.livelihood
                WHEN fi.id IS NOT NULL THEN NULL
                ELSE h.intent_livelihood END AS intent_livelihood,
           CASE WHEN pi.id IS NOT NULL THEN pi.recorded_at
                WHEN fi.id IS NOT NULL THEN NULL
                ELSE h.intent_recorded_at END AS intent_recorded_at,
           k.past_visit_at AS last_visit_at
      -- CROSS JOIN: SQLite keeps the written order (the keys' id order outside); PostgreSQL plans it freely.
      FROM past_keys k
     CROSS JOIN household h
      LEFT JOIN household_history ph ON ph.id = k.past_hist_id
      LEFT JOIN stage_event ps ON ps.household_id = k.id AND ps.seq = k.past_seq
      -- The first event and record matter only before them: not looked up otherwise.
      LEFT JOIN stage_event fs ON k.past_seq IS NULL AND fs.household_id = k.id AND fs.seq = 1
      LEFT JOIN intent_record pi ON pi.id = k.past_intent_id
      LEFT JOIN intent_record fi ON k.past_intent_id IS NULL AND fi.id = k.first_intent_id
     WHERE h.id = k.id AND h.created_at <= :at
  ), past_problem AS (
    SELECT p.id, p.household_id, p.village_id, p.severity, p.opened_date, p.opened_at, p.closed_date, p.closed_at,
           COALESCE(pe.to_status, p.status) AS status,
           COALESCE(pe.due_at, p.due_at) AS due_at
      FROM problem p
      LEFT JOIN problem_event pe ON pe.id = (
        SELECT e.id FROM problem_event e
         WHERE e.problem_id = p.id AND e.at <= :at AND e.to_status IS NOT NULL ORDER BY e.id DESC LIMIT 1)
     WHERE p.opened_at <= :at${these('p.household_id', 'AND')}
  )`;
}
