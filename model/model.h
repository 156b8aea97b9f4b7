/* model.h - the plan model: items, team capacity, gates, schedules and diagnostics */
#ifndef OPTPLAN_MODEL_H
#define OPTPLAN_MODEL_H

#include <stddef.h>

/* Limits every input is held to; beyond them a clear error, never a hang. */
#define OP_MAX_WEEK 520        /* weeks are 1..OP_MAX_WEEK (ten years) */
#define OP_MAX_ITEMS 20000
#define OP_MAX_ROLES 500
#define OP_MAX_GATES 1000
#define OP_MAX_ROWS 200000     /* rows of any one CSV file */
#define OP_MAX_CELL 4096       /* bytes in one CSV cell */
#define OP_MAX_FILE (64L << 20) /* bytes in one input file */
#define OP_MAX_NUMBER 1e7      /* any hours or headcount figure */
#define OP_MAX_ERRORS 20       /* diagnostics kept per run */

/* Status codes returned by every module; main maps them to exit codes. */
typedef enum op_status {
    OP_OK = 0,
    OP_EDATA,    /* an input is wrong */
    OP_ENOINPUT, /* an input cannot be opened */
    OP_EOUTPUT,  /* an output cannot be created */
    OP_EIO,      /* a read or write failed */
    OP_ENOMEM,   /* out of memory */
    OP_EINTERNAL /* a bug: a self-check failed */
} op_status;

/* A source position: FILE:LINE:FIELD, line and field 1-based, 0 = unknown. */
typedef struct op_loc {
    const char *file;
    unsigned line;
    unsigned col;
} op_loc;

/* ---- small shared utilities (util.c) --------------------------------- */

/* Seconds on a monotonic clock: deadlines and elapsed times are differences
   or absolute values of it. The only clock of the program. */
double op_now(void);

/* The one pseudo-random generator: a 64-bit linear congruential generator,
   so every search that draws from it is reproducible from its seed. */
typedef struct op_rng {
    unsigned long long state;
} op_rng;
/* The next 53 random bits. */
unsigned long long op_rng_next(op_rng *r);
/* A uniform value in [0, 1). */
double op_rng_unit(op_rng *r);

/* dir/name as a new string the caller frees (no doubled slash); NULL on
   ENOMEM. */
char *op_path_join(const char *dir, const char *name);

/* The last component of path, trailing slashes ignored: returns its offset
   in path and sets *len to its length (the part before it, less one slash,
   is the parent; offset 0: none). */
size_t op_path_base(const char *path, size_t *len);

/* "P0".."P3" for priority 0..3 ("P?" otherwise); a static string. */
const char *op_priority_name(int priority);

/* ---- "did you mean": the closest known name (names.c) ---------------- */

/* Index of the entry of names[0..n-1] closest to name, for a "did you mean"
   hint after a name was not found: the name itself, else the same ignoring
   ASCII case, else one at most 2 edits away (insertion, deletion,
   substitution or swap of neighbours, counted in characters, ignoring case)
   and at most a third of name's length, so short names like "A9" get no
   guess. NULL entries are skipped. Returns -1 when none is that close or
   when two are equally close (an ambiguous guess misleads). */
int op_closest_name(const char *name, const char *const *names, int n);

/* ---- diagnostics (diag.c) ------------------------------------------- */

typedef struct op_diag op_diag;

/* New collector that keeps the first max_errors messages; NULL on ENOMEM.
   The caller frees it with op_diag_free. */
op_diag *op_diag_new(int max_errors);
void op_diag_free(op_diag *d);
/* Records one error at loc (may be NULL) with the given status class.
   The message follows GNU style: lower case, no trailing period. */
