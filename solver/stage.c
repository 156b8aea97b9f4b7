/* stage.c - one lexicographic stage: objective, bounds, search, then its value held */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* What one stage's search knows. */
typedef struct stage_run {
    ilp *m;
    op_stage st;
    const double *c;   /* the objective, c[0..n] */
    int n;
    double *inc;       /* the incumbent, x[1..n] */
    int *have_inc;
    double *inc_obj;
    double t0, deadline;
    int *rces, *rcls;  /* RCPSP windows for one week less than the incumbent; NULL none */
    op_stage_result *res;
    op_diag *d;
    int proven;
} stage_run;

/* The solver's progress callback, with the stage's name and time. */
typedef struct progress_ctx {
    const op_solver_opts *o;
    const char *stage;
    double start;
} progress_ctx;

static void progress(void *ctx, double inc, double bound, double gap)
{
    const progress_ctx *pc = ctx;
    pc->o->progress(pc->o->progress_ctx, pc->stage, inc, bound, gap, op_now() - pc->start);
}

static int interrupted(const ilp *m) { return m->o->interrupt && *m->o->interrupt; }

int ilp_backend_failed(const ilp *m, op_diag *d)
{
    const char *why = mip_error(m->mip);
    if (strstr(why, "memory"))
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory (in the MIP solver: %s)", why);
    else
        op_diag_error(d, OP_EINTERNAL, NULL, "internal error: the MIP solver failed: %s", why);
    return -1;
}

/* The limits of a search in this stage, reporting progress through pc. */
static mip_limits limits(const stage_run *s, progress_ctx *pc)
{
    const op_solver_opts *o = s->m->o;
    *pc = (progress_ctx){o, op_stage_name(s->st), s->t0};
    return (mip_limits){.deadline = s->deadline, .interrupt = o->interrupt, .gap = o->gap,
                        .cutoff = INFINITY, .verbose = o->verbose,
                        .progress = o->progress ? progress : NULL, .progress_ctx = pc};
}

/* --write-lp: the first stage's model to FILE, later ones to FILE.2, ... */
static int write_stage_lp(ilp *m, op_diag *d)
{
    if (!m->o->write_lp)
        return 0;
    char name[4096];
    if (m->lp_written++ == 0)
        snprintf(name, sizeof name, "%s", m->o->write_lp);
    else
        snprintf(name, sizeof name, "%s.%d", m->o->write_lp, m->lp_written);
    if (mip_write_lp(m->mip, name) == 0)
        return 0;
    op_loc l = {m->o->write_lp, 0, 0};
    op_diag_error(d, OP_EOUTPUT, &l, "cannot write the LP model");
    return -1;
}

/* Whether the incumbent is optimal without any search: the objective is
   constant over the free columns, or the incumbent reaches the smallest
   value the column bounds allow. */
static int trivially_optimal(const stage_run *s)
{
    if (!*s->have_inc)
        return 0;
    double lo = s->c[0];
    for (int k = 1; k <= s->n; k++) {
        if (s->c[k] == 0)
            continue;
        double lb, ub;
        mip_get_bounds(s->m->mip, k, &lb, &ub);
        lo += s->c[k] * (s->c[k] > 0 ? lb : ub);
    }
    return *s->inc_obj <= lo + 1e-6; /* an unbounded column makes lo infinite */
}

/* Fixed-duration plans, stage finish: deep shaving may prove on its own
   that nothing ends a week earlier. It proves far more here than the MIP
   search, so it gets most of the time left; what it narrows before its
   deadline still holds and goes to the search. Returns -1 on ENOMEM. */
static int rcpsp_stage(stage_run *s, double *rc_until)
{
    ilp *m = s->m;
    int T = (int)round(*s->inc_obj) - 1;
    s->rces = malloc(((size_t)m->ni + 1) * sizeof *s->rces);
    s->rcls = malloc(((size_t)m->ni + 1) * sizeof *s->rcls);
    if (!s->rces || !s->rcls)
        return -1;
    double until = *rc_until = s->t0 + (s->deadline - s->t0) * 0.85;
    for (;;) {
        if (T < 1 || *s->inc_obj <= ilp_col_lb(m, m->cM) + 1e-6 ||
            rc_windows_deep(m->rc, T, s->rces, s->rcls, until)) {
            s->proven = 1;
            return 0;
        }
        /* not refuted: look for a schedule by T inside the windows */
        int got = ilp_rc_improve(m, s->c, s->rces, s->rcls, T, s->inc, s->inc_obj, until);
        if (got <= 0)
            return got;
        T = (int)round(*s->inc_obj) - 1;
    }
}

