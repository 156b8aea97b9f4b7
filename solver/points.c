/* points.c - schedules as column values and back, checked against every row */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

/* Column value of col in x, 0 for the constant 0. */
static double val(const double *x, int col) { return col ? x[col] : 0; }

/* The hand-off columns of the point x: w[j->i,t] = 1 when j is done in t and
   i started by t; L[i,t] = x[i,t] plus the largest chain of its links with
   w = 1, in dependency order. */
static void derive_links(const ilp *m, double *x)
{
    const int *topo = op_plan_topo_order(m->p);
    for (int n = 0; m->lk_first && n < m->ni; n++) {
        int i = topo[n];
        for (int k = m->lk_first[i]; k < m->lk_first[i + 1]; k++)
            for (int t = m->lk[k].t0; t <= m->lk[k].t1; t++) {
                int j = m->lk[k].j;
                int fin = val(x, col_z(m, j, t)) > 0.5 && val(x, col_z(m, j, t - 1)) < 0.5;
                x[col_w(m, k, t)] = fin && val(x, col_a(m, i, t)) > 0.5;
            }
        for (int t = m->es[i]; m->cL && m->ef[i] && t <= m->lf[i]; t++) {
            if (!col_L(m, i, t))
                continue;
            double best = 0;
            for (int k = m->lk_first[i]; k < m->lk_first[i + 1]; k++) {
                int j = m->lk[k].j, cj = col_L(m, j, t) ? col_L(m, j, t) : col_x(m, j, t);
                if (val(x, col_w(m, k, t)) > 0.5 && val(x, cj) > best)
                    best = val(x, cj);
            }
            x[col_L(m, i, t)] = val(x, col_x(m, i, t)) + best;
        }
    }
}

/* P[i,t] = max(0, a[i,t] - z[i,t-1] - x[i,t] / h): the least its row allows. */
static void derive_pauses(const ilp *m, double *x)
{
    for (int i = 0; m->cP && i < m->ni; i++)
        for (int t = m->es[i] + 1; m->ef[i] && t < m->lf[i]; t++) {
            int pc = col_P(m, i, t);
            if (!pc)
                continue;
            double v = val(x, col_a(m, i, t)) - val(x, col_z(m, i, t - 1)) -
                       val(x, col_x(m, i, t)) / ilp_pause_step(m, i, t);
            x[pc] = v > 1e-9 ? v : 0; /* no noise in the held value */
        }
}

/* u[i,t] = max(0, previous hours - planned hours) for the point x, the
   cumulative hours columns from the hours, and the hand-off and pause
   columns. */
void ilp_derive_columns(const ilp *m, double *x)
{
    for (int i = 0; i < m->ni; i++) {
        double acc = 0;
        for (int t = m->es[i]; m->cY[i] && t < m->lf[i]; t++) {
            acc += col_x(m, i, t) ? x[col_x(m, i, t)] : 0;
            x[col_Y(m, i, t)] = acc;
        }
    }
    derive_links(m, x);
    derive_pauses(m, x);
    if (!m->cu)
        return;
    for (int i = 0; i < m->ni; i++)
        for (int t = 1; t <= m->H; t++) {
            int u = m->cu[(size_t)i * (size_t)(m->H + 1) + (size_t)t];
            if (!u)
                continue;
            int xc = col_x(m, i, t);
            double given = xc ? x[xc] : 0;
            const op_item *it = op_plan_item(m->p, i);
            for (int st = t - it->duration + 1; it->duration && st <= t; st++)
                if (col_y(m, i, st) && x[col_y(m, i, st)] > 0.5)
                    given = op_plan_crew_week_hours(m->p, i, t);
            double v = op_schedule_get(m->o->previous, i, t) - given;
            x[u] = v > 0 ? v : 0;
        }
}

/* Column values x[1..n] of the schedule s, with gate weeks as evaluated. */
void ilp_point_of_schedule(const ilp *m, const op_schedule *s, const op_eval *e, double *x)
{
    int n = mip_cols(m->mip);
    for (int k = 0; k <= n; k++)
        x[k] = 0;
    int last = 0;
    for (int i = 0; i < m->ni; i++) {
        const op_item_eval *ie = op_eval_item(e, i);
        if (!m->ef[i] || !ie->done)
            continue;
        x[m->cs[i]] = 1;
        if (ie->end_week > last)
            last = ie->end_week;
        if (col_y(m, i, ie->start_week))
            x[col_y(m, i, ie->start_week)] = 1;
        for (int t = m->es[i]; t <= m->lf[i]; t++) {
            if (col_x(m, i, t))
                x[col_x(m, i, t)] = op_schedule_get(s, i, t);
            if (t >= ie->start_week)
                x[col_a(m, i, t)] = 1;
            if (t >= ie->end_week && col_z(m, i, t))
                x[col_z(m, i, t)] = 1;
        }
    }
    for (int g = 0; g < m->ng; g++) {
        int pw = op_eval_gate(e, g)->passed_week;
        for (int t = m->gl[g]; pw && t <= m->H; t++)
            if (t >= pw && col_g(m, g, t))
                x[col_g(m, g, t)] = 1;
    }
    x[m->cM] = last;
    ilp_derive_columns(m, x);
}

