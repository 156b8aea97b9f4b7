/* staffing.c - the cheapest team: headcount per role as a decision of the same ILP */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The weeks the team is planned and paid for: to the last gate deadline or
   due week, or to --finish-by when that is later (0 when the plan has none
   of them). An earlier --finish-by only brings the items' last weeks in, so
   a team is costed over the same weeks with and without it. */
static int staff_weeks(const op_plan *p, const op_staff_opts *so)
{
    int last = op_plan_last_due_week(p);
    return so->finish_by > last ? so->finish_by : last;
}

/* Headcount bounds of role r: at most what does all its work in one week
   (more never helps), at least the current team with --keep-team, at most
   the cap; and for a constant team at least what its hours need over the
   weeks. Returns 1 with res->reason set when no team within the caps can
   do the role's work. */
static int role_bounds(ilp *m, const op_staff_opts *so, int r, op_staff_result *res)
{
    const op_plan *p = m->p;
    double h = 0, e = 0, cur = 0;
    for (int t = 1; t <= OP_MAX_WEEK; t++)
        if (op_plan_person_hours(p, r, t) > h)
            h = op_plan_person_hours(p, r, t);
    m->hpw[r] = h > 0 ? h : 40;
    res->hours_per_person[r] = m->hpw[r];
    for (int i = 0; i < m->ni; i++)
        e += ilp_role_energy(m, i, r);
    for (int t = 1; t <= m->H; t++) {
        double c = op_plan_capacity(p, r, t) / m->hpw[r];
        if (c > cur)
            cur = c;
    }
    m->ubh[r] = (int)ceil(e / m->hpw[r] - 1e-9);
    int keep = so->keep_team ? (int)ceil(cur - 1e-9) : 0;
    /* a constant team: the team kept may be larger than the work needs; a
       block team adds people to the team kept, week by week (teams.c) */
    if (so->phased)
        m->ubh[r] += keep;
    else if (keep > m->ubh[r])
        m->ubh[r] = keep;
    m->lbh[r] = so->phased ? 0 : keep;
    int cap = so->max_headcount ? so->max_headcount[r] : -1;
    if (cap >= 0 && keep > cap) {
        snprintf(res->reason, sizeof res->reason, "--keep-team keeps %d %s people, the cap is %d",
                 keep, op_plan_role(p, r)->name, cap);
        return 1;
    }
    if (cap >= 0 && cap < m->ubh[r])
        m->ubh[r] = cap;
    /* the role's hours must fit in its people's weeks */
    int need = (int)ceil(e / (m->hpw[r] * m->H) - 1e-9);
    if (need > m->ubh[r]) {
        snprintf(res->reason, sizeof res->reason,
                 "%s needs at least %d people for its %g h within %d weeks, the cap is %d",
                 op_plan_role(p, r)->name, need, e, m->H, m->ubh[r]);
        return 1;
    }
    if (!so->phased && need > m->lbh[r])
        m->lbh[r] = need;
    if (m->lbh[r] > m->ubh[r]) {
        snprintf(res->reason, sizeof res->reason, "--keep-team keeps %d %s people, the cap is %d",
                 m->lbh[r], op_plan_role(p, r)->name, m->ubh[r]);
        return 1;
    }
    return 0;
}

/* With the windows the largest teams allow: 1 with res->reason set when an
   item or a gate cannot make it whatever the team. */
static int out_of_reach(const ilp *m, op_staff_result *res)
{
    const op_plan *p = m->p;
    for (int i = 0; i < m->ni; i++) {
        const op_item *it = op_plan_item(p, i);
        if (m->ef[i] || it->done)
            continue;
        snprintf(res->reason, sizeof res->reason,
                 "%s cannot be done by week %d even with %d %s people", it->id,
                 ilp_latest_week(m, i),
                 m->ubh[it->role.index], op_plan_role(p, it->role.index)->name);
        return 1;
    }
    for (int g = 0; g < m->ng; g++)
        if (m->gl[g] > op_plan_gate(p, g)->deadline_week) {
            snprintf(res->reason, sizeof res->reason,
                     "gate %s cannot pass by week %d with any team within the caps (earliest "
                     "week %d)",
                     op_plan_gate(p, g)->id, op_plan_gate(p, g)->deadline_week, m->gl[g]);
            return 1;
        }
    return 0;
}

