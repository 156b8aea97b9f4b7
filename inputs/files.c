/* files.c - converters from items.csv, team.csv and gates.csv rows to plan records */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"

typedef struct load_ctx {
    op_plan *p;
    op_diag *d;
    int index; /* record being filled by list callbacks */
} load_ctx;

static const char *intern(load_ctx *c, const char *s)
{
    const char *r = op_plan_intern(c->p, s);
    if (!r)
        op_diag_error(c->d, OP_ENOMEM, NULL, "out of memory");
    return r;
}

static int required(load_ctx *c, const row_view *r, int k, const char *col)
{
    if (r->cell[k][0])
        return 0;
    op_loc l = csvread_loc(r, k);
    op_diag_error(c->d, OP_EDATA, &l, "%s: required value is empty", col);
    return -1;
}

static int make_ref(load_ctx *c, const char *name, op_loc loc, op_ref *ref)
{
    ref->name = intern(c, name);
    ref->index = -1;
    ref->loc = loc;
    return ref->name ? 0 : -1;
}

/* ---- items.csv ------------------------------------------------------- */

enum { I_ID, I_TITLE, I_CATEGORY, I_PRIORITY, I_EFFORT, I_ROLE, I_IMPACT, I_QUICK, I_DECISION,
       I_DEPENDS, I_EARLIEST, I_DUE, I_MAXPEOPLE, I_DURATION, I_CREW, I_LAG, I_EFFORT_LOW,
       I_EFFORT_HIGH, I_DURATION_LOW, I_DURATION_HIGH, I_N };
static const col_spec item_cols[I_N] = {
    {"id", 1, NULL},          {"title", 0, NULL},      {"category", 0, NULL},      {"priority", 0, NULL},
    {"effort_hours", 1, "duration_weeks"}, {"role", 1, "crew"},      {"impact", 0, NULL},        {"quick_win", 0, NULL},
    {"decision", 0, NULL},    {"depends_on", 0, NULL}, {"earliest_week", 0, NULL}, {"due_week", 0, NULL},
    {"max_people", 0, NULL},  {"duration_weeks", 0, NULL}, {"crew", 0, NULL},
    {"lag_weeks", 0, NULL},   {"effort_low", 0, NULL}, {"effort_high", 0, NULL},
    {"duration_low", 0, NULL}, {"duration_high", 0, NULL}};

static int add_dep(void *ctx, const char *name, op_loc loc)
{
    load_ctx *c = ctx;
    op_ref ref;
    if (make_ref(c, name, loc, &ref) || op_plan_item_add_dep(c->p, c->index, &ref)) {
        op_diag_error(c->d, OP_ENOMEM, NULL, "out of memory");
        return -1;
    }
    return 0;
}

/* One "Role=N" entry of a crew list. */
static int add_crew(void *ctx, const char *entry, op_loc loc)
{
    load_ctx *c = ctx;
    const char *eq = strchr(entry, '=');
    char name[OP_MAX_CELL + 1];
    char *end = NULL;
    double n = eq ? strtod(eq + 1, &end) : 0;
    if (!eq || eq == entry || !end || end == eq + 1 || *end || !(n > 0) || n > OP_MAX_NUMBER) {
        op_diag_error(c->d, OP_EDATA, &loc, "crew: expected Role=N with N > 0, got \"%s\"", entry);
        return 0;
    }
    size_t len = (size_t)(eq - entry);
    while (len && entry[len - 1] == ' ')
        len--;
    snprintf(name, sizeof name, "%.*s", (int)len, entry);
    op_ref ref;
    if (make_ref(c, name, loc, &ref) || op_plan_item_add_crew(c->p, c->index, &ref, n)) {
        op_diag_error(c->d, OP_ENOMEM, NULL, "out of memory");
        return -1;
    }
    return 0;
}

/* A week-valued field, held in the plan's periods: the week itself, or with
   days its first (start) or last day. Day plans hold OP_MAX_WEEK days, so
   their weeks stop at OP_MAX_WEEK / OP_DAYS_PER_WEEK. A date (with the
   plan's start date) names the week holding it, or in days that very day
   (a weekend: the next Monday for a first day, the Friday before for a
   last one). */
