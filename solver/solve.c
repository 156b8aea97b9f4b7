/* solve.c - op_solve: greedy start, horizon, windows, the stages in order, the final check */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

/* One op_solve: what its steps share. Steps return 0, -1 on ENOMEM, or 1
   when the solution is settled early (sol->status and sol->reason set). */
typedef struct solve_run {
    const op_plan *p;
    const op_solver_opts *o;
    double t0, deadline;
    op_solution *sol;
    ilp m;
    op_schedule *greedy; /* the start schedule, and its evaluation */
    op_eval *ge;
    rc_inst *rc;         /* fixed-duration items alone: the RCPSP methods; else NULL */
    int rc_lb;           /* propagation's lower bound on the last week, 0 none */
    int all;             /* the start schedule fits every item */
    double *inc;         /* the incumbent over the ILP's columns */
} solve_run;

/* Replaces the start schedule with s (owned from here on) when it keeps
   every hard rule and is better (op_eval_compare). -1 on ENOMEM. */
static int offer_start(solve_run *r, op_schedule *s)
{
    op_eval *e = s ? op_eval_new(r->p, s, op_solver_eval_rules(r->o)) : NULL;
    if (s && !e) {
        op_schedule_free(s);
        return -1;
    }
    if (e && !op_eval_hard_violations(e) && op_eval_compare(r->p, e, r->ge) < 0) {
        op_schedule_free(r->greedy);
        op_eval_free(r->ge);
        r->greedy = s;
        r->ge = e;
    } else {
        op_schedule_free(s);
        op_eval_free(e);
    }
    return 0;
}

/* Fixed-duration items alone: a scheduling problem with known better
   heuristics than list scheduling. A short search; then, when propagation's
   lower bound shows room, a long one that stops at that bound. */
static int rcpsp_start(solve_run *r)
{
    const op_solver_opts *o = r->o;
    int ni = r->m.ni, target = 0;
    double budget = o->time_limit > 0 ? o->time_limit * 0.1 : 0;
    for (int round = 0; round < 2; round++) {
        int passes = (round ? 1500000 : 200000) / (ni > 0 ? ni : 1);
        int cap = round ? 50000 : 5000;
        passes = passes > cap ? cap : passes < 10 ? 10 : passes;
        if (offer_start(r, rc_heuristic(r->rc, passes, r->t0 + budget, NULL, NULL, target)))
            return -1;
        if (round || o->time_limit <= 0 || op_eval_scheduled_count(r->ge) < ni)
            break;
        int ub = op_eval_last_week(r->ge);
        r->rc_lb = rc_lower_bound(r->rc, 1, ub, r->t0 + o->time_limit * 0.2);
        if (r->rc_lb >= ub)
            break;
        target = r->rc_lb;
    }
    return 0;
}

/* --focus hard: 1 when the start schedule has a week the model counts as a
   pause (P[i,t] > 0: inside an effort item's span, fewer hours than
   ilp_pause_step), so it is no solution of the model. */
static int start_pauses(const solve_run *r)
{
    if (r->o->focus != OP_FOCUS_HARD)
        return 0;
    for (int i = 0; i < r->m.ni; i++) {
        const op_item_eval *ie = op_eval_item(r->ge, i);
        if (op_plan_item(r->p, i)->duration || !ie->start_week)
            continue;
        for (int t = ie->start_week + 1; t < ie->end_week; t++) {
            double h = ilp_pause_step(&r->m, i, t);
            if (h > OP_EPS && op_schedule_get(r->greedy, i, t) < h - 1e-6)
                return 1;
        }
    }
    return 0;
}

/* The start schedule: the best of the greedy passes (randomised passes are
   cheap on small plans; large ones get fewer), or the RCPSP heuristic's. */
