/* staff.c - the staff command: the cheapest team found, then an ordinary solve with it */
#include <math.h>
#include <stdlib.h>

#include "cli/cli.h"

/* The team found, as team.csv rows would give it: per role, one row per run
   of weeks with the same headcount, none for weeks without people, and a row
   of 0 people for a role with none in any week (so that items of the role,
   all done before the planning weeks, stay valid). *rows is a new array the
   caller frees; its strings are p's. */
static op_status team_rows(const op_plan *p, const op_staff_result *res, op_team_row **rows,
                           int *nrows)
{
    int nr = op_plan_role_count(p), H = res->horizon;
    op_loc l = {"staff.csv", 0, 0};
    op_team_row *v = malloc(((size_t)nr * (size_t)(H > 0 ? H : 1) + 1) * sizeof *v);
    int n = 0;
    if (!v)
        return OP_ENOMEM;
    for (int r = 0; r < nr; r++) {
        const op_role *ro = op_plan_role(p, r);
        const double *h = res->headcount + (size_t)r * (size_t)H;
        int first = n;
        for (int w = 1; w <= H; w++) {
            int u = w; /* the run of weeks w..u with h[w - 1] people */
            while (u < H && h[u] == h[w - 1])
                u++;
            if (h[w - 1] > 0 || (u == H && n == first))
                v[n++] = (op_team_row){
                    .role = {.name = ro->name, .index = -1, .loc = l},
                    .headcount = h[w - 1] > 0 ? h[w - 1] : 0,
                    .hours_per_week = res->hours_per_person[r],
                    .from_week = h[w - 1] > 0 ? w : 1,
                    .to_week = u,
                    .cost_per_hour = ro->cost_per_hour,
                    .loc = l,
                    .cost_loc = l,
                };
            w = u;
        }
    }
    *rows = v;
    *nrows = n;
    return OP_OK;
}

op_status cli_staff_replay_plan(const op_plan *p, const op_staff_result *res, op_plan **out,
                                op_diag *d)
{
    op_team_row *rows = NULL;
    int n = 0;
    *out = NULL;
    if (team_rows(p, res, &rows, &n) != OP_OK) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    op_status st = op_plan_with_team(p, rows, n, out, d);
    free(rows);
    return st;
}

/* --max-headcount as a cap per role index (-1: none); *caps is a new array
   the caller frees. An unknown role is a usage error. */
static cli_outcome find_caps(const cli_io *io, const cli_options *o, const op_plan *p, int **caps,
                             op_diag *d)
{
    int nr = op_plan_role_count(p);
    *caps = malloc(((size_t)nr + 1) * sizeof **caps);
    if (!*caps) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return cli_status(OP_ENOMEM);
    }
    for (int r = 0; r < nr; r++)
        (*caps)[r] = -1;
    for (int k = 0; k < o->nmax_headcount; k++) {
        int r = cli_find_role(p, &o->max_headcount[k]);
        if (r < 0)
            return cli_unknown_role(io, p, "max-headcount", NULL, o->max_headcount[k].spec);
        (*caps)[r] = (int)o->max_headcount[k].value;
    }
    return cli_status(OP_OK);
}

static const char *model_name(op_staff_model m)
{
    return m == OP_STAFF_BLOCK ? "block" : "constant";
}

/* The gates the current team (p's) meets when planned for lateness (a
   quarter of the time limit), -1 when the plan cannot be made (the reason
   is not this command's to report). */
static int current_gates_met(const cli_options *o, const op_plan *p)
{
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_solution *sol = NULL;
    op_solver_opts so = o->solver;
    so.stages[0] = OP_STAGE_SCHEDULED, so.stages[1] = OP_STAGE_LATENESS, so.nstages = 2;
    so.time_limit = so.time_limit / 4;
    so.previous = NULL;
    so.write_lp = NULL;
    so.progress = NULL;
    int met = -1;
    if (d && op_solve(p, &so, &sol, d) == OP_OK && sol->schedule) {
        op_eval *e = op_eval_new(p, sol->schedule, op_solver_eval_rules(&o->solver));
        met = e ? op_eval_gates_met(e) : -1;
        op_eval_free(e);
    }
    op_solution_free(sol);
    op_diag_free(d);
    return met;
}