static int week_field(load_ctx *c, const row_view *r, int k, const char *col, int dflt, int start,
                      int *out)
{
    op_period per = op_plan_period(c->p);
    if (op_date_looks_like(r->cell[k]))
        return csvread_date_period(r, k, col, op_plan_start(c->p), per, start, out, c->d);
    int max = per == OP_PERIOD_DAY ? OP_MAX_WEEK / OP_DAYS_PER_WEEK : OP_MAX_WEEK;
    int bad = csvread_int(r, k, col, 1, max, dflt, out, c->d);
    if (!bad)
        *out = op_period_of_week(per, *out, start);
    return bad;
}

/* lag_weeks: whole weeks (0..52) between a dependency's last week and the
   item's first; held in the plan's periods (weeks of days in a day plan). */
static int lag_field(load_ctx *c, const row_view *r, int *out)
{
    int bad = csvread_int(r, I_LAG, "lag_weeks", 0, 52, 0, out, c->d);
    if (!bad && op_plan_period(c->p) == OP_PERIOD_DAY)
        *out *= OP_DAYS_PER_WEEK;
    return bad;
}

/* duration_weeks (or its range, column col): whole weeks, or with days
   any whole number of days (0.2 weeks each); held in the plan's periods. */
static int duration_field(load_ctx *c, const row_view *r, int k, const char *col, int *out)
{
    if (op_plan_period(c->p) != OP_PERIOD_DAY)
        return csvread_int(r, k, col, 1, OP_MAX_WEEK, 0, out, c->d);
    double w;
    *out = 0;
    if (csvread_number(r, k, col, 0, 1, 0, &w, c->d))
        return -1;
    if (!r->cell[k][0])
        return 0;
    double days = w * OP_DAYS_PER_WEEK;
    op_loc l = csvread_loc(r, k);
    if (fabs(days - floor(days + 0.5)) > 1e-6) {
        op_diag_error(c->d, OP_EDATA, &l,
                      "%s: not a whole number of days (0.2 weeks each), got \"%.60s\"", col,
                      r->cell[k]);
        return -1;
    }
    if (days > OP_MAX_WEEK + 0.5) {
        op_diag_error(c->d, OP_EDATA, &l, "%s: at most %d weeks in a day plan, got \"%.60s\"",
                      col, OP_MAX_WEEK / OP_DAYS_PER_WEEK, r->cell[k]);
        return -1;
    }
    *out = (int)floor(days + 0.5);
    return 0;
}

/* effort_hours (or, for a fixed-duration item, duration_weeks with crew) of row r into it,
   reporting each problem; nonzero when one was found. */
static int item_effort(load_ctx *c, const row_view *r, int fixed, op_item *it)
{
    int bad = 0;
    if (fixed) {
        /* a fixed-duration item: its crew and duration make its effort */
        op_loc l = csvread_loc(r, r->cell[I_DURATION][0] ? I_CREW : I_DURATION);
        if (!r->cell[I_DURATION][0] || !r->cell[I_CREW][0]) {
            op_diag_error(c->d, OP_EDATA, &l, "%s: a fixed-duration item needs both "
                                               "duration_weeks and crew",
                          r->cell[I_DURATION][0] ? "crew" : "duration_weeks");
            bad = -1;
        }
        if (r->cell[I_EFFORT][0]) {
            op_loc le = csvread_loc(r, I_EFFORT);
            op_diag_error(c->d, OP_EDATA, &le, "effort_hours: leave it empty for a fixed-duration "
                                                "item (its effort is its crew's hours)");
            bad = -1;
        }
    } else {
        bad |= required(c, r, I_ROLE, "role");
        if (!r->cell[I_EFFORT][0])
            bad |= required(c, r, I_EFFORT, "effort_hours");
        else
            bad |= csvread_number(r, I_EFFORT, "effort_hours", 0, 1, 0, &it->effort, c->d);
    }
    return bad;
}

/* One side of a range, column k: low (below = 1) or high of the most
   likely value m; reported unless it lies on its side of m. */
static int range_side(load_ctx *c, const row_view *r, int k, const char *col, double v, double m,
                      int below, const char *mcol)
{
    if (!r->cell[k][0] || (below ? v <= m + 1e-9 : v >= m - 1e-9))
        return 0;
    op_loc l = csvread_loc(r, k);
    op_diag_error(c->d, OP_EDATA, &l, "%s: %s is %s than %s (%s)", col, r->cell[k],
                  below ? "more" : "less", mcol, r->cell[mcol[0] == 'e' ? I_EFFORT : I_DURATION]);
    return -1;
}