/* Checks x against every row, column bound and integrality; the name of the
   first broken constraint goes to why. GLPK does not check heuristic
   solutions, so nothing unchecked is offered. */
int ilp_point_feasible(op_mip *mip, const double *x, char *why, size_t n)
{
    if (!mip_alive(mip)) {
        snprintf(why, n, "the model is gone (the MIP solver failed)");
        return 0; /* nothing can be checked: nothing is accepted */
    }
    int nc = mip_cols(mip), nr = mip_rows(mip);
    for (int j = 1; j <= nc; j++) {
        double lb, ub;
        mip_get_bounds(mip, j, &lb, &ub);
        if (x[j] < lb - 1e-6) {
            snprintf(why, n, "column %d below its bound", j);
            return 0;
        }
        if (x[j] > ub + 1e-6) {
            snprintf(why, n, "column %d above its bound", j);
            return 0;
        }
        if (mip_get_kind(mip, j) != MIP_CONTINUOUS && fabs(x[j] - round(x[j])) > 1e-9) {
            snprintf(why, n, "column %d not integer", j);
            return 0;
        }
    }
    int *ind = malloc(((size_t)nc + 1) * sizeof *ind);
    double *val = malloc(((size_t)nc + 1) * sizeof *val);
    int ok = ind && val;
    for (int i = 1; ok && i <= nr; i++) {
        double lb, ub;
        int len = mip_get_row(mip, i, ind, val, &lb, &ub);
        double a = 0;
        for (int k = 1; k <= len; k++)
            a += val[k] * x[ind[k]];
        /* the tolerance scales with the bound checked (missing: infinite) */
        if ((isfinite(lb) && a < lb - 1e-6 * (1 + fabs(lb))) ||
            (isfinite(ub) && a > ub + 1e-6 * (1 + fabs(ub)))) {
            snprintf(why, n, "row %d (activity %g, bounds %g..%g)", i, a, lb, ub);
            ok = 0;
        }
    }
    free(ind);
    free(val);
    if (!mip_alive(mip)) {
        /* reading the rows failed in the solver: nothing was checked */
        snprintf(why, n, "the model is gone (the MIP solver failed)");
        return 0;
    }
    return ok;
}

/* Cleans GLPK's tolerances out of a point: binaries become exactly 0 or 1,
   hours vanish where the item is not running, each scheduled item gets exactly
   its effort, and M is the last completion week. Held stage values are then
   exact integers and the schedule evaluates as the model saw it. */
double *ilp_role_load(const ilp *m, const double *x)
{
    double *load = calloc((size_t)m->nr * (size_t)(m->H + 1) + 1, sizeof *load);
    for (int i = 0; load && i < m->ni; i++) {
        const op_item *it = op_plan_item(m->p, i);
        for (int t = m->es[i]; m->ef[i] && t <= m->lf[i]; t++) {
            if (!it->duration) {
                load[(size_t)it->role.index * (size_t)(m->H + 1) + (size_t)t] += val(x, col_x(m, i, t));
                continue;
            }
            if (!col_y(m, i, t) || x[col_y(m, i, t)] < 0.5)
                continue;
            for (int w = t; w < t + it->duration && w <= m->H; w++)
                for (int r = 0; r < m->nr; r++)
                    load[(size_t)r * (size_t)(m->H + 1) + (size_t)w] +=
                        op_plan_crew_hours(m->p, i, r, w);
        }
    }
    return load;
}

/* Hours role r has in week t at point x (its headcount when staffing). */
static double role_cap(const ilp *m, const double *x, int r, int t)
{
    return m->staff ? round(x[col_N(m, r, t)]) * m->hpw[r] : ilp_cap(m, r, t);
}

/* Brings item i's hours to exactly its effort (0 when not scheduled). A
   shortfall (hours of dust dropped) goes into weeks the item works in
   where the role and the item still have room, so no capacity row is
   pushed past its bound; what cannot be placed that way, and any surplus,
   is spread in proportion. load (may be NULL) is kept up to date. */