/* Phased teams: the person-weeks of a role cover its hours,
   sum_t N[r,t] >= max(ceil(E / hpw), min_weeks), which the weekly rows
   imply only weakly. -1 on ENOMEM. */
static int person_week_rows(ilp *m)
{
    int *ind = malloc(((size_t)m->H + 1) * sizeof *ind);
    double *val = malloc(((size_t)m->H + 1) * sizeof *val);
    int rc = ind && val ? 0 : -1;
    for (int r = 0; rc == 0 && r < m->nr; r++) {
        double e = 0;
        for (int i = 0; i < m->ni; i++)
            e += ilp_role_energy(m, i, r);
        if (e <= 0)
            continue;
        for (int t = 1; t <= m->H; t++) {
            ind[t] = col_N(m, r, t);
            val[t] = 1;
        }
        /* and whoever does them stays at least min_weeks (unless the team
           kept may do them alone) */
        double need = ceil(e / m->hpw[r] - 1e-9);
        double stay = m->staff->keep_team ? 0 : ilp_team_min_weeks(m);
        if (mip_add_row_coefs(m->mip, need > stay ? need : stay, INFINITY, m->H, ind, val) < 0)
            rc = -1;
    }
    free(ind);
    free(val);
    return rc;
}

/* Sets up m for a staffing solve: horizon, headcount bounds, windows, the
   ILP. OP_OK with res->status INFEASIBLE and a reason when no team can do
   it; other statuses went to d. */
static op_status staff_model(ilp *m, const op_staff_opts *so, op_staff_result *res, op_diag *d)
{
    m->H = staff_weeks(m->p, so);
    if (m->H < 1) {
        op_diag_error(d, OP_EDATA, NULL, "staff needs gate deadlines, due weeks or --finish-by");
        return OP_EDATA;
    }
    res->horizon = m->H;
    res->nroles = m->nr;
    m->hpw = calloc((size_t)m->nr + 1, sizeof *m->hpw);
    m->ubh = calloc((size_t)m->nr + 1, sizeof *m->ubh);
    m->lbh = calloc((size_t)m->nr + 1, sizeof *m->lbh);
    m->cN = calloc((size_t)m->nr + 1, sizeof *m->cN);
    res->headcount = calloc((size_t)m->nr * (size_t)m->H + 1, sizeof *res->headcount);
    res->hours_per_person = calloc((size_t)m->nr + 1, sizeof *res->hours_per_person);
    if (!m->hpw || !m->ubh || !m->lbh || !m->cN || !res->headcount || !res->hours_per_person)
        return OP_ENOMEM;
    for (int r = 0; r < m->nr; r++)
        if (role_bounds(m, so, r, res)) {
            res->status = OP_SOLVE_INFEASIBLE;
            return OP_OK;
        }
    for (int i = 0; i < m->ni; i++)
        m->fixed_s[i] = 1;
    if (ilp_windows(m))
        return OP_ENOMEM;
    if (out_of_reach(m, res)) {
        res->status = OP_SOLVE_INFEASIBLE;
        return OP_OK;
    }
    if (ilp_build(m) || (so->phased && person_week_rows(m)) || ilp_team_rows(m)) {
        if (m->mip && !mip_alive(m->mip))
            return ilp_backend_failed(m, d), op_diag_status(d);
        return OP_ENOMEM;
    }
    return OP_OK;
}

/* The search's first point in model m: the schedule ss (a block team
   trimmed to it) when it gives one, else the constant team's point xs of
   model seed. -1 on ENOMEM. */
static int seed_point(ilp *m, const ilp *seed, const double *xs, const op_schedule *ss,
                      double *inc, int *have)
{
    char why[160];
    *have = 0;
    if (ss) {
        op_eval *e = op_eval_new(m->p, ss, op_solver_eval_rules(m->o));
        if (!e)
            return -1;
        ilp_point_of_schedule(m, ss, e, inc);
        op_eval_free(e);
        if (ilp_team_derive(m, inc))
            return -1;
        *have = ilp_point_feasible(m->mip, inc, why, sizeof why);
        if (*have)
            return 0;
    }
    ilp_map_point(seed, xs, m, inc);
    if (ilp_team_derive(m, inc))
        return -1;
    *have = ilp_point_feasible(m->mip, inc, why, sizeof why);
    return 0;
}