static int start_schedule(solve_run *r)
{
    const op_solver_opts *o = r->o;
    int ni = r->m.ni, tries = ni > 0 ? 20000 / ni : 1;
    tries = tries > 100 ? 100 : tries < 1 ? 1 : tries;
    r->greedy = op_greedy_best(r->p, o->horizon, op_solver_eval_rules(o), tries);
    r->ge = r->greedy ? op_eval_new(r->p, r->greedy, op_solver_eval_rules(o)) : NULL;
    if (!r->ge)
        return -1;
    int nomem = 0;
    if (!o->horizon && !o->strict_gates && !op_solver_eval_rules(o) && !o->greedy_only)
        r->rc = rc_new(r->p, &nomem);
    if (nomem || (r->rc && rcpsp_start(r)))
        return -1;
    r->sol->greedy_seconds = op_now() - r->t0;
    r->sol->greedy_last_week = op_eval_last_week(r->ge);
    r->sol->greedy_lateness = op_eval_total_lateness(r->ge);
    /* Every item fits: stage "scheduled" is solved by the start schedule,
       unless strict gates or --focus hard may force items out that it keeps. */
    r->all = op_eval_scheduled_count(r->ge) == ni &&
             (!o->strict_gates || op_eval_gates_met(r->ge) == r->m.ng) && !start_pauses(r);
    return 0;
}

/* The weeks planned: --horizon; else the start schedule's when it places
   every item on time (no later week can do better); else far enough that
   no longer horizon holds a better plan (horizon.c), and at least to the
   plan's natural horizon when items are left out. The start schedule is
   trimmed to them. */
static int choose_horizon(solve_run *r)
{
    int H = r->o->horizon, weeks = op_schedule_weeks(r->greedy);
    int late = op_eval_total_lateness(r->ge);
    if (!H) {
        H = op_eval_last_week(r->ge);
        int safe = H;
        if ((!r->all || late > 0) && ilp_safe_horizon(r->p, late, r->all, &safe))
            return -1;
        if (safe > H)
            H = safe;
        if (!r->all && op_plan_natural_horizon(r->p) > H)
            H = op_plan_natural_horizon(r->p);
        if (weeks < H)
            H = weeks;
    }
    r->m.H = H < 1 ? 1 : H;
    r->sol->horizon = r->m.H;
    if (r->m.H >= weeks)
        return 0;
    op_schedule *trim = op_schedule_new(r->m.ni, r->m.H);
    if (!trim)
        return -1;
    for (int i = 0; i < r->m.ni; i++)
        for (int t = 1; t <= r->m.H; t++)
            op_schedule_set(trim, i, t, op_schedule_get(r->greedy, i, t));
    op_schedule_free(r->greedy);
    op_eval_free(r->ge);
    r->greedy = trim;
    r->ge = op_eval_new(r->p, trim, op_solver_eval_rules(r->o));
    return r->ge ? 0 : -1;
}

/* Strict gates: 1 when the windows alone show a gate cannot pass by its
   deadline (the reason in plain words). */
static int gate_out_of_reach(solve_run *r)
{
    const op_plan *p = r->p;
    const char *w1 = op_period_word(op_plan_period(p), 0);
    for (int g = 0; r->o->strict_gates && g < r->m.ng; g++) {
        const op_gate *ga = op_plan_gate(p, g);
        int gl = r->m.gl[g], by = ilp_strict_week(&r->m, g);
        if (!by || gl <= by)
            continue;
        r->sol->status = OP_SOLVE_INFEASIBLE;
        if (gl > r->m.H)
            snprintf(r->sol->reason, sizeof r->sol->reason,
                     "gate %s cannot pass within %d %s (deadline %s %d)", ga->id, r->m.H,
                     op_period_word(op_plan_period(p), 1), w1, ga->deadline_week);
        else
            snprintf(r->sol->reason, sizeof r->sol->reason,
                     "gate %s cannot pass before %s %d (deadline %s %d): its items and "
                     "their roles' capacity do not allow it",
                     ga->id, w1, gl, w1, ga->deadline_week);
        return 1;
    }
    return 0;
}

/* Strict gates the start schedule misses, or a pause under --focus hard: a
   search for any schedule that meets them (the last week as objective).
   Returns 1 when none is found. */
