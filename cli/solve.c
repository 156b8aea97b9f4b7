/* solve.c - the solve command: a plan solved, checked and reported, one step at a time */
#include <math.h>
#include <stdlib.h>

#include "cli/cli.h"

/* Where solver progress goes: err, prefixed like every message. */
typedef struct progress_sink {
    FILE *f;
    const char *prog;
} progress_sink;

/* Everything one solve holds; every pointer is owned and freed by solve_free. */
typedef struct solve_state {
    double t0;                        /* op_now() when the request arrived */
    op_solver_opts opts;              /* the request's, with previous and progress */
    progress_sink sink;
    op_schedule *base;                /* the hand plan, NULL for none */
    op_eval *base_eval;
    op_run *prev_run;                 /* --previous read back, NULL for none */
    op_schedule *prev_sched;
    op_solution *sol;
    op_eval *eval;                    /* of sol's schedule */
    op_report_stage stages[OP_STAGE_COUNT];
    char status[128];                 /* "proven optimal", ... */
    char **fixes;                     /* per gate, cli_gate_fixes's text; NULL none */
    int ngates;
    cli_trend *trend;                 /* --history, NULL for none */
    op_forecast *forecast;            /* --simulate, NULL for none */
    cli_reopt *reopt;                 /* --reoptimize, NULL for none */
    char forecast_how[256];
} solve_state;

static void solve_free(solve_state *s)
{
    op_forecast_free(s->forecast);
    cli_reopt_free(s->reopt);
    cli_trend_free(s->trend);
    cli_gate_fixes_free(s->fixes, s->ngates);
    op_eval_free(s->eval);
    op_solution_free(s->sol);
    op_schedule_free(s->prev_sched);
    op_run_free(s->prev_run);
    op_eval_free(s->base_eval);
    op_schedule_free(s->base);
}

static void progress(void *ctx, const char *stage, double inc, double bound, double gap,
                     double elapsed)
{
    const progress_sink *k = ctx;
    fprintf(k->f, "\r%s: stage %-9s incumbent %-8g bound %-8g gap %5.1f%%  %.0fs   ", k->prog,
            stage, inc, bound, isfinite(gap) ? gap * 100 : 100.0, elapsed);
}

/* A --previous run made from a different plan is named in a warning and
   dropped: neither compared with nor steering this one. */
static op_status other_plan(const cli_io *io, const cli_solve_request *rq, solve_state *s)
{
    char why[128];
    int differs = op_report_run_differs(rq->plan, s->prev_run, why, sizeof why);
    if (differs < 0)
        return OP_ENOMEM;
    if (differs) {
        cli_say(io, "warning: --previous %s was made from a different plan (%s)", rq->previous,
                why);
        op_run_free(s->prev_run);
        s->prev_run = NULL;
    }
    return OP_OK;
}

/* Reads what the solve is measured against: the hand plan shown beside it
   and the last run, whose schedule steers the stability stage and whose
   report the changes are measured against. */
static op_status load_context(const cli_io *io, const cli_solve_request *rq, solve_state *s,
                              op_diag *d)
{
    const op_plan *p = rq->plan;
    op_status st = OP_OK;
    if (rq->baseline) {
        st = cli_load_schedule(rq->baseline, p, &s->base, d);
        if (st == OP_OK && !(s->base_eval = op_eval_new(p, s->base, op_solver_eval_rules(&s->opts))))
            st = OP_ENOMEM;
    }
    if (st == OP_OK && rq->previous) {
        char *alloc = op_path_join(rq->previous, "allocation.csv");
        st = alloc ? op_inputs_load_run(rq->previous, "previous", &s->prev_run, d) : OP_ENOMEM;
        if (st == OP_OK)
            st = other_plan(io, rq, s);
        if (st == OP_OK && s->prev_run)
            st = op_inputs_load_schedule(alloc, p, 1, 1, &s->prev_sched, d);
        free(alloc);
        s->opts.previous = s->prev_sched;
    }
    if (st == OP_ENOMEM && op_diag_status(d) != OP_ENOMEM)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    return st;
}

/* Runs the solver, with a progress line on a terminal. */
static op_status search(const cli_io *io, const cli_solve_request *rq, solve_state *s, op_diag *d)
{
    s->sink = (progress_sink){io->err, io->prog};
    if (io->progress && !rq->quiet) {
        s->opts.progress = progress;
        s->opts.progress_ctx = &s->sink;
    }
    op_status st = op_solve(rq->plan, &s->opts, &s->sol, d);
    if (s->opts.progress)
        fprintf(io->err, "\r%72s\r", "");
    return st;
}

