/* solver.h - plans a validated plan: greedy schedule, then a lexicographic ILP in GLPK */
#ifndef OPTPLAN_SOLVER_H
#define OPTPLAN_SOLVER_H

#include <signal.h>

#include "../model/model.h"

/* Objective stages, solved in the order given, each held while the next runs. */
typedef enum {
    OP_STAGE_SCHEDULED = 0, /* schedule as much as possible, P0 before P1 before P2 */
    OP_STAGE_LATENESS,      /* minimize total lateness in weeks: gates' and items' past due */
    OP_STAGE_FINISH,        /* minimize the week the last item is done */
    OP_STAGE_PRIORITY,      /* finish higher priority and impact items earlier */
    OP_STAGE_STABILITY,     /* re-planning: fewest hours moved from the previous plan */
    OP_STAGE_FOCUS,         /* fewest paused weeks: items not left idle inside their span */
    OP_STAGE_COST,          /* staffing only: the team's cost */
    OP_STAGE_COUNT
} op_stage;

/* What --focus asks of paused weeks (op_schedule_item_pauses). */
enum { OP_FOCUS_SOFT = 0, OP_FOCUS_HARD, OP_FOCUS_OFF };

typedef struct op_solver_opts {
    int horizon;          /* weeks; 0 = from the greedy schedule */
    double time_limit;    /* seconds for the whole solve; <= 0: no search, greedy only */
    double gap;           /* relative MIP gap accepted per stage (0 = prove optimal) */
    int strict_gates;     /* gate deadlines are hard */
    int strict_due;       /* due weeks are hard (OP_EVAL_STRICT_DUE); by default an item
                             may end after its due week, its weeks late count as lateness */
    int gate_entry_phase; /* exit items start after the gates their gate requires */
    int next_week;        /* --handoff next-week: no item starts in the week a dependency
                             is done (default: same-week hand-offs, see op_eval_new) */
    op_stage stages[OP_STAGE_COUNT];
    int nstages;
    int focus;            /* --focus: OP_FOCUS_SOFT (stage focus as listed), OP_FOCUS_HARD
                             (no paused week at all, in every stage), OP_FOCUS_OFF (the
                             stage is dropped from the list) */
    const char *write_lp; /* write each solved stage's model (CPLEX LP): the first to
                             this path, later ones to PATH.2, PATH.3, ...; NULL for none */
    int verbose;          /* let GLPK print */
    int greedy_only;      /* skip the ILP: the greedy schedule is the answer */
    double hour_step;     /* the schedule's hours are rounded to multiples of this
                             (op_schedule_round_step); <= 0: no rounding */
    /* Progress callback (may be NULL): called about once a second during search. */
    void (*progress)(void *ctx, const char *stage, double incumbent, double bound, double gap,
                     double elapsed);
    void *progress_ctx;
    /* Re-planning: the previous plan's hours (weeks from the plan's first week
       on are compared); NULL for none. With it, a last stage "stability"
       moves as few hours as possible unless stability is 0. */
    const op_schedule *previous;
    int stability;
    /* Set to non-zero (from a signal handler) to stop the search early. */
    volatile sig_atomic_t *interrupt;
} op_solver_opts;

/* Fills o with the defaults: auto horizon, 60 s, gap 0, stages scheduled, lateness,
   finish, focus, priority. */
void op_solver_opts_init(op_solver_opts *o);
/* The evaluator's rules (OP_EVAL_*) these options ask for. */
unsigned op_solver_eval_rules(const op_solver_opts *o);
/* Parses a stage list such as "lateness,finish" into o; -1 on an unknown name. */
int op_solver_parse_stages(op_solver_opts *o, const char *list);
const char *op_stage_name(op_stage s);

typedef enum {
    OP_SOLVE_OPTIMAL = 0, /* every stage proven optimal (within the gap asked) */
    OP_SOLVE_FEASIBLE,    /* a schedule, optimality not proven (time limit) */
    OP_SOLVE_INFEASIBLE,  /* proven: no schedule meets the hard constraints */
    OP_SOLVE_INTERRUPTED, /* stopped by the interrupt flag; schedule as far as found */
    OP_SOLVE_NO_PLAN      /* none found within the time limit (not proven infeasible) */
} op_solve_status;