static int strict_incumbent(solve_run *r, op_diag *d)
{
    int n = mip_cols(r->m.mip);
    double *c = calloc((size_t)n + 1, sizeof *c), obj, bound;
    if (!c)
        return -1;
    c[r->m.cM] = 1;
    mip_set_objective(r->m.mip, c);
    mip_limits l = {.deadline = r->deadline, .interrupt = r->o->interrupt,
                    .cutoff = INFINITY, .light = 1, .verbose = r->o->verbose};
    mip_status ms = mip_solve(r->m.mip, &l, r->inc, &obj, &bound);
    if (ms == MIP_ERROR) {
        free(c);
        return ilp_backend_failed(&r->m, d);
    }
    c[r->m.cM] = 0;
    mip_set_objective(r->m.mip, c);
    free(c);
    if (ms == MIP_OPTIMAL || ms == MIP_FEASIBLE) {
        ilp_polish(&r->m, r->inc);
        return 0;
    }
    int inf = ms == MIP_INFEASIBLE;
    const char *what = r->o->strict_gates ? "every gate deadline" : "--focus hard";
    r->sol->status = inf ? OP_SOLVE_INFEASIBLE : OP_SOLVE_NO_PLAN;
    if (inf)
        snprintf(r->sol->reason, sizeof r->sol->reason, "no schedule meets %s", what);
    else
        snprintf(r->sol->reason, sizeof r->sol->reason,
                 "no schedule meeting %s was found within the time limit", what);
    return 1;
}

/* The ILP and its first incumbent: the start schedule, which must be a
   solution of the model (a self-check) unless strict gates or --focus hard
   rule it out. */
static int first_incumbent(solve_run *r, op_diag *d, op_status *st)
{
    if (ilp_build(&r->m))
        return r->m.mip && !mip_alive(r->m.mip) ? ilp_backend_failed(&r->m, d) : -1;
    int n = mip_cols(r->m.mip);
    r->inc = calloc((size_t)n + 1, sizeof *r->inc);
    if (!r->inc)
        return -1;
    ilp_point_of_schedule(&r->m, r->greedy, r->ge, r->inc);
    char why[160];
    if (ilp_point_feasible(r->m.mip, r->inc, why, sizeof why))
        return 0;
    if (!mip_alive(r->m.mip))
        return ilp_backend_failed(&r->m, d); /* loading the matrix failed */
    if (!r->o->strict_gates && r->o->focus != OP_FOCUS_HARD) {
        op_diag_error(d, OP_EINTERNAL, NULL,
                      "internal error: the greedy schedule is not a solution of the model: %s",
                      why);
        *st = OP_EINTERNAL;
        return 1;
    }
    return strict_incumbent(r, d);
}

/* Stage k's value at the incumbent, with no search (--greedy, no time). */
static int stage_without_search(solve_run *r, op_stage st, op_stage_result *res)
{
    int n = mip_cols(r->m.mip);
    double *c = malloc(((size_t)n + 1) * sizeof *c);
    if (!c)
        return -1;
    ilp_objective(&r->m, st, c, n);
    *res = (op_stage_result){.stage = st, .objective = ilp_objective_at(c, r->inc, n),
                             .bound = -INFINITY, .gap = INFINITY, .status = OP_SOLVE_FEASIBLE};
    free(c);
    return 0;
}

/* The stages asked for (focus not with --focus off), and stability last
   when re-planning. */
static int stage_list(const op_solver_opts *o, op_stage *stages)
{
    int nst = 0, has = 0;
    for (int k = 0; k < o->nstages; k++) {
        if (o->stages[k] == OP_STAGE_FOCUS && o->focus == OP_FOCUS_OFF)
            continue;
        stages[nst++] = o->stages[k];
        has |= o->stages[k] == OP_STAGE_STABILITY;
    }
    if (o->previous && o->stability && !has && nst < OP_STAGE_COUNT)
        stages[nst++] = OP_STAGE_STABILITY;
    return nst;
}

/* One stage, and what it proves for the next ones. */
static int one_stage(solve_run *r, op_stage st, int *have_inc, op_diag *d)
{
    ilp *m = &r->m;
    const op_solver_opts *o = r->o;
    op_stage_result *res = &r->sol->stages[r->sol->nstages++];
    int search = !o->greedy_only && o->time_limit > 0;
    double obj = 0;
    if (st == OP_STAGE_SCHEDULED && r->all) {
        /* the start schedule fits every item: nothing to maximise */
        *res = (op_stage_result){.stage = st, .status = OP_SOLVE_OPTIMAL,
                                 .rows = mip_rows(m->mip), .cols = mip_cols(m->mip),
                                 .nonzeros = mip_nonzeros(m->mip)};
        return 0;
    }
    if (!search ? stage_without_search(r, st, res)
                : ilp_run_stage(m, st, r->inc, have_inc, &obj, r->deadline, res, d))
        return -1;
    if (st == OP_STAGE_FINISH && *have_inc && search) {
        ilp_tighten_to(m, (int)round(obj), NULL); /* held from here on */
        if (m->rc && ilp_rc_tighten(m, (int)round(obj), NULL) < 0)
            return -1;
    }
    if (res->status != OP_SOLVE_OPTIMAL)
        r->sol->status = OP_SOLVE_FEASIBLE;
    else if (st == OP_STAGE_SCHEDULED && search)
        ilp_hold_class_counts(m, r->inc);
    if (st == OP_STAGE_SCHEDULED)
        ilp_bound_last_week(m);
    return 0;
}