/* The current team's cost over weeks 1..weeks: hours x cost_per_hour (1
   when not given), as the staffing model counts it. */
static double current_cost(const op_plan *p, int weeks)
{
    double c = 0;
    for (int r = 0; r < op_plan_role_count(p); r++) {
        double cph = op_plan_role(p, r)->cost_per_hour;
        for (int t = 1; t <= weeks; t++)
            c += op_plan_capacity(p, r, t) * (cph >= 0 ? cph : 1);
    }
    return c;
}

/* Plans with the team found, beside the current one (p's), without the
   hand plan: that belongs to the current team. t0: when the command began. */
static cli_outcome replay(const cli_io *io, const cli_options *o, const op_plan *p,
                          const op_staff_result *res, double t0, op_diag *d)
{
    char title[256], status[96];
    if (res->status == OP_SOLVE_OPTIMAL)
        snprintf(status, sizeof status, "proven cheapest");
    else if (isfinite(res->bound) && isfinite(res->gap))
        snprintf(status, sizeof status, "best found, not proven: gap %.1f%%, bound %g",
                 res->gap * 100, res->bound);
    else
        snprintf(status, sizeof status, "best found, not proven");
    op_report_team team = {
        .constant = o->staff.model == OP_STAFF_CONSTANT,
        .current_met = current_gates_met(o, p),
        .gates = op_plan_gate_count(p),
        .current_cost = current_cost(p, res->horizon),
        .horizon = res->horizon,
        .headcount = res->headcount,
        .hours_per_person = res->hours_per_person,
        .current = p,
        .status = status,
        .cost = res->cost,
    };
    op_plan *np = NULL;
    cli_outcome r = cli_status(cli_staff_replay_plan(p, res, &np, d));
    if (r.status != OP_OK)
        return r;
    if (!o->quiet) {
        fprintf(io->out, "cheapest team (%s, %s): cost %g\n",
                model_name(o->staff.model), team.status, res->cost);
        if (team.current_met >= 0)
            fprintf(io->out, "current team: cost %g, meets %d of %d gates%s\n", team.current_cost,
                    team.current_met, team.gates,
                    team.current_met == team.gates ? " (already every gate)" : "");
    }
    cli_solve_request rq = {
        .plan = np,
        .title = cli_plan_name(o, title, sizeof title),
        .out = o->out,
        .previous = o->previous,
        .team = &team,
        .solver = o->solver,
        .require_all = o->require_all,
        .fail_on_late = o->fail_on_late,
        .quiet = o->quiet,
        .t0 = t0,
    };
    r = cli_solve_run(io, &rq, d);
    /* a proven plan for a team not proven cheapest is not proven either */
    if (r.status == OP_OK && r.verdict == CLI_DONE && r.solve == OP_SOLVE_OPTIMAL &&
        res->status != OP_SOLVE_OPTIMAL)
        r.solve = OP_SOLVE_FEASIBLE;
    op_plan_free(np);
    return r;
}

/* Whether the search found a team; when not, says why on err and sets r->solve. */
static int found(const cli_io *io, const op_staff_result *res, cli_outcome *r)
{
    if (res->status != OP_SOLVE_INFEASIBLE && res->status != OP_SOLVE_INTERRUPTED &&
        res->status != OP_SOLVE_NO_PLAN)
        return 1;
    int none = res->status != OP_SOLVE_INFEASIBLE;
    cli_say(io, "%s: %s", none ? "no team" : "infeasible", res->reason);
    r->solve = none ? OP_SOLVE_NO_PLAN : OP_SOLVE_INFEASIBLE;
    return 0;
}

cli_outcome cli_staff(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d)
{
    int *caps = NULL;
    op_staff_result *res = NULL;
    double t0 = op_now(); /* the time printed is the whole command's */
    cli_outcome r = find_caps(io, o, p, &caps, d);
    if (r.status == OP_OK && r.verdict == CLI_DONE) {
        op_staff_opts so = o->staff;
        so.max_headcount = caps;
        r.status = op_staff(p, &o->solver, &so, &res, d);
        if (r.status == OP_OK && found(io, res, &r))
            r = replay(io, o, p, res, t0, d);
    }
    op_staff_result_free(res);
    free(caps);
    return r;
}
