/* reoptimize.c - what re-planning could recover: forecast scenarios re-solved with their efforts known */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

void cli_reopt_free(cli_reopt *r)
{
    if (!r)
        return;
    free(r->policy_on);
    free(r->policy_sum);
    free(r->policy_passed);
    free(r);
}

/* Adds gate weeks w (0: never) to the tallies on, late (weeks late of
   those passed: what the re-solve minimizes; a week before the deadline is
   not chosen by it) and passed. */
static void tally(const op_plan *p, const int *w, int *on, double *late, int *passed)
{
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        int dl = op_plan_gate(p, g)->deadline_week;
        on[g] += w[g] && w[g] <= dl;
        late[g] += w[g] > dl ? w[g] - dl : 0;
        passed[g] += w[g] > 0;
    }
}

/* Scenario k: its draws and the plan's gate weeks (the policy's), then the
   plan with those efforts solved again (the re-planned weeks); 1 when the
   re-solve gave a plan, 0 when not, -1 on ENOMEM. */
static int one(const op_plan *p, const op_schedule *s, const op_solver_opts *so,
               const op_forecast_opts *fo, int k, double until, int *pol, int *re, double *draws)
{
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_plan *q = NULL;
    if (!d || op_forecast_scenario(p, s, fo, k, draws, pol)) {
        op_diag_free(d);
        return -1;
    }
    for (int i = 0; i < op_plan_item_count(p); i++)
        if (op_plan_item(p, i)->done)
            draws[i] = -1; /* done stays done */
    op_plan_edit ed = {.drop_item = -1, .drop_dep = -1, .left = draws};
    int got = op_plan_edited(p, &ed, &q, d) == OP_OK && cli_solve_gate_weeks(q, so, until, re) >= 0;
    op_plan_free(q);
    op_diag_free(d);
    return got;
}

op_status cli_reoptimize(const op_plan *p, const op_schedule *s, const op_solver_opts *so,
                         const op_forecast_opts *fo, int n, double budget, cli_reopt **out)
{
    int ng = op_plan_gate_count(p), ni = op_plan_item_count(p);
    cli_reopt *r = calloc(1, sizeof *r);
    int *pol = malloc(((size_t)ng + 1) * sizeof *pol), *re = malloc(((size_t)ng + 1) * sizeof *re);
    double *draws = malloc(((size_t)ni + 1) * sizeof *draws);
    size_t two = 2 * ((size_t)ng + 1); /* policy, then re-planned */
    op_status st = OP_ENOMEM;
    *out = NULL;
    if (r && pol && re && draws && (r->policy_on = calloc(two, sizeof(int))) &&
        (r->policy_sum = calloc(two, sizeof(double))) &&
        (r->policy_passed = calloc(two, sizeof(int)))) {
        /* one block each, policy then re-planned: [0, ng) and [ng + 1, 2 ng + 1) */
        r->reopt_on = r->policy_on + ng + 1, r->reopt_sum = r->policy_sum + ng + 1;
        r->reopt_passed = r->policy_passed + ng + 1;
        double t0 = op_now();
        st = OP_OK;
        for (int k = 0; k < n && k < fo->scenarios && st == OP_OK; k++) {
            /* each solve gets an equal share of what is left */
            double until = op_now() + (budget - (op_now() - t0)) / (n - k);
            int got = one(p, s, so, fo, k, until, pol, re, draws);
            if (got < 0) {
                st = OP_ENOMEM;
            } else if (got) {
                tally(p, pol, r->policy_on, r->policy_sum, r->policy_passed);
                tally(p, re, r->reopt_on, r->reopt_sum, r->reopt_passed);
                r->n++;
            } else {
                r->failed++;
            }
        }
    }
    free(pol);
    free(re);
    free(draws);
    if (st != OP_OK) {
        cli_reopt_free(r);
        return OP_ENOMEM;
    }
    *out = r;
    return OP_OK;
}