/* The value an integral objective's bound b proves: ceil(b). */
static double proved(const stage_run *s, double b)
{
    return ilp_objective_integral(s->st, s->c, s->n) ? ceil(b - 1e-6) : b;
}

/* The branch-and-bound search for a strictly better schedule than the
   incumbent (a cutoff one unit below it for whole objectives), within the
   windows of a last week below the incumbent's at stage finish. lpb is the
   LP bound. Returns -1 on ENOMEM. */
static int mip_search(stage_run *s, double lpb)
{
    ilp *m = s->m;
    ilp_undo undo = {0};
    if (s->st == OP_STAGE_FINISH && *s->have_inc) {
        ilp_tighten_to(m, (int)round(*s->inc_obj) - 1, &undo);
        if (s->rces)
            ilp_rc_fix(m, s->rces, s->rcls, &undo);
    }
    progress_ctx pc;
    mip_limits l = limits(s, &pc);
    if (*s->have_inc)
        l.cutoff = *s->inc_obj -
                   (ilp_objective_integral(s->st, s->c, s->n) ? 1 - 1e-6 : 1e-4);
    double *x = malloc(((size_t)s->n + 1) * sizeof *x), v, bound;
    if (!x) {
        ilp_undo_bounds(m, &undo);
        return -1;
    }
    mip_status ms = mip_solve(m->mip, &l, x, &v, &bound);
    if (ms == MIP_ERROR) {
        free(x);
        ilp_undo_bounds(m, &undo);
        return ilp_backend_failed(m, s->d);
    }
    if ((ms == MIP_OPTIMAL || ms == MIP_FEASIBLE) && (!*s->have_inc || v < *s->inc_obj - 1e-9)) {
        *s->have_inc = 1;
        for (int k = 1; k <= s->n; k++)
            s->inc[k] = x[k];
        ilp_polish(m, s->inc);
        *s->inc_obj = ilp_objective_at(s->c, s->inc, s->n);
    }
    free(x);
    ilp_undo_bounds(m, &undo);
    double gap = m->o->gap;
    if (ms == MIP_OPTIMAL) {
        s->proven = gap <= 0;
        s->res->bound = gap <= 0 ? *s->inc_obj : isfinite(bound) ? bound : lpb;
        if (gap > 0)
            s->res->status = OP_SOLVE_OPTIMAL; /* within the asked gap */
    } else if (ms == MIP_INFEASIBLE) {
        s->proven = 1; /* nothing better than the incumbent exists */
    } else if (isfinite(bound) && bound > s->res->bound) {
        s->res->bound = bound;
    }
    return 0;
}

/* The LP relaxation, then (unless its bound already proves the incumbent)
   the search. Fixed-duration plans skip the LP: propagation's bound beats
   it, the genetic search its rounding heuristic, and on long horizons the
   LP alone ran past the time limit. Returns -1 on ENOMEM. */
static int lp_then_search(stage_run *s)
{
    ilp *m = s->m;
    int skip_lp = s->rces != NULL;
    double lpb = ilp_col_lb(m, m->cM);
    if (!skip_lp) {
        progress_ctx pc;
        mip_limits l = limits(s, &pc);
        mip_status ls = mip_solve_lp(m->mip, &l, &lpb);
        if (ls == MIP_ERROR)
            return ilp_backend_failed(m, s->d);
        if (ls == MIP_INFEASIBLE && !*s->have_inc) {
            s->proven = 1; /* not even the LP relaxation is feasible */
            return 0;
        }
        if (ls == MIP_STOPPED)
            return 0; /* the time limit, or an interrupt */
        if (ls != MIP_OPTIMAL)
            /* the simplex failed (numerically, or "infeasible" although the
               incumbent satisfies every row): a stage stops early only at
               the time limit, so the search, with its own presolved LP,
               goes on without this bound */
            return mip_search(s, -INFINITY);
    }
    s->res->bound = lpb;
    if (!skip_lp && *s->have_inc && *s->inc_obj > proved(s, lpb) + 1e-6 &&
        (s->st == OP_STAGE_PRIORITY || s->st == OP_STAGE_FINISH))
        ilp_lp_order_incumbent(m, s->c, s->inc, s->inc_obj);
    if (*s->have_inc && *s->inc_obj <= proved(s, lpb) + 1e-6) {
        s->proven = 1; /* the incumbent meets the LP bound: no search needed */
        s->res->bound = *s->inc_obj;
        return 0;
    }
    return mip_search(s, lpb);
}