/* Whether the solution can be reported: a schedule, and with --require-all
   every item in it. Otherwise says why on err and sets r->solve. */
static int usable(const cli_io *io, const cli_solve_request *rq, const solve_state *s,
                  cli_outcome *r)
{
    const op_solution *sol = s->sol;
    if (sol->status == OP_SOLVE_INFEASIBLE || sol->status == OP_SOLVE_NO_PLAN) {
        int none = sol->status == OP_SOLVE_NO_PLAN;
        cli_say(io, "%s: %s", none ? "no plan" : "infeasible", sol->reason);
        r->solve = sol->status;
        return 0;
    }
    if (rq->require_all && sol->ndeferred) {
        for (int k = 0; k < sol->ndeferred; k++)
            cli_say(io, "infeasible: %s cannot be scheduled: %s",
                    op_plan_item(rq->plan, sol->deferred[k])->id, sol->deferred_why[k]);
        r->solve = OP_SOLVE_INFEASIBLE;
        return 0;
    }
    return 1;
}

/* The stages as the report states them, and the solve's status in words. */
static void describe(const cli_solve_request *rq, solve_state *s)
{
    const op_solution *sol = s->sol;
    double worst = 0;
    for (int k = 0; k < sol->nstages; k++) {
        const op_stage_result *r = &sol->stages[k];
        s->stages[k] = (op_report_stage){
            .name = op_stage_name(r->stage),
            .status = r->status == OP_SOLVE_OPTIMAL ? "optimal" : "feasible",
            .objective = r->objective,
            .bound = r->bound,
            .gap = r->gap,
        };
        if (r->gap > worst)
            worst = r->gap;
    }
    if (rq->solver.greedy_only)
        snprintf(s->status, sizeof s->status, "greedy schedule only (no optimization)");
    else if (sol->status == OP_SOLVE_OPTIMAL && rq->solver.gap > 0)
        snprintf(s->status, sizeof s->status, "optimal within gap %g", rq->solver.gap);
    else if (sol->status == OP_SOLVE_OPTIMAL)
        snprintf(s->status, sizeof s->status, "proven optimal");
    else if (isfinite(worst))
        snprintf(s->status, sizeof s->status,
                 "feasible, not proven optimal (largest stage gap %.1f%%)", worst * 100);
    else
        snprintf(s->status, sizeof s->status, "feasible, not proven optimal (no bound)");
}

/* solve.log: the wall-clock times, the only thing that differs between two
   runs on the same inputs. */
static void write_log(const solve_state *s, char *log, size_t size)
{
    const op_solution *sol = s->sol;
    size_t len = (size_t)snprintf(log, size, "greedy %.3f s\n", sol->greedy_seconds);
    for (int k = 0; k < sol->nstages && len < size; k++) {
        const op_stage_result *r = &sol->stages[k];
        len += (size_t)snprintf(log + len, size - len,
                                "stage %s: %s, objective %g, bound %g, %d rows, %d cols, %d nz, "
                                "%.3f s\n",
                                s->stages[k].name, s->stages[k].status, s->stages[k].objective,
                                s->stages[k].bound, r->rows, r->cols, r->nonzeros, r->seconds);
    }
    if (len < size)
        snprintf(log + len, size - len, "total %.3f s\n", op_now() - s->t0);
}

static op_status publish(const cli_solve_request *rq, const solve_state *s, op_diag *d)
{
    const op_solution *sol = s->sol;
    op_report_info info = {
        .command = "solve",
        .plan_name = rq->title,
        .status = s->status,
        .proven = sol->status == OP_SOLVE_OPTIMAL,
        .horizon = sol->horizon,
        .gate_entry_phase = s->opts.gate_entry_phase,
        .stages = s->stages,
        .nstages = sol->nstages,
        .deferred = sol->deferred,
        .deferred_why = (const char *const *)sol->deferred_why,
        .ndeferred = sol->ndeferred,
        .baseline = s->base,
        .baseline_eval = s->base_eval,
        .team = rq->team,
        .previous = s->prev_run,
        .gate_fixes = (const char *const *)s->fixes,
        .previous_schedule = s->prev_sched,
        .trend = cli_trend_report(s->trend),
    };
    op_report_forecast fc = {s->forecast, s->forecast_how, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL};
    if (s->reopt)
        fc = (op_report_forecast){s->forecast,         s->forecast_how,
                                  s->reopt->n,         s->reopt->failed,
                                  s->reopt->policy_on, s->reopt->reopt_on,
                                  s->reopt->policy_passed, s->reopt->reopt_passed,
                                  s->reopt->policy_sum,    s->reopt->reopt_sum};
    info.forecast = s->forecast ? &fc : NULL;
    char log[2048];
    write_log(s, log, sizeof log);
    return cli_publish(rq->out, rq->plan, sol->schedule, s->eval, &info, log, d);
}

