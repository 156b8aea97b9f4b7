/* incumbent.c - better schedules found outside the MIP search: LP order, RCPSP lists */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* LP-guided incumbents: list schedules in the order of the items' completion
   weeks in the LP relaxation (a classic for weighted completion objectives),
   plain and with small deterministic perturbations. A candidate that keeps
   every row (the held stages too) and beats the incumbent replaces it. */
void ilp_lp_order_incumbent(ilp *m, const double *c, double *inc, double *inc_obj)
{
    int n = mip_cols(m->mip);
    double *rank = malloc(((size_t)m->ni + 1) * sizeof *rank);
    double *base = malloc(((size_t)m->ni + 1) * sizeof *base);
    double *x = malloc(((size_t)n + 1) * sizeof *x);
    if (!rank || !base || !x)
        goto out;
    for (int i = 0; i < m->ni; i++) {
        double cw = m->ef[i] ? m->lf[i] * mip_lp_value(m->mip, m->cs[i]) : 1e9;
        for (int t = m->ef[i]; m->ef[i] && t < m->lf[i]; t++)
            cw -= mip_lp_value(m->mip, col_z(m, i, t));
        /* start weeks break ties: what the LP starts early goes first */
        double sw = 0;
        for (int t = m->es[i]; m->ef[i] && t <= m->lf[i]; t++)
            sw += 1 - mip_lp_value(m->mip, col_a(m, i, t));
        base[i] = cw + 1e-3 * sw;
    }
    op_rng rng = {0x2545F4914F6CDD1DULL};
    for (int k = 0; k < 32; k++) {
        for (int i = 0; i < m->ni; i++) {
            double u = op_rng_unit(&rng);
            rank[i] = base[i] + (k ? (u - 0.5) * 0.25 * (1 + k % 8) : 0);
        }
        op_schedule *s = op_greedy_ranked(m->p, m->H, op_solver_eval_rules(m->o), rank);
        op_eval *e = s ? op_eval_new(m->p, s, op_solver_eval_rules(m->o)) : NULL;
        if (e && !op_eval_hard_violations(e)) {
            char why[160];
            ilp_point_of_schedule(m, s, e, x);
            double v = ilp_objective_at(c, x, n);
            if (v < *inc_obj - 1e-9 && ilp_point_feasible(m->mip, x, why, sizeof why)) {
                memcpy(inc, x, ((size_t)n + 1) * sizeof *x);
                *inc_obj = v;
            }
        }
        op_eval_free(e);
        op_schedule_free(s);
    }
out:
    free(rank);
    free(base);
    free(x);
}

/* Fixed-duration items alone: the genetic search again, started and held
   within the windows es/ls of "done by week T" (the incumbent's week less
   one), then dives with propagation in them. A schedule found that keeps
   every row replaces the incumbent inc (objective c). Returns 1 when one
   did, 0 when not, -1 on ENOMEM. */
int ilp_rc_improve(ilp *m, const double *c, const int *es, const int *ls, int T, double *inc,
                      double *inc_obj, double until)
{
    int n = mip_cols(m->mip);
    double left = until - op_now();
    op_schedule *h = rc_heuristic(m->rc, 200000 / (m->ni > 0 ? m->ni : 1),
                                  op_now() + (left > 0 ? left / 4 : 0), es, ls,
                                  (int)ilp_col_lb(m, m->cM));
    if (h && op_schedule_weeks(h) > T) {
        /* none by T from the lists: dive with propagation instead */
        op_schedule_free(h);
        left = until - op_now();
        h = rc_dive(m->rc, T, es, ls, 100000, op_now() + (left > 0 ? left / 3 : 0));
    }
    op_eval *e = h ? op_eval_new(m->p, h, op_solver_eval_rules(m->o)) : NULL;
    double *x = malloc(((size_t)n + 1) * sizeof *x);
    int rc = 0;
    if (!x || (h && !e)) {
        rc = -1;
    } else if (e && !op_eval_hard_violations(e) && op_eval_last_week(e) <= m->H &&
               op_eval_last_week(e) < *inc_obj - 0.5) {
        char why[160];
        ilp_point_of_schedule(m, h, e, x);
        if (ilp_point_feasible(m->mip, x, why, sizeof why)) {
            memcpy(inc, x, ((size_t)n + 1) * sizeof *x);
            *inc_obj = ilp_objective_at(c, x, n);
            rc = 1;
        }
    }
    free(x);
    op_eval_free(e);
    op_schedule_free(h);
    return rc;
}