/* effort_low and effort_high (or duration_low and duration_high for a
   fixed-duration item) of row r into it: each optional, low <= most likely
   <= high, the other pair empty. */
static int item_range(load_ctx *c, const row_view *r, int fixed, op_item *it)
{
    int lo = fixed ? I_DURATION_LOW : I_EFFORT_LOW, hi = lo + 1;
    int wrong = fixed ? I_EFFORT_LOW : I_DURATION_LOW;
    for (int k = wrong; k <= wrong + 1; k++)
        if (r->cell[k][0]) {
            op_loc l = csvread_loc(r, k);
            op_diag_error(c->d, OP_EDATA, &l, "%s: %s", item_cols[k].name,
                          fixed ? "a fixed-duration item's range is duration_low and "
                                  "duration_high"
                                : "only a fixed-duration item (duration_weeks) has a duration "
                                  "range; use effort_low and effort_high");
            return -1;
        }
    if (fixed) {
        int bad = duration_field(c, r, lo, "duration_low", &it->duration_low) |
                  duration_field(c, r, hi, "duration_high", &it->duration_high);
        return bad ? bad
                   : range_side(c, r, lo, "duration_low", it->duration_low, it->duration, 1,
                                "duration_weeks") |
                         range_side(c, r, hi, "duration_high", it->duration_high, it->duration,
                                    0, "duration_weeks");
    }
    int bad = csvread_number(r, lo, "effort_low", 0, 1, 0, &it->effort_low, c->d) |
              csvread_number(r, hi, "effort_high", 0, 1, 0, &it->effort_high, c->d);
    return bad ? bad
               : range_side(c, r, lo, "effort_low", it->effort_low, it->effort, 1,
                            "effort_hours") |
                     range_side(c, r, hi, "effort_high", it->effort_high, it->effort, 0,
                                "effort_hours");
}

/* The labels (priority, impact, quick_win, decision), weeks and max_people of row r into it,
   reporting each problem; nonzero when one was found. */
static int item_attrs(load_ctx *c, const row_view *r, op_item *it)
{
    const char *const prio[] = {op_priority_name(0), op_priority_name(1), op_priority_name(2),
                                op_priority_name(3)};
    static const char *const impact[] = {"", "LOW", "MEDIUM", "HIGH"};
    static const char *const yesno[] = {"NO", "YES"};
    static const char *const decision[] = {"", "must", "should", "nice"};
    int bad = 0;
    int v;
    if ((v = csvread_enum(r, I_PRIORITY, "priority", prio, 4, 1, c->d)) < 0)
        bad = -1;
    it->priority = v;
    if ((v = csvread_enum(r, I_IMPACT, "impact", impact + 1, 3, -2, c->d)) == -1)
        bad = -1;
    it->impact = v == -2 ? OP_IMPACT_NONE : (op_impact)(v + 1);
    if ((v = csvread_enum(r, I_QUICK, "quick_win", yesno, 2, -2, c->d)) == -1)
        bad = -1;
    it->quick_win = v == -2 ? -1 : v;
    if ((v = csvread_enum(r, I_DECISION, "decision", decision + 1, 3, -2, c->d)) == -1)
        bad = -1;
    it->decision = v == -2 ? OP_DECISION_NONE : (op_decision)(v + 1);
    bad |= week_field(c, r, I_EARLIEST, "earliest_week", 0, 1, &it->earliest_week);
    bad |= week_field(c, r, I_DUE, "due_week", 0, 0, &it->due_week);
    bad |= csvread_int(r, I_MAXPEOPLE, "max_people", 1, 1000, 1, &it->max_people, c->d);
    bad |= lag_field(c, r, &it->lag_weeks);
    return bad;
}

/* The role an item reports under: its role, or without one (fixed-duration) its first crew
   role, into name (OP_MAX_CELL + 1 bytes) and *loc. */