/* The result on io->out: gates, deferred items, where the reports are. */
static void print_result(const cli_io *io, const cli_solve_request *rq, const solve_state *s)
{
    const op_plan *p = rq->plan;
    const op_eval *e = s->eval;
    const char *pw = op_period_word(op_plan_period(p), 0);
    fprintf(io->out, "%s: %d of %d gates met, last %s %d, %d of %d items scheduled, %s\n",
            rq->title, op_eval_gates_met(e), op_plan_gate_count(p), pw, op_eval_last_week(e),
            op_eval_scheduled_count(e), op_plan_item_count(p), s->status);
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        const op_gate_eval *ge = op_eval_gate(e, g);
        const op_gate *ga = op_plan_gate(p, g);
        if (ge->passed_week)
            fprintf(io->out, "  %s: passed %s %d, deadline %d%s\n", ga->id, pw, ge->passed_week,
                    ga->deadline_week, ge->lateness ? " (LATE)" : "");
        else
            fprintf(io->out, "  %s: not passed, deadline %d\n", ga->id, ga->deadline_week);
        if (s->fixes && s->fixes[g])
            fprintf(io->out, "    %s\n", s->fixes[g]);
    }
    for (int k = 0; k < s->sol->ndeferred; k++)
        fprintf(io->out, "  deferred %s: %s\n", op_plan_item(p, s->sol->deferred[k])->id,
                s->sol->deferred_why[k]);
    fprintf(io->out, "reports in %s/ (%.2f s)\n", rq->out, op_now() - s->t0);
}

/* --fail-on-late: one line per late gate on err, even with -q, so that a
   nightly run under cron says why it exits 4, and its best fix when one was
   found (--explain). */
static void say_late(const cli_io *io, const op_plan *p, const op_eval *e, char *const *fixes)
{
    const char *wk = op_period_word(op_plan_period(p), 0);
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        const op_gate_eval *ge = op_eval_gate(e, g);
        const op_gate *ga = op_plan_gate(p, g);
        if (!ge->lateness)
            continue;
        const char *unit = op_period_word(op_plan_period(p), ge->lateness != 1);
        if (ge->passed_week)
            cli_say(io, "late gate %s: passed %s %d, deadline %s %d, %d %s late", ga->id, wk,
                    ge->passed_week, wk, ga->deadline_week, ge->lateness, unit);
        else
            cli_say(io, "late gate %s: not passed, deadline %s %d, at least %d %s late", ga->id,
                    wk, ga->deadline_week, ge->lateness, unit);
        if (fixes && fixes[g])
            cli_say(io, "late gate %s: %s", ga->id, fixes[g]);
    }
}

/* --simulate: the plan found, run under drawn efforts; the words that say how. */
static op_status simulate(const cli_solve_request *rq, solve_state *s, op_diag *d)
{
    const op_forecast_opts *f = rq->forecast;
    if (!(s->forecast = op_forecast_run(rq->plan, s->sol->schedule, f))) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    char unc[64] = "no range";
    if (f->uncertainty > 0)
        snprintf(unc, sizeof unc, "+-%g %%", f->uncertainty * 100);
    snprintf(s->forecast_how, sizeof s->forecast_how,
             "efforts drawn from %s ranges (items without effort_low and effort_high: %s), "
             "seed %llu, the plan followed as a policy (items start %s)",
             f->dist == OP_DIST_TRIANGULAR ? "triangular" : "PERT", unc, f->seed,
             f->early ? "as soon as they can" : "no earlier than planned");
    if (rq->reoptimize &&
        cli_reoptimize(rq->plan, s->sol->schedule, &s->opts, f, rq->reoptimize,
                       s->opts.time_limit, &s->reopt) != OP_OK) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    return OP_OK;
}