typedef struct op_stage_result {
    op_stage stage;
    int status;        /* op_solve_status of this stage */
    double objective;  /* value held for the next stages */
    double bound;      /* best bound proven */
    double gap;        /* relative gap, 0 when proven */
    double seconds;    /* wall time (never written into reports) */
    int rows, cols, nonzeros;
} op_stage_result;

typedef struct op_solution {
    op_solve_status status;
    op_schedule *schedule;       /* owned; NULL when infeasible */
    int horizon;
    op_stage_result stages[OP_STAGE_COUNT];
    int nstages;
    int *deferred;               /* items left out, lowest priority first */
    char **deferred_why;         /* one plain-words reason per deferred item */
    int ndeferred;
    char reason[512];            /* why infeasible, when it is */
    double greedy_seconds;
    int greedy_last_week, greedy_lateness;
} op_solution;

/* Solves the validated plan p. On OP_OK *out is a new solution the caller frees
   with op_solution_free (also when status is infeasible); otherwise *out is
   NULL and the problem went to d. */
op_status op_solve(const op_plan *p, const op_solver_opts *o, op_solution **out, op_diag *d);
void op_solution_free(op_solution *s);

/* ---- staffing --------------------------------------------------------- */

/* Staffing models: what a team may look like and what it costs. */
typedef enum {
    OP_STAFF_BLOCK = 0, /* each role one block of weeks (start..end), headcount changing at
                           most max_changes times inside it; paid for its weeks only */
    OP_STAFF_CONSTANT   /* each role one headcount for the whole horizon, paid for all of it */
} op_staff_model;

typedef struct op_staff_opts {
    op_staff_model model;
    int phased;          /* headcount is per week (the block model); set by op_staff */
    int max_changes;     /* block: at most this many changes of headcount inside a role's
                            block (<= 0: one headcount) */
    int min_weeks;       /* block: anyone added stays at least this many weeks (and is
                            paid for them); 1 = no rule */
    int finish_by;       /* every item done by this week; 0 = by the last deadline */
    int keep_team;       /* the current team is a floor, week by week */
    const int *max_headcount; /* per role index, < 0 = no cap; NULL = none */
} op_staff_opts;

void op_staff_opts_init(op_staff_opts *s);

typedef struct op_staff_result {
    op_solve_status status; /* OPTIMAL (proven cheapest), FEASIBLE, INFEASIBLE */
    int horizon, nroles;
    double *headcount;   /* headcount[r * horizon + week - 1] */
    double *hours_per_person; /* per role */
    double cost, bound, gap;
    char reason[512];    /* why infeasible */
} op_staff_result;

/* Finds the cheapest team (headcount per role, constant or phased) with which
   every item is done and every gate meets its deadline. On OP_OK *out is a new
   result the caller frees with op_staff_result_free. */
op_status op_staff(const op_plan *p, const op_solver_opts *o, const op_staff_opts *s,
                   op_staff_result **out, op_diag *d);
void op_staff_result_free(op_staff_result *r);

/* The greedy list schedule alone: weeks 1..max_week (0 = as long as the team
   lasts). Items it cannot fit are left with no hours. Returns a new schedule
   the caller frees, NULL on ENOMEM. */
op_schedule *op_greedy_schedule(const op_plan *p, int max_week, unsigned rules);

/* One greedy pass taking items in the order of rank (smaller first; ties by
   the usual rule): how an LP solution's completion weeks become a schedule. */
op_schedule *op_greedy_ranked(const op_plan *p, int max_week, unsigned rules,
                              const double *rank);

/* The best of tries greedy passes (the plain rule, then randomised ones with
   a fixed seed): most items scheduled, least lateness, earliest last week.
   Returns a new schedule the caller frees, NULL on ENOMEM. */
op_schedule *op_greedy_best(const op_plan *p, int max_week, unsigned rules, int tries);

#endif