/* Later stages may improve an earlier stage's value below what it held
   (a stage stopped by the time limit holds "at most" its incumbent's): the
   results then state each stage's value at the plan that is written, and
   the gap to its bound from there. -1 on ENOMEM. */
static int restate_objectives(solve_run *r)
{
    int n = mip_cols(r->m.mip);
    double *c = malloc(((size_t)n + 1) * sizeof *c);
    if (!c)
        return -1;
    for (int k = 0; k < r->sol->nstages; k++) {
        op_stage_result *res = &r->sol->stages[k];
        ilp_objective(&r->m, res->stage, c, n);
        double v = ilp_objective_at(c, r->inc, n);
        if (ilp_objective_integral(res->stage, c, n))
            v = round(v);
        else if (fabs(v - res->objective) <= 1e-4 * fmax(1, fabs(res->objective)))
            continue; /* within the tolerance the stage was held to */
        if (v == res->objective)
            continue;
        res->objective = v;
        if (isfinite(res->bound) && v <= res->bound + 1e-6) {
            res->bound = v;
            res->gap = 0;
            res->status = OP_SOLVE_OPTIMAL;
        } else if (isfinite(res->bound)) {
            res->gap = fabs(v - res->bound) / (fabs(v) > 1e-9 ? fabs(v) : 1);
        }
    }
    free(c);
    return 0;
}

static int run_stages(solve_run *r, op_diag *d)
{
    ilp *m = &r->m;
    r->sol->status = OP_SOLVE_OPTIMAL;
    int have_inc = 1;
    op_stage stages[OP_STAGE_COUNT];
    int nst = stage_list(r->o, stages);
    ilp_bound_last_week(m);
    if (m->rc && r->rc_lb > ilp_col_lb(m, m->cM)) {
        /* the first week propagation cannot rule out bounds the last week */
        int lb = r->rc_lb < m->H ? r->rc_lb : m->H;
        mip_set_bounds(m->mip, m->cM, lb, m->H);
    }
    for (int k = 0; k < nst; k++)
        if (one_stage(r, stages[k], &have_inc, d))
            return -1;
    if (have_inc && restate_objectives(r))
        return -1;
    int all_proven = 1;
    for (int k = 0; k < r->sol->nstages; k++)
        all_proven &= r->sol->stages[k].status == OP_SOLVE_OPTIMAL;
    if (all_proven) /* each stage's value is its bound: the plan is lexicographically optimal */
        r->sol->status = OP_SOLVE_OPTIMAL;
    if (r->o->interrupt && *r->o->interrupt && r->sol->status != OP_SOLVE_OPTIMAL)
        r->sol->status = OP_SOLVE_INTERRUPTED;
    return 0;
}

/* The independent check: the schedule must keep every hard rule. */
static int self_check(const op_eval *fe, op_diag *d)
{
    if (!op_eval_hard_violations(fe))
        return 0;
    const op_violation *v = NULL;
    for (int k = 0; k < op_eval_violation_count(fe) && !v; k++)
        if (op_eval_violation(fe, k)->kind != OP_V_UNSCHEDULED)
            v = op_eval_violation(fe, k);
    op_diag_error(d, OP_EINTERNAL, NULL,
                  "internal error: the solver's schedule breaks a rule (violation kind %d, "
                  "item %d, role %d, week %d: %g vs %g)",
                  v ? (int)v->kind : -1, v ? v->item : -1, v ? v->role : -1, v ? v->week : -1,
                  v ? v->a : 0, v ? v->b : 0);
    return 1;
}