/* The time the explanations may take, each of gates and deferred items: a
   tenth of the time limit, at least a second, at most 30 s. */
static double explain_budget(const op_solver_opts *o)
{
    double budget = o->time_limit / 10;
    return budget < 1 ? 1 : budget > 30 ? 30 : budget;
}

cli_outcome cli_solve_run(const cli_io *io, const cli_solve_request *rq, op_diag *d)
{
    solve_state s = {.t0 = rq->t0 > 0 ? rq->t0 : op_now(), .opts = rq->solver};
    cli_outcome r = cli_status(load_context(io, rq, &s, d));
    if (r.status == OP_OK)
        r.status = search(io, rq, &s, d);
    if (r.status != OP_OK || !usable(io, rq, &s, &r))
        goto out;
    if (!(s.eval = op_eval_new(rq->plan, s.sol->schedule, op_solver_eval_rules(&s.opts)))) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        r.status = OP_ENOMEM;
        goto out;
    }
    describe(rq, &s);
    if (rq->explain && op_eval_gates_met(s.eval) < op_plan_gate_count(rq->plan)) {
        double budget = explain_budget(&s.opts);
        s.ngates = op_plan_gate_count(rq->plan);
        r.status = cli_gate_fixes(rq->plan, &s.opts, s.eval, budget, &s.fixes, d);
        if (r.status != OP_OK)
            goto out;
    }
    if (rq->explain && s.sol->ndeferred &&
        cli_deferred_fixes(rq->plan, &s.opts, s.sol->horizon, s.sol->deferred, s.sol->deferred_why,
                           s.sol->ndeferred, explain_budget(&s.opts)) != OP_OK) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        r.status = OP_ENOMEM;
        goto out;
    }
    if (rq->forecast && rq->forecast->scenarios > 0 &&
        (r.status = simulate(rq, &s, d)) != OP_OK)
        goto out;
    if (rq->nhistory) {
        r.status = cli_trend_new(rq->history, rq->nhistory, rq->out, rq->plan, s.eval,
                                 s.forecast, &s.trend, d);
        if (r.status != OP_OK)
            goto out;
    }
    r.status = publish(rq, &s, d);
    if (r.status != OP_OK)
        goto out;
    if (!rq->quiet)
        print_result(io, rq, &s);
    r.solve = s.sol->status;
    if (rq->fail_on_late && op_eval_gates_met(s.eval) < op_plan_gate_count(rq->plan)) {
        say_late(io, rq->plan, s.eval, s.fixes);
        r.verdict = CLI_LATE;
    }
out:
    solve_free(&s);
    return r;
}

/* The hand plan to show beside the optimum: --baseline, else
   PLAN_DIR/baseline.csv when present; none nightly (it is compared before
   work starts), with --no-baseline, or in a day plan unless named (the
   file counts weeks). *joined holds a path made here, for the caller to free. */
static op_status find_baseline(const cli_options *o, const char **path, char **joined,
                               op_diag *d)
{
    *path = NULL;
    *joined = NULL;
    if (o->no_baseline || o->week > 1 || o->previous)
        return OP_OK;
    if (o->baseline) {
        *path = o->baseline;
        return OP_OK;
    }
    if (o->period == OP_PERIOD_DAY || !o->plan_dir)
        return OP_OK;
    if (!(*joined = op_path_join(o->plan_dir, "baseline.csv"))) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    if (cli_file_exists(*joined))
        *path = *joined;
    return OP_OK;
}

cli_outcome cli_solve(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d)
{
    char title[256], *joined;
    const char *baseline;
    op_status st = find_baseline(o, &baseline, &joined, d);
    if (st != OP_OK)
        return cli_status(st);
    cli_solve_request rq = {
        .plan = p,
        .title = cli_plan_name(o, title, sizeof title),
        .out = o->out,
        .baseline = baseline,
        .previous = o->previous,
        .history = o->history,
        .nhistory = o->nhistory,
        .forecast = &o->forecast,
        .reoptimize = o->reoptimize,
        .solver = o->solver,
        .require_all = o->require_all,
        .fail_on_late = o->fail_on_late,
        .quiet = o->quiet,
        .explain = o->explain,
    };
    cli_outcome r = cli_solve_run(io, &rq, d);
    free(joined);
    return r;
}

cli_outcome cli_forecast(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d)
{
    return cli_solve(io, o, p, d); /* its options already ask for the simulation */
}