static void item_role_name(const row_view *r, int fixed, char *name, op_loc *loc)
{
    name[0] = 0;
    *loc = csvread_loc(r, I_ROLE);
    if (r->cell[I_ROLE][0]) {
        snprintf(name, OP_MAX_CELL + 1, "%s", r->cell[I_ROLE]);
    } else if (fixed) {
        size_t n = strcspn(r->cell[I_CREW], "=;");
        snprintf(name, OP_MAX_CELL + 1, "%.*s", (int)n, r->cell[I_CREW]);
        while (n && name[n - 1] == ' ')
            name[--n] = 0;
        *loc = csvread_loc(r, I_CREW);
    }
}

/* One items.csv row into the plan: 0 when added or reported (go on), -1 on out of memory. */
static int item_row(void *ctx, const row_view *r)
{
    load_ctx *c = ctx;
    op_item it;
    memset(&it, 0, sizeof it);
    int bad = 0;
    bad |= required(c, r, I_ID, "id");
    bad |= duration_field(c, r, I_DURATION, "duration_weeks", &it.duration);
    int fixed = r->cell[I_DURATION][0] || r->cell[I_CREW][0];
    bad |= item_effort(c, r, fixed, &it);
    bad |= item_attrs(c, r, &it);
    if (!bad)
        bad |= item_range(c, r, fixed, &it);
    if (bad)
        return 0; /* reported; go on with the next row */
    it.loc = (op_loc){r->file, r->line, 0};
    it.earliest_loc = csvread_loc(r, I_EARLIEST);
    it.due_loc = csvread_loc(r, I_DUE);
    char first_role[OP_MAX_CELL + 1];
    op_loc role_loc;
    item_role_name(r, fixed, first_role, &role_loc);
    if (!(it.id = intern(c, r->cell[I_ID])) || !(it.title = intern(c, r->cell[I_TITLE])) ||
        !(it.category = intern(c, r->cell[I_CATEGORY])) ||
        make_ref(c, first_role + strspn(first_role, " "), role_loc, &it.role))
        return -1;
    it.loc = csvread_loc(r, I_ID);
    if (fixed)
        it.effort = 1; /* set from the crew by op_plan_validate */
    c->index = op_plan_add_item(c->p, &it, c->d);
    if (c->index < 0)
        return op_diag_status(c->d) == OP_ENOMEM ? -1 : 0;
    if (fixed && csvread_list(r, I_CREW, add_crew, c))
        return -1;
    return csvread_list(r, I_DEPENDS, add_dep, c);
}

/* ---- team.csv -------------------------------------------------------- */

enum { T_ROLE, T_HEADCOUNT, T_HOURS, T_FROM, T_TO, T_COST, T_N };
static const col_spec team_cols[T_N] = {{"role", 1, NULL},      {"headcount", 1, NULL}, {"hours_per_week", 0, NULL},
                                        {"from_week", 0, NULL}, {"to_week", 0, NULL},   {"cost_per_hour", 0, NULL}};

static int team_row(void *ctx, const row_view *r)
{
    load_ctx *c = ctx;
    op_team_row row;
    memset(&row, 0, sizeof row);
    int bad = required(c, r, T_ROLE, "role");
    if (!r->cell[T_HEADCOUNT][0])
        bad |= required(c, r, T_HEADCOUNT, "headcount");
    else
        bad |= csvread_number(r, T_HEADCOUNT, "headcount", 0, 0, 0, &row.headcount, c->d);
    bad |= csvread_number(r, T_HOURS, "hours_per_week", 0, 1, 40, &row.hours_per_week, c->d);
    if (!bad && row.hours_per_week > 168) {
        op_loc l = csvread_loc(r, T_HOURS);
        op_diag_error(c->d, OP_EDATA, &l, "hours_per_week: at most 168 hours in a week, got \"%s\"",
                      r->cell[T_HOURS]);
        bad = -1;
    }
    bad |= week_field(c, r, T_FROM, "from_week", 1, 1, &row.from_week);
    bad |= week_field(c, r, T_TO, "to_week", 0, 0, &row.to_week);
    if (op_plan_period(c->p) == OP_PERIOD_DAY)
        row.hours_per_week /= OP_DAYS_PER_WEEK; /* the plan holds hours per period */
    bad |= csvread_number(r, T_COST, "cost_per_hour", 0, 0, -1, &row.cost_per_hour, c->d);
    if (bad)
        return 0;
    if (make_ref(c, r->cell[T_ROLE], csvread_loc(r, T_ROLE), &row.role))
        return -1;
    row.cost_loc = csvread_loc(r, T_COST);
    row.loc = csvread_loc(r, T_TO);
    if (!row.loc.col)
        row.loc = csvread_loc(r, T_ROLE);
    if (op_plan_add_team_row(c->p, &row, c->d) < 0)
        return op_diag_status(c->d) == OP_ENOMEM ? -1 : 0;
    return 0;
}