/* One staffing solve into the caller's model m (the caller frees it with
   ilp_free and *inc_out with free); seed, when given, is a solved model
   whose point xs starts the search. */
static op_status staff_core(const op_plan *p, const op_solver_opts *o, const op_staff_opts *so,
                            const ilp *seed, const double *xs, const op_schedule *ss,
                            double deadline, ilp *m, double **inc_out, op_staff_result *res,
                            op_diag *d)
{
    *m = (ilp){.p = p, .o = o, .staff = so, .ni = op_plan_item_count(p),
               .nr = op_plan_role_count(p), .ng = op_plan_gate_count(p), .deadline = deadline};
    *inc_out = NULL;
    op_status st = ilp_alloc(m) ? OP_ENOMEM : staff_model(m, so, res, d);
    if (st != OP_OK || res->status == OP_SOLVE_INFEASIBLE)
        goto out;
    int n = mip_cols(m->mip), have_inc = 0;
    double *inc = *inc_out = calloc((size_t)n + 1, sizeof *inc), obj = 0;
    if (!inc) {
        st = OP_ENOMEM;
        goto out;
    }
    if (seed && seed_point(m, seed, xs, ss, inc, &have_inc)) {
        st = OP_ENOMEM;
        goto out;
    }
    op_stage_result sr = {0};
    if (ilp_run_stage(m, OP_STAGE_COST, inc, &have_inc, &obj, deadline, &sr, d)) {
        st = op_diag_count(d) ? op_diag_status(d) : OP_ENOMEM;
        goto out;
    }
    if (!have_inc) {
        int inf = sr.status == OP_SOLVE_INFEASIBLE;
        res->status = inf ? OP_SOLVE_INFEASIBLE : OP_SOLVE_NO_PLAN;
        snprintf(res->reason, sizeof res->reason, "%s",
                 inf ? "no team within the caps meets every gate deadline"
                     : "no team meeting every gate deadline was found within the time limit");
        goto out;
    }
    res->status = sr.status;
    res->cost = obj;
    res->bound = sr.bound;
    res->gap = sr.gap;
    for (int r = 0; r < m->nr; r++)
        for (int t = 1; t <= m->H; t++)
            res->headcount[(size_t)r * (size_t)m->H + (size_t)(t - 1)] = round(inc[col_N(m, r, t)]);
out:
    if (st == OP_ENOMEM && !op_diag_count(d))
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    return st;
}

/* The constant team found (m, point x) as a plan of its own, solved for
   the earliest finish: a block model trims each role to the weeks it
   works, so the earlier the work ends, the cheaper the block seed. Returns
   a new schedule the caller frees, or NULL (none, or ENOMEM: the seed is
   then the constant team itself). */
static op_schedule *compressed_schedule(const ilp *m, const double *x, double deadline)
{
    op_team_row *rows = calloc((size_t)m->nr + 1, sizeof *rows);
    op_plan *np = NULL;
    op_schedule *s = NULL;
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    int n = 0;
    for (int r = 0; rows && r < m->nr; r++) {
        double c = round(x[m->cN[r]]);
        if (c <= 0)
            continue;
        const op_role *ro = op_plan_role(m->p, r);
        op_loc l = {"staff", 0, 0};
        rows[n++] = (op_team_row){.role = {.name = ro->name, .index = -1, .loc = l},
                                  .headcount = c, .hours_per_week = m->hpw[r], .from_week = 1,
                                  .to_week = m->H, .cost_per_hour = ro->cost_per_hour,
                                  .loc = l, .cost_loc = l};
    }
    if (rows && d && op_plan_with_team(m->p, rows, n, &np, d) == OP_OK) {
        op_solver_opts o = *m->o;
        o.horizon = m->H;
        o.time_limit = (deadline - op_now()) * 0.2;
        o.stages[0] = OP_STAGE_SCHEDULED, o.stages[1] = OP_STAGE_LATENESS;
        o.stages[2] = OP_STAGE_FINISH, o.nstages = 3;
        o.previous = NULL;
        o.write_lp = NULL;
        op_solution *sol = NULL;
        if (o.time_limit > 0 && op_solve(np, &o, &sol, d) == OP_OK && sol->schedule &&
            sol->ndeferred == 0) {
            s = sol->schedule;
            sol->schedule = NULL;
        }
        op_solution_free(sol);
    }
    op_plan_free(np);
    op_diag_free(d);
    free(rows);
    return s;
}

