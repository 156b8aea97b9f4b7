/* check.c - the check command: a given schedule evaluated against the plan and reported */
#include <stdlib.h>

#include "cli/cli.h"

/* The headline of report.md, counted and worded the same way: items never
   scheduled apart, rule violations (op_eval_hard_violations) apart from
   both them and the gates missed. */
static void print_result(const cli_io *io, const cli_options *o, const char *path,
                         const op_plan *p, const op_eval *e)
{
    int unscheduled = op_plan_item_count(p) - op_eval_scheduled_count(e);
    fprintf(io->out, "%s: %d of %d gates met, last %s %d, %d of %d items scheduled", path,
            op_eval_gates_met(e), op_plan_gate_count(p), op_period_word(op_plan_period(p), 0),
            op_eval_last_week(e), op_eval_scheduled_count(e), op_plan_item_count(p));
    if (unscheduled)
        fprintf(io->out, " (%d never scheduled)", unscheduled);
    fprintf(io->out, ", %d rule violations found\n", op_eval_hard_violations(e));
    fprintf(io->out, "reports in %s/\n", o->out);
}

/* Evaluates and reports the schedule in path; *defects tells whether the
   plan breaks a rule, leaves an item out, misses a gate or a due week. */
static op_status check_schedule(const cli_io *io, const cli_options *o, const char *path,
                                const op_plan *p, int *defects, op_diag *d)
{
    op_schedule *s = NULL;
    op_eval *e = NULL;
    char title[256];
    op_status st = cli_load_schedule(path, p, &s, d);
    if (st == OP_OK && !(e = op_eval_new(p, s, op_solver_eval_rules(&o->solver)))) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        st = OP_ENOMEM;
    }
    if (st == OP_OK) {
        op_report_info info = {
            .command = "check",
            .plan_name = cli_plan_name(o, title, sizeof title),
            .status = "hand plan",
            .horizon = op_schedule_weeks(s),
            .gate_entry_phase = o->solver.gate_entry_phase,
        };
        st = cli_publish(o->out, p, s, e, &info, NULL, d);
    }
    if (st == OP_OK) {
        *defects = op_eval_violation_count(e) > 0 || op_eval_gates_met(e) < op_plan_gate_count(p) ||
                   op_eval_item_lateness(e) > 0;
        if (!o->quiet)
            print_result(io, o, path, p, e);
    }
    op_eval_free(e);
    op_schedule_free(s);
    return st;
}

cli_outcome cli_check(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d)
{
    if (!o->plan && !o->plan_dir)
        return cli_usage(io, "check needs --plan FILE or PLAN_DIR/baseline.csv");
    char *joined = o->plan ? NULL : op_path_join(o->plan_dir, "baseline.csv");
    if (!o->plan && !joined) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return cli_status(OP_ENOMEM);
    }
    int defects = 0;
    cli_outcome r = cli_status(check_schedule(io, o, o->plan ? o->plan : joined, p, &defects, d));
    if (r.status == OP_OK && defects)
        r.verdict = CLI_DEFECTS;
    free(joined);
    return r;
}