/* ---- gates.csv ------------------------------------------------------- */

enum { G_GATE, G_NAME, G_DEADLINE, G_REQUIRES, G_ITEMS, G_N };
static const col_spec gate_cols[G_N] = {
    {"gate", 1, NULL}, {"name", 0, NULL}, {"deadline_week", 1, NULL}, {"requires", 0, NULL}, {"items", 0, NULL}};

static int add_require(void *ctx, const char *name, op_loc loc)
{
    load_ctx *c = ctx;
    op_ref ref;
    if (make_ref(c, name, loc, &ref) || op_plan_gate_add_require(c->p, c->index, &ref)) {
        op_diag_error(c->d, OP_ENOMEM, NULL, "out of memory");
        return -1;
    }
    return 0;
}

static int add_exit_item(void *ctx, const char *name, op_loc loc)
{
    load_ctx *c = ctx;
    op_ref ref;
    if (make_ref(c, name, loc, &ref) || op_plan_gate_add_item(c->p, c->index, &ref)) {
        op_diag_error(c->d, OP_ENOMEM, NULL, "out of memory");
        return -1;
    }
    return 0;
}

static int gate_row(void *ctx, const row_view *r)
{
    load_ctx *c = ctx;
    op_gate g;
    memset(&g, 0, sizeof g);
    int bad = required(c, r, G_GATE, "gate");
    if (!r->cell[G_DEADLINE][0])
        bad |= required(c, r, G_DEADLINE, "deadline_week");
    else
        bad |= week_field(c, r, G_DEADLINE, "deadline_week", 0, 0, &g.deadline_week);
    if (bad)
        return 0;
    if (!(g.id = intern(c, r->cell[G_GATE])) || !(g.name = intern(c, r->cell[G_NAME])))
        return -1;
    g.loc = csvread_loc(r, G_GATE);
    g.deadline_loc = csvread_loc(r, G_DEADLINE);
    c->index = op_plan_add_gate(c->p, &g, c->d);
    if (c->index < 0)
        return op_diag_status(c->d) == OP_ENOMEM ? -1 : 0;
    if (csvread_list(r, G_REQUIRES, add_require, c))
        return -1;
    return csvread_list(r, G_ITEMS, add_exit_item, c);
}

op_status op_inputs_load(const op_input_paths *paths, op_plan *p, op_diag *d)
{
    load_ctx c = {p, d, -1};
    /* Read every file even after an error so that one run reports them all. */
    csvread_table(paths->team, team_cols, T_N, 0, team_row, &c, d);
    if (paths->holidays)
        op_inputs_read_holidays(paths->holidays, p, d);
    csvread_table(paths->items, item_cols, I_N, 0, item_row, &c, d);
    if (paths->gates)
        csvread_table(paths->gates, gate_cols, G_N, 1, gate_row, &c, d);
    if (op_diag_count(d))
        return op_diag_status(d);
    return op_plan_validate(p, d);
}

/* Reports id, named at l, as not an item of p, with the closest item id as a
   hint while diagnostics are kept (OP_MAX_ERRORS: a file of unknown ids
   stays cheap). */
static void unknown_item(const op_plan *p, const char *id, op_loc l, op_diag *d)
{
    int n = op_plan_item_count(p), near = -1;
    const char **ids = op_diag_count(d) < OP_MAX_ERRORS ? malloc((size_t)n * sizeof *ids + 1)
                                                          : NULL;
    if (ids) {
        for (int i = 0; i < n; i++)
            ids[i] = op_plan_item(p, i)->id;
        near = op_closest_name(id, ids, n);
        free(ids);
    }
    if (near >= 0)
        op_diag_error(d, OP_EDATA, &l,
                      "unknown item \"%s\" (not in items.csv); did you mean \"%s\"?", id,
                      op_plan_item(p, near)->id);
    else
        op_diag_error(d, OP_EDATA, &l, "unknown item \"%s\" (not in items.csv)", id);
}

/* ---- plan.csv -------------------------------------------------------- */