/* The schedule of the incumbent, checked, and its deferred items (lowest
   priority first) with their reasons. */
static int finish(solve_run *r, op_diag *d, op_status *st)
{
    op_solution *sol = r->sol;
    sol->schedule = ilp_schedule_of_point(&r->m, r->inc);
    /* the one place hours are rounded to the step, before the check below
       proves the rounded schedule keeps every rule */
    if (sol->schedule && op_schedule_round_step(sol->schedule, r->p, r->o->hour_step) < 0)
        return -1;
    op_eval *fe = sol->schedule ? op_eval_new(r->p, sol->schedule, op_solver_eval_rules(r->o))
                                : NULL;
    if (fe && op_eval_hard_violations(fe)) {
        /* rounding knows capacity and max_people, not every rule (a
           same-week chain's person-week): then the hours stay as solved */
        op_eval_free(fe);
        op_schedule_free(sol->schedule);
        sol->schedule = ilp_schedule_of_point(&r->m, r->inc);
        fe = sol->schedule ? op_eval_new(r->p, sol->schedule, op_solver_eval_rules(r->o)) : NULL;
    }
    if (!fe)
        return -1;
    int rc = 0, ni = r->m.ni;
    if (self_check(fe, d)) {
        *st = OP_EINTERNAL;
        rc = 1;
    }
    sol->deferred = rc ? NULL : malloc(((size_t)ni + 1) * sizeof *sol->deferred);
    sol->deferred_why = rc ? NULL : calloc((size_t)ni + 1, sizeof *sol->deferred_why);
    if (!rc && (!sol->deferred || !sol->deferred_why))
        rc = -1;
    for (int prio = 3; rc == 0 && prio >= 0; prio--)
        for (int i = 0; rc == 0 && i < ni; i++)
            if (op_plan_item(r->p, i)->priority == prio && !op_eval_item(fe, i)->done) {
                sol->deferred[sol->ndeferred] = i;
                sol->deferred_why[sol->ndeferred] =
                    ilp_defer_reason(&r->m, i, sol->schedule, fe);
                if (!sol->deferred_why[sol->ndeferred++])
                    rc = -1;
            }
    op_eval_free(fe);
    return rc;
}

/* The steps of op_solve in order; 1 when one of them settled the answer. */
static int solve_steps(solve_run *r, op_diag *d, op_status *st)
{
    int rc = start_schedule(r);
    if (rc == 0)
        rc = choose_horizon(r);
    if (rc == 0)
        rc = ilp_alloc(&r->m);
    if (rc)
        return rc;
    for (int i = 0; i < r->m.ni; i++)
        r->m.fixed_s[i] = r->all ? 1 : -1;
    if (ilp_windows(&r->m))
        return -1;
    if (r->rc && r->all && !ilp_rc_windows(&r->m, r->rc, r->m.H))
        r->m.rc = r->rc;
    if (gate_out_of_reach(r))
        return 1;
    rc = first_incumbent(r, d, st);
    if (rc == 0)
        rc = run_stages(r, d);
    if (rc == 0)
        rc = finish(r, d, st);
    return rc;
}

op_status op_solve(const op_plan *p, const op_solver_opts *o, op_solution **out, op_diag *d)
{
    *out = NULL;
    double t0 = op_now();
    solve_run r = {.p = p, .o = o, .t0 = t0,
                   .deadline = t0 + (o->time_limit > 0 ? o->time_limit : 0),
                   .sol = calloc(1, sizeof(op_solution)),
                   .m = {.p = p, .o = o, .ni = op_plan_item_count(p),
                         .nr = op_plan_role_count(p), .ng = op_plan_gate_count(p)}};
    r.m.deadline = r.deadline;
    op_status st = OP_OK;
    int rc = r.sol ? solve_steps(&r, d, &st) : -1;
    if (rc < 0 && op_diag_count(d)) {
        st = op_diag_status(d); /* reported by the step, e.g. --write-lp */
    } else if (rc < 0) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        st = OP_ENOMEM;
    }
    free(r.inc);
    rc_free(r.rc);
    op_eval_free(r.ge);
    op_schedule_free(r.greedy);
    ilp_free(&r.m);
    if (st != OP_OK) {
        op_solution_free(r.sol);
        return st;
    }
    *out = r.sol;
    return OP_OK;
}