static void fit_hours(const ilp *m, double *x, int i, double *load)
{
    const op_item *it = op_plan_item(m->p, i);
    double e = x[m->cs[i]] > 0.5 ? it->remaining : 0, sum = 0;
    for (int t = m->es[i]; t <= m->lf[i]; t++)
        sum += x[col_x(m, i, t)];
    for (int t = m->es[i]; load && t <= m->lf[i] && sum < e; t++) {
        double *h = &x[col_x(m, i, t)], lb, ub;
        if (*h <= 0)
            continue;
        double *l = &load[(size_t)it->role.index * (size_t)(m->H + 1) + (size_t)t];
        mip_get_bounds(m->mip, col_x(m, i, t), &lb, &ub);
        double room = fmin(ub - *h, role_cap(m, x, it->role.index, t) - *l);
        double add = fmin(e - sum, room > 0 ? room : 0);
        *h += add;
        *l += add;
        sum += add;
    }
    for (int t = m->es[i]; t <= m->lf[i]; t++)
        x[col_x(m, i, t)] = sum > 0 ? x[col_x(m, i, t)] * (e / sum) : 0;
}

/* Hours below this in a week are a search's float noise (GLPK's tolerances
   leave up to about 1e-4 h in weeks an item does not work), not work: they
   would make a week count as one the item runs in. */
#define DUST 1e-3

/* Snaps a search's point to exact values: whole binaries and integers, no
   hours outside an item's span, each item's hours summing to its effort. */
void ilp_polish(const ilp *m, double *x)
{
    int n = mip_cols(m->mip);
    for (int k = 1; k <= n; k++)
        if (mip_get_kind(m->mip, k) != MIP_CONTINUOUS || k == m->cM)
            x[k] = round(x[k]);
    for (int i = 0; i < m->ni; i++) {
        x[m->cs[i]] = round(x[m->cs[i]]);
        if (!m->ef[i] || op_plan_item(m->p, i)->duration)
            continue; /* fixed-duration items have no hours columns */
        for (int t = m->es[i]; t <= m->lf[i]; t++) {
            int zc = col_z(m, i, t - 1);
            double *h = &x[col_x(m, i, t)];
            if (x[col_a(m, i, t)] < 0.5 || (zc && x[zc] > 0.5) || *h < DUST)
                *h = 0;
        }
    }
    double *load = ilp_role_load(m, x);
    for (int i = 0; i < m->ni; i++)
        if (m->ef[i] && !op_plan_item(m->p, i)->duration)
            fit_hours(m, x, i, load);
    free(load);
    ilp_derive_columns(m, x);
}

/* Schedule of the column values x. */
op_schedule *ilp_schedule_of_point(const ilp *m, const double *x)
{
    op_schedule *s = op_schedule_new(m->ni, m->H);
    if (!s)
        return NULL;
    for (int i = 0; i < m->ni; i++) {
        const op_item *it = op_plan_item(m->p, i);
        for (int t = m->es[i]; m->ef[i] && t <= m->lf[i]; t++) {
            if (col_x(m, i, t))
                op_schedule_set(s, i, t, x[col_x(m, i, t)]);
            if (col_y(m, i, t) && x[col_y(m, i, t)] > 0.5)
                for (int w = t; w < t + it->duration && w <= m->H; w++)
                    op_schedule_set(s, i, w, op_plan_crew_week_hours(m->p, i, w));
        }
    }
    op_schedule_round(s);
    return s;
}


/* Copies the item, gate, last-week and headcount values of point xa of
   model a into xb of model b (same plan and windows, other staff model). */
void ilp_map_point(const ilp *a, const double *xa, const ilp *b, double *xb)
{
    int n = mip_cols(b->mip);
    for (int k = 0; k <= n; k++)
        xb[k] = 0;
    for (int i = 0; i < a->ni; i++) {
        xb[b->cs[i]] = xa[a->cs[i]];
        for (int t = a->es[i]; a->ef[i] && t <= a->lf[i]; t++) {
            if (col_x(b, i, t))
                xb[col_x(b, i, t)] = xa[col_x(a, i, t)];
            if (col_a(b, i, t))
                xb[col_a(b, i, t)] = xa[col_a(a, i, t)];
            if (col_z(b, i, t) && col_z(a, i, t))
                xb[col_z(b, i, t)] = xa[col_z(a, i, t)];
            if (col_y(b, i, t) && col_y(a, i, t))
                xb[col_y(b, i, t)] = xa[col_y(a, i, t)];
        }
    }
    for (int g = 0; g < a->ng; g++)
        for (int t = a->gl[g]; t <= a->H; t++)
            if (col_g(b, g, t) && col_g(a, g, t))
                xb[col_g(b, g, t)] = xa[col_g(a, g, t)];
    xb[b->cM] = xa[a->cM];
    ilp_derive_columns(b, xb);
    for (int r = 0; r < a->nr; r++)
        for (int t = 1; t <= b->H; t++)
            xb[col_N(b, r, t)] = xa[col_N(a, r, t <= a->H ? t : a->H)];
}