enum { P_ID, P_WEEK, P_HOURS, P_N };
static const col_spec plan_cols[P_N] = {{"id", 1, NULL}, {"week", 1, NULL}, {"hours", 0, NULL}};

typedef struct plan_row {
    int item, week;
    double hours;
} plan_row;

typedef struct sched_ctx {
    const op_plan *p;
    op_diag *d;
    int skip_unknown;
    plan_row *rows;
    int n, cap, max_week;
} sched_ctx;

/* A plan row's week given as a date (with the plan's start date): the week
   holding it, or in a day plan that day, which must be a working day. */
static int plan_date(sched_ctx *c, const row_view *r, int *week)
{
    op_period per = op_plan_period(c->p);
    if (csvread_date_period(r, P_WEEK, "week", op_plan_start(c->p), per, 1, week, c->d))
        return -1;
    op_date day;
    op_date_parse(r->cell[P_WEEK], &day);
    if (per == OP_PERIOD_DAY && op_date_weekday(day) >= OP_DAYS_PER_WEEK) {
        op_loc l = csvread_loc(r, P_WEEK);
        op_diag_error(c->d, OP_EDATA, &l, "week: %s is a %s, not a working day", r->cell[P_WEEK],
                      op_date_weekday(day) == 5 ? "Saturday" : "Sunday");
        return -1;
    }
    return 0;
}

static int sched_row(void *ctx, const row_view *r)
{
    sched_ctx *c = ctx;
    int bad = 0;
    if (!r->cell[P_ID][0]) {
        op_loc l = csvread_loc(r, P_ID);
        op_diag_error(c->d, OP_EDATA, &l, "id: required value is empty");
        bad = -1;
    }
    int week = 0;
    if (!r->cell[P_WEEK][0]) {
        op_loc l = csvread_loc(r, P_WEEK);
        op_diag_error(c->d, OP_EDATA, &l, "week: required value is empty");
        bad = -1;
    } else if (op_date_looks_like(r->cell[P_WEEK])) {
        bad |= plan_date(c, r, &week);
    } else {
        bad |= csvread_week(r, P_WEEK, "week", 0, &week, c->d);
    }
    double hours = -1;
    bad |= csvread_number(r, P_HOURS, "hours", 0, 0, -1, &hours, c->d);
    if (bad)
        return 0;
    int item = op_plan_find_item(c->p, r->cell[P_ID]);
    if (item < 0 && c->skip_unknown)
        return 0;
    if (item < 0) {
        unknown_item(c->p, r->cell[P_ID], csvread_loc(r, P_ID), c->d);
        return 0;
    }
    if (hours < 0)
        hours = op_plan_item(c->p, item)->effort;
    if (c->n == c->cap) {
        int ncap = c->cap ? c->cap * 2 : 64;
        plan_row *nr = realloc(c->rows, (size_t)ncap * sizeof *nr);
        if (!nr) {
            op_diag_error(c->d, OP_ENOMEM, NULL, "out of memory");
            return -1;
        }
        c->rows = nr;
        c->cap = ncap;
    }
    c->rows[c->n++] = (plan_row){item, week, hours};
    if (week > c->max_week)
        c->max_week = week;
    return 0;
}

