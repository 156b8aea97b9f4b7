/* internal.h - what the solver's files share and nothing outside solver/ sees */
#ifndef OPTPLAN_SOLVER_INTERNAL_H
#define OPTPLAN_SOLVER_INTERNAL_H

#include "solver.h"

/* Seconds on a monotonic clock: deadlines are absolute values of it. */
double op_solver_now(void);

/* ---- plans of fixed-duration items alone (rcpsp.c) --------------------
   Such a plan is a resource-constrained project scheduling problem: whole
   crews held for whole weeks, finish-to-start dependencies, a makespan.
   rcpsp.c gives it the methods that problem is known to need: a strong
   heuristic incumbent, and windows and lower bounds from propagation. */
typedef struct rc_inst rc_inst;

/* A new instance of plan p (which must outlive it) when every item is a
   fixed-duration item still to do, with no due week, and the gates do not
   constrain starts; NULL otherwise, and NULL with *nomem set on ENOMEM.
   Free with rc_free. */
rc_inst *rc_new(const op_plan *p, int *nomem);
void rc_free(rc_inst *in);

/* The shortest schedule found by a genetic search over activity lists,
   each decoded by serial schedule generation with forward-backward
   improvement: at most passes decodings, stopping at the deadline
   (op_solver_now seconds). Deterministic for the same inputs. release
   (NULL: none) raises items' earliest starts, prio (NULL: longest chain
   first) ranks them, smaller first: windows from rc_windows steer it to a
   schedule that ends by their T. It stops early at a schedule ending by
   week target (a lower bound; 0 for none). Returns a new schedule the
   caller frees, or NULL (ENOMEM, or no list fitted within the weeks the
   team covers). */
op_schedule *rc_heuristic(const rc_inst *in, int passes, double deadline, const int *release,
                          const int *prio, int target);

/* Start windows es[i]..ls[i] (weeks) of every item when all must be done by
   week T, narrowed by dependencies, crews that cannot overlap, the capacity
   compulsory parts leave, energy over intervals, and shaving (until the
   deadline). Returns 1 when that proves no schedule finishes by T, 0
   otherwise; es and ls hold n ints. */
int rc_windows(const rc_inst *in, int T, int *es, int *ls, double deadline);
/* The same with shaving whose probes shave too: far stronger, and far
   slower (n^2 times the work); for the one T that would prove optimality. */
int rc_windows_deep(const rc_inst *in, int T, int *es, int *ls, double deadline);

/* A schedule done by week T found by diving: within the windows es0/ls0
   (from rc_windows for T), items in turn take their earliest start and
   propagation follows, a refuted start is skipped; up to tries dives with
   random tie-breaks (fixed seed), until the deadline. Returns a new
   schedule the caller frees, or NULL (none found, or ENOMEM). */
op_schedule *rc_dive(const rc_inst *in, int T, const int *es0, const int *ls0, int tries,
                     double deadline);

/* A lower bound on the last week, at least lo and at most hi (a week some
   schedule is done by): the first T in [lo, hi] rc_windows cannot rule out,
   searched for until the deadline. */
int rc_lower_bound(const rc_inst *in, int lo, int hi, double deadline);

#endif