void op_diag_error(op_diag *d, op_status st, const op_loc *loc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Number of errors reported (including those past the cap). */
int op_diag_count(const op_diag *d);
/* Number of errors kept (at most max_errors). */
int op_diag_kept(const op_diag *d);
/* Message i (0-based, < kept) as "FILE:LINE:FIELD: text"; owned by d. */
const char *op_diag_message(const op_diag *d, int i);
/* The status of the first error, OP_OK when none. */
op_status op_diag_status(const op_diag *d);

/* ---- the plan (plan.c) ----------------------------------------------- */

typedef enum { OP_IMPACT_NONE = 0, OP_IMPACT_LOW, OP_IMPACT_MEDIUM, OP_IMPACT_HIGH } op_impact;
typedef enum { OP_DECISION_NONE = 0, OP_DECISION_MUST, OP_DECISION_SHOULD, OP_DECISION_NICE } op_decision;

/* A reference by name to another record, resolved by op_plan_validate. */
typedef struct op_ref {
    const char *name;
    int index; /* -1 until resolved */
    op_loc loc;
} op_ref;

/* One role of a fixed-duration item's crew. */
typedef struct op_crew {
    op_ref role;
    double count; /* people of that role held in every period the item runs */
} op_crew;

typedef struct op_item {
    const char *id, *title, *category;
    int priority;        /* 0..3 for P0..P3 */
    double effort;       /* hours, > 0 */
    op_ref role;         /* index into roles */
    op_impact impact;
    int quick_win;       /* -1 not given, 0 NO, 1 YES */
    op_decision decision;
    op_ref *deps;        /* items that must be done before this one starts */
    int ndeps;
    int earliest_week;   /* 0 = not given */
    int due_week;        /* 0 = not given */
    int lag_weeks;       /* 0 = not given (the hand-off rules decide); L >= 1: starts at
                            least L periods after each dependency's last period */
    int max_people;      /* >= 1 */
    /* fixed-duration item (duration > 0): runs duration consecutive weeks
       and holds its whole crew in each; its effort is the crew's hours */
    int duration;
    op_crew *crew;
    int ncrew;
    /* ranged estimates (forecasts): the most likely value is effort (or
       duration); 0 = not given (then --uncertainty, or no range) */
    double effort_low, effort_high;
    int duration_low, duration_high;
    /* progress (re-planning from a status): hours still to do, and whether the
       item was done or started before the planning weeks begin */
    double remaining;    /* = effort unless a status says otherwise */
    int done;            /* done before the first planning week */
    int started;         /* started before the first planning week */
    op_loc loc;          /* the row */
    op_loc earliest_loc, due_loc;
} op_item;

typedef struct op_team_row {
    op_ref role;
    double headcount;      /* >= 0 */
    double hours_per_week; /* > 0 */
    int from_week;         /* >= 1 */
    int to_week;           /* 0 = open-ended */
    double cost_per_hour;  /* < 0 = not given */
    op_loc loc;            /* the row (its to_week cell, for week errors) */
    op_loc cost_loc;
} op_team_row;

typedef struct op_gate {
    const char *id, *name;
    int deadline_week;
    op_ref *requires;
    int nrequires;
    op_ref *items;
    int nitems;
    op_loc loc, deadline_loc;
} op_gate;

typedef struct op_role {
    const char *name;
    double cost_per_hour; /* < 0 = not given */
    int last_week;        /* last week with a team row; OP_MAX_WEEK if open-ended */
} op_role;

typedef struct op_plan op_plan;

/* New empty plan; NULL on ENOMEM. The plan owns every string and array
   added to it; free it with op_plan_free. */
op_plan *op_plan_new(void);
void op_plan_free(op_plan *p);

/* Copies s into the plan's string store; the result lives as long as p. */
const char *op_plan_intern(op_plan *p, const char *s);

/* Adds a record (copied; strings must be interned). Returns its index, or -1
   on ENOMEM or when a limit is reached (reported through d). */
int op_plan_add_item(op_plan *p, const op_item *it, op_diag *d);
int op_plan_add_team_row(op_plan *p, const op_team_row *row, op_diag *d);
int op_plan_add_gate(op_plan *p, const op_gate *g, op_diag *d);
/* Appends one reference to a list of record idx. */
int op_plan_item_add_dep(op_plan *p, int item, const op_ref *ref);
int op_plan_gate_add_require(op_plan *p, int gate, const op_ref *ref);
int op_plan_item_add_crew(op_plan *p, int item, const op_ref *role, double count);
int op_plan_gate_add_item(op_plan *p, int gate, const op_ref *ref);

/* Resolves references, builds roles and the capacity table and checks the
   plan as a whole (duplicates, unknown names, cycles, windows). Every problem
   goes to d; returns OP_OK only when the plan is usable. */
op_status op_plan_validate(op_plan *p, op_diag *d);

/* A what-if plan: p's items, gates, period, first planning week and progress
   with rows[0..nrows-1] as its whole team instead of p's (staff replays the
   team it found this way). p must be validated; the rows' strings are copied,
   their locations kept as given. On OP_OK *out is a new validated plan the
   caller frees with op_plan_free; otherwise *out is NULL and the problem
   (out of memory, or a team that cannot carry the items) went to d. */
op_status op_plan_with_team(const op_plan *p, const op_team_row *rows, int nrows, op_plan **out,
                            op_diag *d);

/* The changes op_plan_edited makes to a copy of a plan. */
typedef struct op_plan_edit {
    const op_team_row *rows; /* the whole team instead of p's; NULL: p's */
    int nrows;
    int drop_item, drop_dep; /* item drop_item loses its dependency on item drop_dep (-1: none) */
    const char *scale;       /* scale[i] != 0: item i's remaining effort times factor; NULL none */
    double factor;
    const char *unlag;       /* unlag[i] != 0: item i loses its lag_weeks; NULL none */
    const int *deadlines;    /* deadlines[g] > 0: gate g's deadline week instead; NULL none */
    const double *left;      /* left[i] >= 0: item i's hours left (a fixed-duration item's
                                weeks) instead, its range dropped; NULL none */
} op_plan_edit;

/* A what-if plan: p (validated) with the edits e, the same way as
   op_plan_with_team (which is op_plan_edited with only rows). */
op_status op_plan_edited(const op_plan *p, const op_plan_edit *e, op_plan **out, op_diag *d);

int op_plan_item_count(const op_plan *p);
int op_plan_role_count(const op_plan *p);
int op_plan_gate_count(const op_plan *p);
int op_plan_team_row_count(const op_plan *p);
const op_item *op_plan_item(const op_plan *p, int i);
const op_role *op_plan_role(const op_plan *p, int r);
const op_gate *op_plan_gate(const op_plan *p, int g);
const op_team_row *op_plan_team_row(const op_plan *p, int k);
/* Index of the named record, -1 when absent (valid after op_plan_validate
   for roles; at any time for items and gates). */
int op_plan_find_item(const op_plan *p, const char *id);
int op_plan_find_role(const op_plan *p, const char *name);
int op_plan_find_gate(const op_plan *p, const char *id);

/* The planning period. Inputs always count weeks; a plan in days (5 working
   days a week, each a fifth of hours_per_week) holds every week-valued field
   converted to days when it is read, so the solver and the checker count
   periods and never need to know which. Reports name the period. */
typedef enum op_period { OP_PERIOD_WEEK = 0, OP_PERIOD_DAY = 1 } op_period;
#define OP_DAYS_PER_WEEK 5
void op_plan_set_period(op_plan *p, op_period period);
op_period op_plan_period(const op_plan *p);
/* "week"/"day" (plural: "weeks"/"days"), and capitalized: "Week"/"Day". */
const char *op_period_word(op_period period, int plural);
const char *op_period_Word(op_period period, int plural);
/* The period a week-valued input field names: week w itself, or with days
   the first day of week w (start = 1) or its last day (start = 0). */
int op_period_of_week(op_period period, int week, int start);

/* Calendar dates (calendar.c): a date is a day number, 0 = 1970-01-01, in
   the proleptic Gregorian calendar. A plan may have a start date, the
   Monday of week 1 (--start); without one, reports count weeks only and
   inputs may not give dates. A week runs Monday..Friday; a day plan's day t
   is the ((t-1) mod 5)-th working day of week (t-1)/5 + 1. Nothing here
   reads the clock. */
typedef long op_date;
#define OP_DATE_NONE (-2147483647L - 1)
#define OP_DATE_LEN 11 /* "YYYY-MM-DD" and its NUL */
#define OP_DATE_MIN_YEAR 1900
#define OP_DATE_MAX_YEAR 2999
/* Parses an ISO date YYYY-MM-DD (exactly) into *out: 0, or -1 when s is
   not one or names no real day (2027-02-30) or its year is out of range. */
int op_date_parse(const char *s, op_date *out);
/* 1 when s has a date's shape (NNNN-NN-NN), to tell "a bad date" from "not
   a number" in messages. */
int op_date_looks_like(const char *s);
void op_date_format(op_date day, char buf[OP_DATE_LEN]);
int op_date_weekday(op_date day); /* 0 = Monday .. 6 = Sunday */
op_date op_week_monday(op_date start, int week);
/* The week (1 = the week of start) that holds day; may be < 1 or past
   OP_MAX_WEEK (clamped to -OP_MAX_WEEK..2*OP_MAX_WEEK) for callers to reject. */
int op_week_of_date(op_date start, op_date day);
/* The first (last = 0) or last (last = 1) working day of period t. */
op_date op_period_date(op_date start, op_period period, int t, int last);
/* The plan's start date, OP_DATE_NONE when it has none (the start of its
   settings). */
void op_plan_set_start(op_plan *p, op_date start);
op_date op_plan_start(const op_plan *p);
/* The period of a plan starting at start that holds day: its week, or in a
   day plan its working day. A Saturday or Sunday is a working day only in
   weeks: in days it becomes the next Monday (next = 1: a first day, as
   earliest_week or from_week) or the Friday before (next = 0: a last day).
   May be < 1 or past OP_MAX_WEEK for callers to reject. */
int op_period_of_date(op_period period, op_date start, op_date day, int next);

/* The plan's settings (settings.csv, --start): the start date and the
   seed's conventions the reports follow, with the seed's values as
   defaults (op_settings_init). */
#define OP_WORD_MAX 32 /* bytes in a roadmap word */
typedef struct op_settings {
    op_date start;             /* the Monday of week 1; OP_DATE_NONE (default): none */
    double go_should_percent;  /* "Go": every must-have and at least this share (0..100)
                                  of the should-haves done; 80 */
    double effort_medium_from; /* impact/effort bands: MEDIUM from this many hours (16), */
    double effort_high_from;   /* HIGH from this many (40); LOW below MEDIUM */
    /* the roadmap's status words: the week an item starts ("starts"), a week
       it goes on ("works"), the week it is finished ("ends") */
    char word_starts[OP_WORD_MAX + 1], word_works[OP_WORD_MAX + 1], word_ends[OP_WORD_MAX + 1];
} op_settings;
void op_settings_init(op_settings *s);
/* Copies s into p (the start date included); the default is op_settings_init's. */
void op_plan_set_settings(op_plan *p, const op_settings *s);
const op_settings *op_plan_settings(const op_plan *p);

/* A day off (holidays.csv): it lowers the capacity of the period holding
   date (with a start date set; a Saturday, a Sunday, or a date outside
   weeks 1..OP_MAX_WEEK takes nothing away). Each person of the role (every
   role when role.name is "") loses hours, or the whole working day (a fifth
   of hours_per_week) when hours < 0; several holidays on one date add up to
   at most the whole day. Capacity never goes below zero. */
typedef struct op_holiday {
    op_date date;
    op_ref role;     /* name "": every role */
    double hours;    /* per person, < 0: the whole day */
    op_loc loc;      /* the date cell */
    op_loc hours_loc;
} op_holiday;
#define OP_MAX_HOLIDAYS 20000
/* Adds a holiday (copied; its role name must be interned) before
   op_plan_validate, which resolves its role, checks its hours against the
   working day and applies it. -1 on ENOMEM or the limit (reported). */
int op_plan_add_holiday(op_plan *p, const op_holiday *h, op_diag *d);
int op_plan_holiday_count(const op_plan *p);
const op_holiday *op_plan_holiday(const op_plan *p, int k);

/* Re-planning: weeks before first are history. Items done there count as
   done (at week first-1, at least 1); items started there keep their start. */
void op_plan_set_first_week(op_plan *p, int first);
int op_plan_first_week(const op_plan *p);
/* Records item i's progress: done, or started with remaining hours left. */
void op_plan_set_progress(op_plan *p, int i, int done, int started, double remaining);
/* The week a done item counts as done. */
int op_plan_history_week(const op_plan *p);

/* Capacity in hours of role r in week t (1-based); 0 outside the team rows. */
double op_plan_capacity(const op_plan *p, int r, int week);
/* The most hours one person of role r works in week t (hours_per_week of the
   rows covering it; the role's largest hours_per_week when none does). */
double op_plan_person_hours(const op_plan *p, int r, int week);
/* Hours a fixed-duration item i holds of role r in week t (0 when r is not
   in its crew, or for effort items). */
double op_plan_crew_hours(const op_plan *p, int i, int r, int week);
/* All hours a fixed-duration item holds in week t, over its crew. */
double op_plan_crew_week_hours(const op_plan *p, int i, int week);

/* Most hours item i may receive in week t: max_people x person hours, capped
   by the role's capacity. */
double op_plan_item_week_cap(const op_plan *p, int i, int week);
/* Last week with capacity for any role (OP_MAX_WEEK when open-ended). */
int op_plan_last_capacity_week(const op_plan *p);
int op_plan_max_deadline(const op_plan *p);
/* The natural horizon of a plan: its last gate deadline or item due week,
   whichever is later; 0 when it has neither. */
int op_plan_last_due_week(const op_plan *p);
/* The weeks a plan naturally spans: its team's last week (when the team
   ends), its last gate deadline or item due week, whichever is latest; 0
   when it has none of them. Reports show these weeks, schedules are read
   within them, and the solver plans at least as far when items are left out. */
int op_plan_natural_horizon(const op_plan *p);
/* The one walk over gate requirements (valid plans only): marks in
   gates[0..gate count) gate g and every gate it requires, transitively;
   with items (may be NULL), marks in items[0..item count) every exit item of
   those gates and, transitively, the items they depend on. Both arrays are
   overwritten. */
void op_plan_gate_needs(const op_plan *p, int g, char *gates, char *items);
/* Items in a topological order of depends_on (valid plans only). */
const int *op_plan_topo_order(const op_plan *p);
/* Gates in a topological order of requires (valid plans only). */
const int *op_plan_gate_order(const op_plan *p);

/* ---- schedules (schedule.c) ----------------------------------------- */

/* Hours per item per week, weeks 1..nweeks. */
typedef struct op_schedule op_schedule;

/* New all-zero schedule; NULL on ENOMEM. Free with op_schedule_free. */
op_schedule *op_schedule_new(int nitems, int nweeks);
void op_schedule_free(op_schedule *s);
int op_schedule_items(const op_schedule *s);
int op_schedule_weeks(const op_schedule *s);
double op_schedule_get(const op_schedule *s, int item, int week);
void op_schedule_set(op_schedule *s, int item, int week, double hours);
void op_schedule_add(op_schedule *s, int item, int week, double hours);
/* Same hours, rounded to 1e-6 h so solver noise never reaches a report. */
void op_schedule_round(op_schedule *s);
/* Rounds a valid schedule of plan p to the hour step (hours.c): per effort
   item, the hours booked up to each week it runs are rounded to a multiple of
   step, so every week holds a multiple of step except the item's last, which
   takes the rest (a remainder when its remaining effort is no multiple).
   Totals, first and last weeks stay; no week passes max_people, no role-week
   its capacity. Fixed-duration items keep their crew's hours. step <= 0 only
   cleans solver noise (op_schedule_round). Returns the number of items that
   keep their hours because no rounding keeps every rule (0 on a solver's
   schedules so far), -1 out of memory. */
int op_schedule_round_step(op_schedule *s, const op_plan *p, double step);

/* ---- evaluation of a schedule against the plan (evaluate.c) ---------- */

/* Tolerance for hours comparisons (solver output is floating point). */
#define OP_EPS 1e-6

/* Every kind of violation, in one table: X(kind, name) with name the word
   violations.csv prints. The order fixes the enum values; reports index their
   own tables by kind, generated from this list so none can miss a kind. */
#define OP_VIOLATION_KINDS(X)                                                                   \
    X(OP_V_OVER_CAPACITY, over_capacity)  /* role booked past its capacity in a week */         \
    X(OP_V_MAX_PEOPLE, max_people)        /* more than max_people can do in a week */           \
    X(OP_V_DEPENDENCY, dependency)        /* item starts before a dependency is done */         \
    X(OP_V_EARLY, before_earliest)        /* item starts before earliest_week */                \
    X(OP_V_DUE, after_due)                /* item done after due_week (strict due) */           \
    X(OP_V_UNDER, under_allocated)        /* fewer hours than its effort (not 0) */             \
    X(OP_V_OVER, over_allocated)          /* more hours than its effort */                      \
    X(OP_V_UNSCHEDULED, unscheduled)      /* item given no hours */                             \
    X(OP_V_GATE_ENTRY, gate_entry)        /* exit item started before a required gate passed */ \
    X(OP_V_CREW_BROKEN, crew_broken)      /* fixed-duration item not run as one block */        \
    X(OP_V_HANDOFF, handoff)              /* same-week chain over one person's week */

#define OP_V_ENUM_(kind, name) kind,
typedef enum { OP_VIOLATION_KINDS(OP_V_ENUM_) OP_V_COUNT } op_violation_kind;
#undef OP_V_ENUM_

/* The name of a kind as violations.csv prints it ("over_capacity", ...);
   "" for a value outside the enum. A static string. */
const char *op_violation_name(op_violation_kind kind);

typedef struct op_violation {
    op_violation_kind kind;
    int item;   /* -1 when not about one item */
    int role;   /* -1 when not about one role */
    int week;   /* 0 when not about one week */
    int other;  /* dependency item or required gate, -1 otherwise */
    double a, b; /* booked/available, given/effort, ... */
} op_violation;

typedef struct op_item_eval {
    double hours;   /* hours given */
    int start_week; /* 0 when not scheduled */
    int end_week;   /* week the last hour is given, 0 when none */
    int done;       /* all effort given */
    int late;       /* weeks a done item ends after its due_week; 0 with
                       OP_EVAL_STRICT_DUE, where that is a violation instead */
} op_item_eval;

typedef struct op_gate_eval {
    int passed_week;  /* 0 = not passed */
    int lateness;     /* weeks past deadline; when not passed, horizon+1-deadline */
    int late_items[8]; /* up to 8 exit items done last or never */
    int nlate_items;
} op_gate_eval;

typedef struct op_eval op_eval;

/* Rules of op_eval_new beyond the plan's own, or-ed together (0: none). */
#define OP_EVAL_GATE_ENTRY 1u /* --gate-entry phase: exit items start after required gates */
#define OP_EVAL_NEXT_WEEK 2u  /* --handoff next-week: no item starts in the week a
                                 dependency is done */
#define OP_EVAL_STRICT_DUE 4u /* --strict-due: an item done after its due week breaks a
                                 rule (OP_V_DUE); without it the item is late, and its
                                 weeks late count as lateness (op_item_eval.late) */

/* The same-week hand-off rule (unless OP_EVAL_NEXT_WEEK): effort item i may
   start in week t when each dependency j is done by the end of t; when j is
   an effort item done in t itself (a same-week link j -> i), the chain's
   hours in t, chain(i) = hours(i, t) + the largest chain(j) over its
   same-week links, must fit the smaller person-week of the two roles,
   chain(j) + hours(i, t) <= min(person_hours(role j, t), person_hours(role
   i, t)). chain(j) in week t is hours(j, t) plus, when j itself started in
   t, its own same-week links' chain. Fixed-duration items take part in no
   same-week link, nor does an item with lag_weeks L >= 1: it starts no
   earlier than L periods after each dependency's last period. */

/* Evaluates s against p: per-item, per-gate and per-role-week figures and every
   violation. rules (OP_EVAL_*) adds rules. Returns NULL on ENOMEM; the caller
   frees the result with op_eval_free. */
op_eval *op_eval_new(const op_plan *p, const op_schedule *s, unsigned rules);
void op_eval_free(op_eval *e);
int op_eval_weeks(const op_eval *e);
const op_item_eval *op_eval_item(const op_eval *e, int i);
const op_gate_eval *op_eval_gate(const op_eval *e, int g);
double op_eval_load(const op_eval *e, int role, int week);
int op_eval_violation_count(const op_eval *e);
const op_violation *op_eval_violation(const op_eval *e, int k);
/* Last week in which any hours are given, 0 for an empty schedule. */
int op_eval_last_week(const op_eval *e);
/* Weeks late: gates' (op_gate_eval.lateness) plus items' past their due
   weeks (op_item_eval.late); the total is their sum, the lateness stage's
   objective. */
int op_eval_total_lateness(const op_eval *e);
int op_eval_gate_lateness(const op_eval *e);
int op_eval_item_lateness(const op_eval *e);
int op_eval_gates_met(const op_eval *e);
int op_eval_scheduled_count(const op_eval *e);
/* Violations other than unscheduled items and late gates: the schedule
   breaks a hard rule. */
int op_eval_hard_violations(const op_eval *e);
/* The one meaning of "a better schedule" (both evaluations of plan p):
   more items scheduled, weighted so that one item of a priority outweighs
   any number of lower ones, then less total lateness, then an earlier last
   week. Negative when a is better, positive when b is, 0 when neither. */
int op_eval_compare(const op_plan *p, const op_eval *a, const op_eval *b);

/* Focused work. A paused week of effort item i in s is a week strictly
   between the first and the last week in which it gets hours, in which it
   gets none (at most OP_EPS) although its role has capacity for it
   (op_plan_item_week_cap > 0): the item waits while the role could work on
   it. Fixed-duration items run as one block and have none. Writes up to
   nmax of the weeks, in order, to weeks (may be NULL when nmax is 0) and
   returns how many there are. */
int op_schedule_item_pauses(const op_plan *p, const op_schedule *s, int i, int *weeks, int nmax);
/* The paused weeks of every item of s together (summary.csv's paused_weeks). */
int op_schedule_paused_weeks(const op_plan *p, const op_schedule *s);

/* ---- forecasts: the plan executed under sampled efforts (forecast.c) -- */

/* How efforts are drawn between low, most likely and high. */
typedef enum op_dist { OP_DIST_PERT = 0, OP_DIST_TRIANGULAR } op_dist;

typedef struct op_forecast_opts {
    int scenarios;            /* N >= 1 */
    unsigned long long seed;  /* the same seed, the same draws */
    op_dist dist;
    double uncertainty;       /* items without a range: most likely x (1 -+ this); 0 none */
    int next_week;            /* --handoff next-week: no same-week hand-offs */
    int early;                /* --start-rule early: items may start before their
                                 planned start, on hours nobody else needs */
} op_forecast_opts;

/* The policy (README, "Forecasts"): the plan s is what the team follows.
   Each scenario draws every item's effort (or duration) and runs the weeks
   from the first planning week: an item starts no earlier than its planned
   start (with early: as soon as it can, on hours nobody else needs), and
   later when a dependency (with its lag and the same-week hand-off rule)
   or its crew's hours hold it; each week an item first gets the hours the
   plan gave it that week, then, when it is behind (more left than the plan
   gives it from next week on), the hours its role still has free, in the
   plan's order of items (planned start, end, dependency order). Items the
   plan leaves out stay out. With every range of zero width and the plan
   start rule, the scenario is the plan itself. Results are tallies over
   the scenarios: memory does not grow with N. */
typedef struct op_forecast op_forecast;

/* Runs o->scenarios scenarios of plan p (validated) following schedule s.
   Returns NULL on ENOMEM; free with op_forecast_free. */
op_forecast *op_forecast_run(const op_plan *p, const op_schedule *s, const op_forecast_opts *o);
void op_forecast_free(op_forecast *f);
int op_forecast_scenarios(const op_forecast *f);
/* The latest week any scenario finished its work or passed a gate in
   (charts' right edge). */
int op_forecast_last_seen(const op_forecast *f);
/* The q-quantile (0 < q <= 1) of gate g's pass week: the first week by
   which at least q of the scenarios passed it; 0 when fewer than q of them
   ever did. */
int op_forecast_gate_quantile(const op_forecast *f, int g, double q);
/* The share of scenarios that passed gate g by week w. */
double op_forecast_gate_by(const op_forecast *f, int g, int w);
/* The same for the week the last planned item is done. */
int op_forecast_last_quantile(const op_forecast *f, double q);
double op_forecast_last_by(const op_forecast *f, int w);
/* The share of scenarios in which item i was on the chain that decided a
   late gate: the gate's exit item done last, then, while an item started
   later than planned because of a dependency, that dependency. */
double op_forecast_criticality(const op_forecast *f, int i);
/* Scenario k (0-based) of op_forecast_run alone: every item's draw (hours,
   or a fixed-duration item's weeks) into draws and each gate's week (0:
   never) into gate_weeks. 0, or -1 on ENOMEM. */
int op_forecast_scenario(const op_plan *p, const op_schedule *s, const op_forecast_opts *o, int k,
                         double *draws, int *gate_weeks);
/* Item i's effort range as forecasts draw it: low, most likely, high (the
   remaining hours of a started item, its range scaled to them). */
void op_forecast_range(const op_plan *p, int i, double uncertainty, double *low, double *mode,
                       double *high);

/* ---- a report directory read back, for comparisons (run.c) ----------- */

typedef enum {
    OP_RUN_METRIC = 0,
    OP_RUN_GATE,
    OP_RUN_ITEM,
    OP_RUN_LOAD,
    OP_RUN_FORECAST, /* gates of forecast.csv: p80 week (a), chance by the deadline (b) */
    OP_RUN_PARTS
} op_run_part;

/* OP_RUN_LOAD keys are "ROLE" OP_RUN_KEY_SEP "WEEK" (a role's capacity in one
   week of load.csv, field a); a character no role name holds in practice. */
#define OP_RUN_KEY_SEP '\x1f'

/* Named rows of one run: metrics (value), gates (deadline, passed week),
   items (start, end week), load (capacity hours). Every string is copied and
   owned by the run. */
typedef struct op_run op_run;

/* New empty run labelled label; NULL on ENOMEM. Free with op_run_free. */
op_run *op_run_new(const char *label);
void op_run_free(op_run *r);
const char *op_run_label(const op_run *r);
/* Copies s into the run; the result lives as long as r (NULL on ENOMEM). */
const char *op_run_keep(op_run *r, const char *s);
/* Adds a row (b may be NULL); -1 on ENOMEM. */
int op_run_put(op_run *r, op_run_part part, const char *key, const char *a, const char *b);
int op_run_count(const op_run *r, op_run_part part);
const char *op_run_key(const op_run *r, op_run_part part, int k);
/* Field a (which = 0) or b (which = 1) of the row named key; NULL when absent. */
const char *op_run_get(const op_run *r, op_run_part part, const char *key, int which);

/* ---- an issue tracker's issues, before they are optplan inputs (tracker.c) */

/* How far an issue is: todo, doing or done (status.csv's states). */
typedef enum { OP_ISSUE_TODO = 0, OP_ISSUE_DOING, OP_ISSUE_DONE } op_issue_state;

/* One issue as a tracker holds it. Strings are interned in the tracker. */
typedef struct op_issue {
    const char *key, *title, *type; /* key unique; type "" when not given */
    const char *role;    /* "" when not found */
    int priority;        /* 0..3 for P0..P3 */
    double effort;       /* hours, > 0 once imported */
    op_issue_state state;
    double remaining;    /* hours left, < 0 when not given */
    double spent;        /* hours logged, < 0 when not given */
    op_date start, due;  /* OP_DATE_NONE when not given */
    op_ref *deps;        /* keys of the issues it depends on (index: after op_tracker_check) */
    int ndeps;
    const char **versions; /* fix versions, as named */
    int nversions;
    op_loc loc;          /* the row; loc.col unused */
} op_issue;

typedef struct op_tracker op_tracker;

/* New empty tracker; NULL on ENOMEM. It owns every string and array added
   to it; free it with op_tracker_free (NULL: no-op). */
op_tracker *op_tracker_new(void);
void op_tracker_free(op_tracker *t);
/* Copies s into t; the result lives as long as t (NULL on ENOMEM). */
const char *op_tracker_intern(op_tracker *t, const char *s);
/* Adds a copy of is (its strings interned, deps and versions empty): its
   index, or -1 on ENOMEM or past OP_MAX_ITEMS (reported through d). */
int op_tracker_add_issue(op_tracker *t, const op_issue *is, op_diag *d);
/* Appends a dependency (ref's name interned) or a fix version (interned;
   loc: where it is named, kept from its first mention) to issue i; -1 on
   ENOMEM. */
int op_tracker_add_dep(op_tracker *t, int i, const op_ref *ref);
int op_tracker_add_version(op_tracker *t, int i, const char *name, op_loc loc);
/* Sets the release date of a fix version: 0, or -1 when no issue names it. */
int op_tracker_set_version_date(op_tracker *t, const char *name, op_date day);
int op_tracker_issue_count(const op_tracker *t);
const op_issue *op_tracker_issue(const op_tracker *t, int i);
/* The fix versions the issues name, in the order first named, with their
   release dates (OP_DATE_NONE when not set). */
int op_tracker_version_count(const op_tracker *t);
const char *op_tracker_version(const op_tracker *t, int v, op_date *release);

/* Checks t as a whole and resolves dependencies: duplicate keys, links to
   keys not in t (drop_unknown: removed, each a warning in warn; else an
   error in d), a started or done issue depending on one not done (the link
   removed, a warning), dependency cycles (an error at the link that closes
   one). Returns OP_OK when t can be written as inputs. */
op_status op_tracker_check(op_tracker *t, int drop_unknown, op_diag *d, op_diag *warn);
/* Checks that every fix version has a release date: an error in d at its
   first mention for each that has none. */
op_status op_tracker_check_versions(const op_tracker *t, op_diag *d);
/* Index of the issue with that key, -1 when none (after op_tracker_check). */
int op_tracker_find(const op_tracker *t, const char *key);

#endif