op_status op_inputs_load_schedule(const char *path, const op_plan *p, int min_weeks,
                                  int skip_unknown, op_schedule **out, op_diag *d)
{
    sched_ctx c = {p, d, skip_unknown, NULL, 0, 0, 0};
    *out = NULL;
    int before = op_diag_count(d);
    csvread_table(path, plan_cols, P_N, 1, sched_row, &c, d);
    if (op_diag_count(d) > before) {
        free(c.rows);
        return op_diag_status(d);
    }
    int weeks = c.max_week > min_weeks ? c.max_week : min_weeks;
    op_schedule *s = op_schedule_new(op_plan_item_count(p), weeks);
    if (!s) {
        free(c.rows);
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    for (int k = 0; k < c.n; k++)
        op_schedule_add(s, c.rows[k].item, c.rows[k].week, c.rows[k].hours);
    free(c.rows);
    *out = s;
    return OP_OK;
}

/* ---- status.csv ------------------------------------------------------- */

enum { S_ID, S_STATE, S_REMAINING, S_SPENT, S_N };
static const col_spec status_cols[S_N] = {
    {"id", 1, NULL}, {"state", 1, NULL}, {"remaining_hours", 0, NULL}, {"spent_hours", 0, NULL}};

typedef struct status_ctx {
    op_plan *p;
    op_diag *d;
    char *seen;
} status_ctx;

static int status_row(void *ctx, const row_view *r)
{
    status_ctx *c = ctx;
    static const char *const states[] = {"todo", "doing", "done"};
    int item = op_plan_find_item(c->p, r->cell[S_ID]);
    op_loc l = csvread_loc(r, S_ID);
    if (!r->cell[S_ID][0]) {
        op_diag_error(c->d, OP_EDATA, &l, "id: required value is empty");
        return 0;
    }
    if (item < 0) {
        unknown_item(c->p, r->cell[S_ID], l, c->d);
        return 0;
    }
    if (c->seen[item]) {
        op_diag_error(c->d, OP_EDATA, &l, "item \"%s\" has two status rows", r->cell[S_ID]);
        return 0;
    }
    c->seen[item] = 1;
    int state = r->cell[S_STATE][0] ? csvread_enum(r, S_STATE, "state", states, 3, -1, c->d) : -2;
    if (state == -2) {
        op_loc ls = csvread_loc(r, S_STATE);
        op_diag_error(c->d, OP_EDATA, &ls, "state: required value is empty");
        return 0;
    }
    double rem, spent;
    if (state < 0 ||
        csvread_number(r, S_REMAINING, "remaining_hours", 0, 0, -1, &rem, c->d) ||
        csvread_number(r, S_SPENT, "spent_hours", 0, 0, -1, &spent, c->d))
        return 0;
    double effort = op_plan_item(c->p, item)->effort;
    if (state == 1 && op_plan_item(c->p, item)->duration) {
        op_loc ls = csvread_loc(r, S_STATE);
        op_diag_error(c->d, OP_EDATA, &ls,
                      "item \"%s\" is a fixed-duration item: re-planning one in progress is not "
                      "supported, mark it todo or done",
                      r->cell[S_ID]);
        return 0;
    }
    if (state == 1) { /* doing */
        if (rem < 0)
            rem = spent >= 0 ? (effort > spent ? effort - spent : 0) : effort;
        if (rem <= 0) {
            op_loc lr = csvread_loc(r, r->cell[S_REMAINING][0] ? S_REMAINING : S_STATE);
            op_diag_error(c->d, OP_EDATA, &lr, "item \"%s\" is doing with no hours left: mark it done",
                          r->cell[S_ID]);
            return 0;
        }
        op_plan_set_progress(c->p, item, 0, 1, rem);
    } else if (state == 2) {
        op_plan_set_progress(c->p, item, 1, 0, 0);
    } else {
        if (rem == 0) { /* nothing left is done, not todo: the solver needs hours to place */
            op_loc lr = csvread_loc(r, S_REMAINING);
            op_diag_error(c->d, OP_EDATA, &lr, "item \"%s\" is todo with no hours left: mark it done",
                          r->cell[S_ID]);
            return 0;
        }
        op_plan_set_progress(c->p, item, 0, 0, rem >= 0 ? rem : effort);
    }
    return 0;
}

op_status op_inputs_load_status(const char *path, op_plan *p, op_diag *d)
{
    status_ctx c = {p, d, calloc((size_t)op_plan_item_count(p) + 1, 1)};
    if (!c.seen) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    int before = op_diag_count(d);
    csvread_table(path, status_cols, S_N, 1, status_row, &c, d);
    free(c.seen);
    if (op_diag_count(d) > before)
        return op_diag_status(d);
    /* a dependency of work already started or done must itself be done */
    for (int i = 0; i < op_plan_item_count(p); i++) {
        const op_item *it = op_plan_item(p, i);
        if (!it->done && !it->started)
            continue;
        for (int k = 0; k < it->ndeps; k++)
            if (!op_plan_item(p, it->deps[k].index)->done) {
                op_loc l = {path, 0, 0};
                op_diag_error(d, OP_EDATA, &l, "item \"%s\" is %s but its dependency \"%s\" is not done",
                              it->id, it->done ? "done" : "doing", it->deps[k].name);
            }
    }
    return op_diag_count(d) > before ? op_diag_status(d) : OP_OK;
}