/* Status, bound and gap of the stage from what the search proved. */
static void stage_result(stage_run *s)
{
    op_stage_result *res = s->res;
    if (s->proven) {
        res->status = OP_SOLVE_OPTIMAL;
        res->bound = *s->inc_obj;
    }
    /* integer objectives: a bound b proves ceil(b) */
    if (ilp_objective_integral(s->st, s->c, s->n) && isfinite(res->bound) &&
        ceil(res->bound - 1e-6) >= *s->inc_obj - 1e-6) {
        res->bound = *s->inc_obj;
        res->status = OP_SOLVE_OPTIMAL;
    }
    res->objective = *s->inc_obj;
    if (res->status == OP_SOLVE_OPTIMAL && res->bound == *s->inc_obj)
        res->gap = 0;
    else if (isfinite(res->bound))
        res->gap = fabs(*s->inc_obj - res->bound) /
                   (fabs(*s->inc_obj) > 1e-9 ? fabs(*s->inc_obj) : 1);
}

/* Holds the stage's value while later stages run: objective <= value.
   -1 on ENOMEM. */
static int hold_value(stage_run *s)
{
    int *ind = malloc(((size_t)s->n + 1) * sizeof *ind);
    double *val = malloc(((size_t)s->n + 1) * sizeof *val);
    int len = 0, rc = ind && val ? 0 : -1;
    for (int k = 1; rc == 0 && k <= s->n; k++)
        if (s->c[k] != 0) {
            len++;
            ind[len] = k;
            val[len] = s->c[k];
        }
    double ub = *s->inc_obj - s->c[0] + (ilp_objective_integral(s->st, s->c, s->n) ? 1e-6 : 1e-4);
    if (rc == 0 && len && mip_add_row_coefs(s->m->mip, -INFINITY, ub, len, ind, val) < 0)
        rc = -1;
    free(ind);
    free(val);
    return rc;
}

/* The search part of a stage, after the objective is set. -1 on ENOMEM. */
static int search_stage(stage_run *s)
{
    ilp *m = s->m;
    s->proven = *s->have_inc;
    for (int k = 1; k <= s->n && s->proven; k++) {
        double lb, ub;
        mip_get_bounds(m->mip, k, &lb, &ub);
        s->proven = s->c[k] == 0 || lb == ub; /* a constant objective needs no search */
    }
    if (!s->proven)
        s->proven = trivially_optimal(s);
    double rc_until = s->deadline;
    if (!s->proven && *s->have_inc && s->st == OP_STAGE_FINISH && m->rc &&
        rcpsp_stage(s, &rc_until))
        return -1;
    if (s->proven || interrupted(m) || s->deadline - s->t0 <= 0)
        return 0;
    if (s->rces && op_now() >= rc_until) {
        /* Deep shaving used its whole share: the rest is too short for the
           MIP search (on J30 at 10 s no proof came from it there), and its
           first LP on a long horizon ignores the limit (J60 j6041_1: 2.9 s
           for 1.1 s). Propagation's bound stands. */
        s->res->bound = ilp_col_lb(m, m->cM);
        return 0;
    }
    return lp_then_search(s);
}

int ilp_run_stage(ilp *m, op_stage st, double *inc, int *have_inc, double *inc_obj, double deadline,
              op_stage_result *res, op_diag *d)
{
    int n = mip_cols(m->mip);
    double *c = malloc(((size_t)n + 1) * sizeof *c);
    if (!c)
        return -1;
    ilp_objective(m, st, c, n);
    mip_set_objective(m->mip, c);
    *inc_obj = ilp_objective_at(c, inc, n);
    *res = (op_stage_result){.stage = st, .status = OP_SOLVE_FEASIBLE, .objective = *inc_obj,
                             .bound = -INFINITY, .gap = INFINITY, .rows = mip_rows(m->mip),
                             .cols = n, .nonzeros = mip_nonzeros(m->mip)};
    stage_run s = {.m = m, .st = st, .c = c, .n = n, .inc = inc, .have_inc = have_inc,
                   .inc_obj = inc_obj, .t0 = op_now(), .deadline = deadline, .res = res,
                   .d = d};
    int rc = write_stage_lp(m, d);
    if (rc == 0)
        rc = search_stage(&s);
    free(s.rces);
    free(s.rcls);
    if (rc == 0 && !*have_inc) {
        /* no solution at all: proven infeasible, or none found in time */
        res->status = s.proven ? OP_SOLVE_INFEASIBLE : OP_SOLVE_INTERRUPTED;
    } else if (rc == 0) {
        stage_result(&s);
        rc = hold_value(&s);
    }
    res->seconds = op_now() - s.t0;
    free(c);
    return rc;
}
