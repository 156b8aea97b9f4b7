/* objective.c - each stage's objective, its value at a point, whether it is whole */
#include <math.h>

#include "internal.h"

/* Whether a stage's objective c[0..n] takes only whole values: every stage
   but stability and focus counts weeks or items, and cost does when every
   coefficient is whole (cost_per_hour may have cents). Focus counts paused
   weeks only where hours are 0 or at least a step: a week with less counts
   a fraction, so its bound proves no whole value. */
int ilp_objective_integral(op_stage st, const double *c, int n)
{
    if (st == OP_STAGE_STABILITY || st == OP_STAGE_FOCUS)
        return 0;
    for (int k = 0; k <= n; k++)
        if (c[k] != floor(c[k]))
            return 0;
    return 1;
}


/* Weight of scheduling an item of each priority: lexicographic, so one P0
   item outweighs every P1 item together, and so on. */
static void priority_weights(const ilp *m, double w[4])
{
    int cnt[4] = {0, 0, 0, 0};
    for (int i = 0; i < m->ni; i++)
        cnt[op_plan_item(m->p, i)->priority]++;
    for (int q = 3; q >= 0; q--) {
        w[q] = 1;
        for (int lower = q + 1; lower < 4; lower++)
            w[q] += cnt[lower] * w[lower];
    }
}

/* Soft due weeks: item i with due week d, once scheduled, is late by the
   weeks t = d..H it is not yet done, sum (s_i - z[i,t]), which is its end
   week minus d when that is later (op_item_eval.late). Strict due weeks
   bound its window instead (ilp_latest_week). */
static void item_lateness(const ilp *m, double *c)
{
    for (int i = 0; !m->o->strict_due && i < m->ni; i++) {
        const op_item *it = op_plan_item(m->p, i);
        if (!it->due_week || it->done || !m->ef[i])
            continue;
        for (int t = it->due_week; t <= m->H; t++) {
            c[m->cs[i]] += 1;
            if (col_z(m, i, t))
                c[col_z(m, i, t)] -= 1;
        }
    }
}

/* Fills c[0..n] (c[0] the constant) with stage st's minimization objective. */
void ilp_objective(const ilp *m, op_stage st, double *c, int n)
{
    for (int k = 0; k <= n; k++)
        c[k] = 0;
    switch (st) {
    case OP_STAGE_SCHEDULED: {
        double w[4];
        priority_weights(m, w);
        for (int i = 0; i < m->ni; i++) {
            double wi = w[op_plan_item(m->p, i)->priority];
            c[0] += wi;
            c[m->cs[i]] -= wi;
        }
        break;
    }
    case OP_STAGE_LATENESS:
        for (int g = 0; g < m->ng; g++) {
            int d = op_plan_gate(m->p, g)->deadline_week;
            int from = d > m->gl[g] ? d : m->gl[g];
            if (from > m->H) {
                /* never passable within the horizon: late by H+1-deadline;
                   a deadline past the horizon is never late */
                if (m->gl[g] > m->H && m->H + 1 > d)
                    c[0] += m->H + 1 - d;
                continue;
            }
            c[0] += (m->H + 1 - from) + (m->gl[g] > d ? m->gl[g] - d : 0);
            for (int t = from; t <= m->H; t++)
                if (col_g(m, g, t))
                    c[col_g(m, g, t)] -= 1;
        }
        item_lateness(m, c);
        break;
    case OP_STAGE_FINISH:
        c[m->cM] = 1;
        break;
    case OP_STAGE_PRIORITY:
        for (int i = 0; i < m->ni; i++) {
            if (!m->ef[i])
                continue;
            const op_item *it = op_plan_item(m->p, i);
            double w = 4 * (4 - it->priority) + (int)it->impact;
            c[m->cs[i]] += w * m->lf[i];
            for (int t = m->ef[i]; t < m->lf[i]; t++)
                c[col_z(m, i, t)] -= w;
        }
        break;
    case OP_STAGE_STABILITY:
        for (int i = 0; m->cu && i < m->ni; i++)
            for (int t = 1; t <= m->H; t++) {
                int u = m->cu[(size_t)i * (size_t)(m->H + 1) + (size_t)t];
                if (u)
                    c[u] = 1;
            }
        break;
    case OP_STAGE_FOCUS:
        for (int i = 0; m->cP && i < m->ni; i++)
            for (int t = 1; t <= m->H; t++)
                if (col_P(m, i, t))
                    c[col_P(m, i, t)] = 1;
        break;
    case OP_STAGE_COST:
        /* cost = headcount x hours x cost_per_hour (1 when not given) */
        for (int r = 0; m->staff && r < m->nr; r++) {
            double cph = op_plan_role(m->p, r)->cost_per_hour;
            double w = m->hpw[r] * (cph >= 0 ? cph : 1);
            if (m->staff->phased)
                for (int t = 1; t <= m->H; t++)
                    c[col_N(m, r, t)] += w;
            else
                c[m->cN[r]] += w * m->H;
        }
        break;
    case OP_STAGE_COUNT:
        break;
    }
}


double ilp_objective_at(const double *c, const double *x, int n)
{
    double v = c[0];
    for (int k = 1; k <= n; k++)
        v += c[k] * x[k];
    return v;
}