/* Whether a solve left a team that can seed the next model. */
static int has_team(op_status st, const op_staff_result *res, const ilp *m)
{
    return st == OP_OK && m->mip && res->status != OP_SOLVE_INFEASIBLE &&
           res->status != OP_SOLVE_INTERRUPTED && res->status != OP_SOLVE_NO_PLAN;
}

/* The block model's answer against the teams found before it: when it
   found none (time, or a team kept that no block of one headcount fits)
   the last team found stands, not proven cheapest; and the constant team
   stands when it is cheaper (with --keep-team a constant team adds a
   varying number of people, which one block does not cover): the answer
   is then the cheapest of both models, proven when both were. */
static void pick_answer(op_staff_result *res, op_staff_result *base, op_staff_result *prev,
                        int found)
{
    op_staff_result *alt = !found && prev->headcount ? prev : base;
    if (!alt->headcount || (found && alt->cost >= res->cost - 1e-6))
        return;
    int proven = found && res->status == OP_SOLVE_OPTIMAL && alt->status == OP_SOLVE_OPTIMAL;
    free(res->headcount);
    free(res->hours_per_person);
    *res = *alt;
    *alt = (op_staff_result){0};
    res->status = proven ? OP_SOLVE_OPTIMAL : OP_SOLVE_FEASIBLE;
}

/* Forgets a result whose model only seeds the next one. */
static void reset_result(op_staff_result *res)
{
    free(res->headcount);
    free(res->hours_per_person);
    *res = (op_staff_result){0};
}

op_status op_staff(const op_plan *p, const op_solver_opts *o, const op_staff_opts *so,
                   op_staff_result **out, op_diag *d)
{
    *out = NULL;
    double deadline = op_now() + (o->time_limit > 0 ? o->time_limit : 0);
    op_solver_opts oo = *o;
    oo.strict_gates = 1;
    op_staff_result *res = calloc(1, sizeof *res);
    if (!res) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    /* The models solved in turn, each seeding the next: the constant team;
       for a block team, blocks trimmed to that team's plan done early and
       one headcount per block; then, with --max-changes K > 0, blocks whose
       headcount may change K times. */
    op_staff_opts steps[3];
    int nsteps = 0;
    steps[nsteps] = *so;
    steps[nsteps].model = OP_STAFF_CONSTANT;
    steps[nsteps].phased = 0;
    nsteps++;
    if (so->model != OP_STAFF_CONSTANT) {
        steps[nsteps] = *so;
        steps[nsteps].phased = 1;
        steps[nsteps].max_changes = 0;
        nsteps++;
        if (so->max_changes > 0) {
            steps[nsteps] = steps[nsteps - 1];
            steps[nsteps++].max_changes = so->max_changes;
        }
    }
    ilp m[3] = {{0}};
    double *x[3] = {NULL, NULL, NULL};
    op_status st = OP_OK;
    op_schedule *cs = NULL;
    /* the constant team (base) and the last step's team (prev): the answer
       when a later step finds none or a dearer one */
    op_staff_result base = {0}, prev = {0};
    for (int k = 0; k < nsteps && st == OP_OK; k++) {
        int seeded = k > 0 && has_team(st, res, &m[k - 1]);
        if (k > 0) {
            reset_result(&prev);
            if (seeded && k == 1)
                base = *res;
            else if (seeded)
                prev = *res;
            else
                reset_result(res);
            *res = (op_staff_result){0};
        }
        st = staff_core(p, &oo, &steps[k], seeded ? &m[k - 1] : NULL, seeded ? x[k - 1] : NULL,
                        k == 1 ? cs : NULL, deadline, &m[k], &x[k], res, d);
        if (k == 0 && nsteps > 1 && has_team(st, res, &m[0]))
            cs = compressed_schedule(&m[0], x[0], deadline);
    }
    if (st == OP_OK && nsteps > 1)
        pick_answer(res, &base, &prev, has_team(st, res, &m[nsteps - 1]));
    reset_result(&prev);
    reset_result(&base);
    op_schedule_free(cs);
    for (int k = 0; k < nsteps; k++) {
        free(x[k]);
        ilp_free(&m[k]);
    }
    if (st != OP_OK) {
        op_staff_result_free(res);
        return st;
    }
    *out = res;
    return OP_OK;
}
