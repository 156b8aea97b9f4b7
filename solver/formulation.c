/* formulation.c - the plan as a time-indexed ILP: columns, then one function per family of rows */
#include <math.h>
#include <stdlib.h>

#include "internal.h"

/* Rows by sense; each returns the new row's index. Columns and rows are
   created in a fixed order (the order below), so the same plan always gives
   the same model and the same search. */
static int row_eq(ilp *m, double v) { return mip_add_row(m->mip, v, v); }
static int row_le(ilp *m, double ub) { return mip_add_row(m->mip, -INFINITY, ub); }
static int row_ge(ilp *m, double lb) { return mip_add_row(m->mip, lb, INFINITY); }
/* Coefficient v of column col in row r; -1 on ENOMEM. */
static int nz(ilp *m, int r, int col, double v) { return mip_add_nz(m->mip, r, col, v); }

/* Fixes column col at v, continuous (a binary no schedule can choose). */
static void fix_continuous(ilp *m, int col, double v)
{
    mip_set_kind(m->mip, col, MIP_CONTINUOUS);
    mip_set_bounds(m->mip, col, v, v);
}

/* Columns of item i: s, then y (fixed duration) or x, then a, z and Y. */
static void item_columns(ilp *m, int i)
{
    const op_item *it = op_plan_item(m->p, i);
    m->cs[i] = mip_add_cols(m->mip, 1, MIP_BINARY, 0, 1);
    if (!m->ef[i]) {
        fix_continuous(m, m->cs[i], 0);
        return;
    }
    if (m->fixed_s[i] == 1)
        fix_continuous(m, m->cs[i], 1);
    int n = m->lf[i] - m->es[i] + 1;
    if (it->duration) {
        /* y[i,s] for the starts where the whole crew is there */
        m->cy[i] = mip_add_cols(m->mip, m->ls[i] - m->es[i] + 1, MIP_BINARY, 0, 1);
        for (int st = m->es[i]; st <= m->ls[i]; st++)
            if (!ilp_crew_fits(m, i, st))
                fix_continuous(m, col_y(m, i, st), 0);
    } else {
        m->cx[i] = mip_add_cols(m->mip, n, MIP_CONTINUOUS, 0, 0);
        for (int t = m->es[i]; t <= m->lf[i]; t++) {
            double cap = ilp_item_cap(m, i, t);
            mip_set_bounds(m->mip, col_x(m, i, t), 0, cap > OP_EPS ? cap : 0);
        }
    }
    m->ca[i] = mip_add_cols(m->mip, n, MIP_BINARY, 0, 1);
    m->cz[i] = mip_add_cols(m->mip, m->lf[i] - m->ef[i], MIP_BINARY, 0, 1);
    if (!it->duration && n > CUMULATIVE_FROM)
        m->cY[i] = mip_add_cols(m->mip, n - 1, MIP_CONTINUOUS, 0, it->remaining);
}

/* Every column but the re-planning and headcount-change ones: headcount
   (staffing), items, gates, the last week M. */
static void columns(ilp *m)
{
    for (int ro = 0; m->staff && ro < m->nr; ro++)
        m->cN[ro] = mip_add_cols(m->mip, m->staff->phased ? m->H : 1, MIP_INTEGER, m->lbh[ro],
                                 m->ubh[ro]);
    for (int i = 0; i < m->ni; i++)
        item_columns(m, i);
    for (int g = 0; g < m->ng; g++) {
        m->cg[g] = mip_add_cols(m->mip, m->H - m->gl[g] + 1, MIP_BINARY, 0, 1);
        int by = m->o->strict_gates ? ilp_strict_week(m, g) : 0;
        for (int t = by; by && t <= m->H; t++)
            if (col_g(m, g, t))
                mip_set_bounds(m->mip, col_g(m, g, t), 1, 1);
    }
    m->cM = mip_add_cols(m->mip, 1, MIP_CONTINUOUS, 0, m->H);
}

/* Same-week hand-off links (dependency j -> dependent i, both effort items):
   their w columns, by dependent item then dependency, so ilp_link_of finds
   them; -1 on ENOMEM. */
static int link_columns(ilp *m)
{
    m->lk_first = calloc((size_t)m->ni + 2, sizeof *m->lk_first);
    if (!m->lk_first)
        return -1;
    int cap = 0;
    for (int i = 0; i < m->ni; i++) {
        const op_item *it = op_plan_item(m->p, i);
        m->lk_first[i] = m->nlk;
        for (int d = 0; m->ef[i] && d < it->ndeps; d++) {
            int j = it->deps[d].index;
            int t0 = m->es[i] > m->ef[j] ? m->es[i] : m->ef[j];
            int t1 = m->lf[i] < m->lf[j] ? m->lf[i] : m->lf[j];
            if (!m->ef[j] || !ilp_same_week(m, j, i) || t0 > t1)
                continue;
            if (m->nlk == cap) {
                cap = cap ? 2 * cap : 16;
                ilp_link *nl = realloc(m->lk, (size_t)cap * sizeof *nl);
                if (!nl)
                    return -1;
                m->lk = nl;
            }
            int cw = mip_add_cols(m->mip, t1 - t0 + 1, MIP_BINARY, 0, 1);
            m->lk[m->nlk++] = (ilp_link){j, i, t0, t1, cw};
            for (int t = t0; t <= t1; t++)
                if (ilp_link_hours(m, j, i, t) <= OP_EPS)
                    fix_continuous(m, cw + (t - t0), 0);
        }
    }
    m->lk_first[m->ni] = m->nlk;
    return 0;
}

/* L[i,t] columns where item i has a link in and a link out in week t: a
   chain of three or more items in one week. Bound: the most the chain may
   hold (a link's person-week) or i's own week; -1 on ENOMEM. */
static int chain_columns(ilp *m)
{
    size_t n = (size_t)m->ni * (size_t)(m->H + 1) + 1;
    m->cL = calloc(n, sizeof *m->cL);
    char *out = calloc(n, 1);
    if (!m->cL || !out) {
        free(out);
        return -1;
    }
    for (int k = 0; k < m->nlk; k++)
        for (int t = m->lk[k].t0; t <= m->lk[k].t1; t++)
            out[(size_t)m->lk[k].j * (size_t)(m->H + 1) + (size_t)t] = 1;
    for (int k = 0; k < m->nlk; k++) {
        int i = m->lk[k].i;
        for (int t = m->lk[k].t0; t <= m->lk[k].t1; t++) {
            size_t c = (size_t)i * (size_t)(m->H + 1) + (size_t)t;
            double ub = ilp_item_cap(m, i, t), h = ilp_link_hours(m, m->lk[k].j, i, t);
            if (!out[c])
                continue;
            if (!m->cL[c])
                m->cL[c] = mip_add_cols(m->mip, 1, MIP_CONTINUOUS, 0, ub);
            double lb, cub;
            mip_get_bounds(m->mip, m->cL[c], &lb, &cub);
            if (h > cub)
                mip_set_bounds(m->mip, m->cL[c], 0, h);
        }
    }
    free(out);
    return 0;
}

/* Upper bound of the chain hours of item i in week t (L[i,t], else x[i,t], at most its
   effort). */
static double chain_ub(const ilp *m, int i, int t)
{
    double lb, ub;
    if (col_L(m, i, t)) {
        mip_get_bounds(m->mip, col_L(m, i, t), &lb, &ub);
        return ub;
    }
    mip_get_bounds(m->mip, col_x(m, i, t), &lb, &ub);
    double e = op_plan_item(m->p, i)->remaining;
    return ub < e ? ub : e;
}

/* Link k in week t: w only when j is done in t (w <= z[j,t] - z[j,t-1]); the
   chain through the link fits its person-week P when w (chain(j) + x[i] +
   M w <= P + M, left out when it cannot bind); L[i] >= chain(j) + x[i] when
   w (with M = ub chain(j)), and L[i] >= x[i]. */
static int link_rows(ilp *m, int k, int t)
{
    int j = m->lk[k].j, i = m->lk[k].i, w = col_w(m, k, t);
    int cj = col_L(m, j, t) ? col_L(m, j, t) : col_x(m, j, t), xi = col_x(m, i, t);
    int zp = col_z(m, j, t - 1), r = row_le(m, 0);
    if (nz(m, r, w, 1) || nz(m, r, col_z(m, j, t), -1) || (zp && nz(m, r, zp, 1)))
        return -1;
    /* the smallest big-Ms that leave w = 0 free: chain(j) + x[i] <= ub(j) + ub(i), and
       L[i] >= x[i] already */
    double pw = ilp_link_hours(m, j, i, t), big = chain_ub(m, j, t) + chain_ub(m, i, t) - pw;
    if (big > 0) {
        r = row_le(m, pw + big);
        if (nz(m, r, cj, 1) || nz(m, r, xi, 1) || nz(m, r, w, big))
            return -1;
    }
    int li = col_L(m, i, t);
    if (!li)
        return 0;
    big = chain_ub(m, j, t);
    r = row_ge(m, -big);
    return nz(m, r, li, 1) || nz(m, r, cj, -1) || nz(m, r, xi, -1) || nz(m, r, w, -big) ? -1 : 0;
}

static int link_all_rows(ilp *m)
{
    for (int k = 0; k < m->nlk; k++)
        for (int t = m->lk[k].t0; t <= m->lk[k].t1; t++)
            if (link_rows(m, k, t))
                return -1;
    for (int i = 0; m->cL && i < m->ni; i++)
        for (int t = 1; t <= m->H; t++)
            if (col_L(m, i, t)) {
                int r = row_ge(m, 0);
                if (nz(m, r, col_L(m, i, t), 1) || nz(m, r, col_x(m, i, t), -1))
                    return -1;
            }
    return 0;
}

/* A fixed-duration item: one start when scheduled (sum_s y = s); started by
   t and done by t follow from the start, in difference form so the rows
   stay sparse: a[t] = a[t-1] + y[t], z[t] = z[t-1] + y[t-p+1]. */
static int fixed_item_rows(ilp *m, int i)
{
    const op_item *it = op_plan_item(m->p, i);
    int r = row_eq(m, 0);
    for (int st = m->es[i]; st <= m->ls[i]; st++)
        if (nz(m, r, col_y(m, i, st), 1))
            return -1;
    if (nz(m, r, m->cs[i], -1))
        return -1;
    for (int t = m->es[i]; t <= m->lf[i]; t++) {
        r = row_eq(m, 0);
        if (nz(m, r, col_a(m, i, t), 1) || (t > m->es[i] && nz(m, r, col_a(m, i, t - 1), -1)) ||
            (col_y(m, i, t) && nz(m, r, col_y(m, i, t), -1)))
            return -1;
        if (t >= m->ef[i] && t < m->lf[i]) {
            r = row_eq(m, 0);
            int yc = col_y(m, i, t - it->duration + 1);
            if (nz(m, r, col_z(m, i, t), 1) ||
                (t > m->ef[i] && nz(m, r, col_z(m, i, t - 1), -1)) || (yc && nz(m, r, yc, -1)))
                return -1;
        }
    }
    return 0;
}

/* An effort item in week t: work only once started (x <= ub a), none once
   done (x + ub z[t-1] <= ub), started stays started. */
static int effort_week_rows(ilp *m, int i, int t)
{
    double e = op_plan_item(m->p, i)->remaining, cap = ilp_item_cap(m, i, t);
    double ub = cap < e ? cap : e;
    int r = row_le(m, 0);
    if (nz(m, r, col_x(m, i, t), 1) || nz(m, r, col_a(m, i, t), -ub))
        return -1;
    int zc = col_z(m, i, t - 1);
    if (zc) {
        r = row_le(m, ub);
        if (nz(m, r, col_x(m, i, t), 1) || nz(m, r, zc, ub))
            return -1;
    }
    if (t > m->es[i]) {
        r = row_le(m, 0);
        if (nz(m, r, col_a(m, i, t - 1), 1) || nz(m, r, col_a(m, i, t), -1))
            return -1;
    }
    return 0;
}

/* An effort item done by t had all its effort by t (sum_{u<=t} x - e z[t]
   >= 0, through Y[t] = Y[t-1] + x[t] on long windows); done stays done;
   done implies started. */
static int effort_done_rows(ilp *m, int i, int t)
{
    double e = op_plan_item(m->p, i)->remaining;
    int r;
    if (col_Y(m, i, t)) {
        r = row_eq(m, 0);
        if (nz(m, r, col_Y(m, i, t), 1) || nz(m, r, col_x(m, i, t), -1) ||
            (col_Y(m, i, t - 1) && nz(m, r, col_Y(m, i, t - 1), -1)))
            return -1;
    }
    if (t < m->ef[i] || t >= m->lf[i])
        return 0;
    r = row_ge(m, 0);
    if (col_Y(m, i, t)) {
        if (nz(m, r, col_Y(m, i, t), 1))
            return -1;
    } else {
        for (int u = m->es[i]; u <= t; u++)
            if (nz(m, r, col_x(m, i, u), 1))
                return -1;
    }
    if (nz(m, r, col_z(m, i, t), -e))
        return -1;
    r = row_le(m, 0);
    if (nz(m, r, col_z(m, i, t), 1) || nz(m, r, col_z(m, i, t + 1), -1))
        return -1;
    r = row_le(m, 0);
    return nz(m, r, col_z(m, i, t), 1) || nz(m, r, col_a(m, i, t), -1) ? -1 : 0;
}

/* Item i starts by t only if each dependency is done by t-1 or hands off
   in t (a[i,t] <= z[j,t-1] + w[j,i,t]; with lag_weeks L >= 2,
   a[i,t] <= z[j,t-L]) and, with phase entry, each gate
   its gates require passed by t-1. */
static int start_rows(ilp *m, int i, int t)
{
    const op_item *it = op_plan_item(m->p, i);
    for (int d = 0; d < it->ndeps; d++) {
        int j = it->deps[d].index;
        if (op_plan_item(m->p, j)->done)
            continue; /* done in history */
        int gap = ilp_dep_gap(m, j, i);
        int zj = col_z(m, j, t - (gap > 1 ? gap : 1)), k = ilp_link_of(m, j, i);
        int w = k >= 0 ? col_w(m, k, t) : 0;
        int r = row_le(m, 0);
        if (nz(m, r, col_a(m, i, t), 1) || (zj && nz(m, r, zj, -1)) || (w && nz(m, r, w, -1)))
            return -1;
    }
    for (int g = 0; m->o->gate_entry_phase && g < m->ng; g++) {
        if (!ilp_is_exit_item(m->p, g, i))
            continue;
        const op_gate *ga = op_plan_gate(m->p, g);
        for (int q = 0; q < ga->nrequires; q++) {
            int gc = col_g(m, ga->requires[q].index, t - 1);
            int r = row_le(m, 0);
            if (nz(m, r, col_a(m, i, t), 1) || (gc && nz(m, r, gc, -1)))
                return -1;
        }
    }
    return 0;
}

/* Every row of item i: all effort or none (sum_t x = e s), or the start
   rows of a fixed-duration item; the weekly rows; and M >= C_i = lf s -
   sum_{t=ef}^{lf-1} z[t], its completion week. */
static int item_rows(ilp *m, int i)
{
    const op_item *it = op_plan_item(m->p, i);
    int fixed = it->duration > 0, r;
    if (fixed) {
        if (fixed_item_rows(m, i))
            return -1;
    } else {
        r = row_eq(m, 0);
        for (int t = m->es[i]; t <= m->lf[i]; t++)
            if (nz(m, r, col_x(m, i, t), 1))
                return -1;
        if (nz(m, r, m->cs[i], -it->remaining))
            return -1;
    }
    for (int t = m->es[i]; t <= m->lf[i]; t++)
        if ((!fixed && (effort_week_rows(m, i, t) || effort_done_rows(m, i, t))) ||
            start_rows(m, i, t))
            return -1;
    r = row_ge(m, 0);
    if (nz(m, r, m->cM, 1) || nz(m, r, m->cs[i], -(double)m->lf[i]))
        return -1;
    for (int t = m->ef[i]; t < m->lf[i]; t++)
        if (nz(m, r, col_z(m, i, t), 1))
            return -1;
    return 0;
}

/* Whether role ro has any column in week t (else its row is left out). */
static int role_busy(const ilp *m, int ro, int t)
{
    for (int i = 0; i < m->ni; i++) {
        const op_item *it = op_plan_item(m->p, i);
        if (it->role.index == ro && col_x(m, i, t))
            return 1;
        for (int st = t - it->duration + 1; m->cy[i] && st <= t; st++)
            if (col_y(m, i, st) && op_plan_crew_hours(m->p, i, ro, t) > 0)
                return 1;
    }
    return 0;
}

/* Role capacity per week: effort items' hours, and the crews of the
   fixed-duration items running that week, within the team (or the
   headcount N when staffing). */
static int capacity_rows(ilp *m)
{
    for (int ro = 0; ro < m->nr; ro++)
        for (int t = 1; t <= m->H; t++) {
            if (!role_busy(m, ro, t))
                continue;
            int r = row_le(m, m->staff ? 0 : op_plan_capacity(m->p, ro, t));
            for (int i = 0; i < m->ni; i++) {
                const op_item *it = op_plan_item(m->p, i);
                if (it->role.index == ro && col_x(m, i, t) && nz(m, r, col_x(m, i, t), 1))
                    return -1;
                double ch = m->cy[i] ? op_plan_crew_hours(m->p, i, ro, t) : 0;
                for (int st = t - it->duration + 1; ch > 0 && st <= t; st++)
                    if (col_y(m, i, st) && nz(m, r, col_y(m, i, st), ch))
                        return -1;
            }
            if (m->staff && nz(m, r, col_N(m, ro, t), -m->hpw[ro]))
                return -1;
        }
    return 0;
}

/* Gates: passed by t only when every exit item is done and every required
   gate passed by t; passed stays passed. */
static int gate_rows(ilp *m)
{
    for (int g = 0; g < m->ng; g++) {
        const op_gate *ga = op_plan_gate(m->p, g);
        for (int t = m->gl[g]; t <= m->H; t++) {
            int gc = col_g(m, g, t);
            for (int k = 0; k < ga->nitems; k++) {
                if (op_plan_item(m->p, ga->items[k].index)->done)
                    continue; /* done in history */
                int zc = col_z(m, ga->items[k].index, t), r = row_le(m, 0);
                if (nz(m, r, gc, 1) || (zc && nz(m, r, zc, -1)))
                    return -1;
            }
            for (int q = 0; q < ga->nrequires; q++) {
                int hc = col_g(m, ga->requires[q].index, t), r = row_le(m, 0);
                if (nz(m, r, gc, 1) || (hc && nz(m, r, hc, -1)))
                    return -1;
            }
            if (t < m->H) {
                int r = row_le(m, 0);
                if (nz(m, r, gc, 1) || nz(m, r, col_g(m, g, t + 1), -1))
                    return -1;
            }
        }
    }
    return 0;
}

/* Re-planning, item i in week t with h hours in the previous plan:
   u[i,t] >= h - x[i,t], the hours moved away. A fixed-duration item gives
   week t its crew's hours when it runs then: started in (t - duration, t]. */
static int stability_cell(ilp *m, int i, int t, double h)
{
    const op_item *it = op_plan_item(m->p, i);
    int u = mip_add_cols(m->mip, 1, MIP_CONTINUOUS, 0, h);
    m->cu[(size_t)i * (size_t)(m->H + 1) + (size_t)t] = u;
    int xc = col_x(m, i, t);
    if (it->duration && m->cy[i]) {
        double ch = op_plan_crew_week_hours(m->p, i, t);
        int r = row_ge(m, h);
        if (nz(m, r, u, 1))
            return -1;
        for (int st = t - it->duration + 1; st <= t; st++)
            if (col_y(m, i, st) && nz(m, r, col_y(m, i, st), ch))
                return -1;
        return 0;
    }
    if (!xc) {
        mip_set_bounds(m->mip, u, h, h);
        return 0;
    }
    int r = row_ge(m, h);
    return nz(m, r, u, 1) || nz(m, r, xc, 1) ? -1 : 0;
}

static int stability_rows(ilp *m)
{
    const op_schedule *pv = m->o->previous;
    if (!pv)
        return 0;
    m->cu = calloc((size_t)m->ni * (size_t)(m->H + 1) + 1, sizeof *m->cu);
    if (!m->cu)
        return -1;
    for (int i = 0; i < m->ni && i < op_schedule_items(pv); i++)
        for (int t = op_plan_first_week(m->p); t <= m->H && t <= op_schedule_weeks(pv); t++) {
            double h = op_schedule_get(pv, i, t);
            if (h > OP_EPS && stability_cell(m, i, t, h))
                return -1;
        }
    return 0;
}

/* Items of a role done by week t had all their effort by t: an explicit
   knapsack over the z columns, so the solver can derive cover and MIR cuts.
   Left out where it can never bind. */
static int knapsack_rows(ilp *m)
{
    for (int ro = 0; ro < m->nr; ro++) {
        double cum = 0;
        for (int t = 1; t < m->H; t++) {
            cum += ilp_cap(m, ro, t);
            int any = 0;
            double need = 0;
            for (int i = 0; i < m->ni; i++)
                if (ilp_role_energy(m, i, ro) > 0 && col_z(m, i, t) && col_z(m, i, t) != m->cs[i]) {
                    any = 1;
                    need += ilp_role_energy(m, i, ro);
                }
            if (!any || need <= cum + OP_EPS)
                continue;
            int r = row_le(m, m->staff ? 0 : cum);
            for (int u = 1; m->staff && u <= t; u++)
                if ((m->staff->phased || u == 1) &&
                    nz(m, r, col_N(m, ro, u), -m->hpw[ro] * (m->staff->phased ? 1 : t)))
                    return -1;
            for (int i = 0; i < m->ni; i++) {
                int zc = col_z(m, i, t);
                double en = ilp_role_energy(m, i, ro);
                if (en > 0 && zc && nz(m, r, zc, en))
                    return -1;
            }
        }
    }
    return 0;
}

/* Whether the pause columns are wanted: stage focus in the list (unless
   --focus off), or --focus hard. */
static int focus_wanted(const ilp *m)
{
    if (m->o->focus != OP_FOCUS_SOFT)
        return m->o->focus == OP_FOCUS_HARD;
    for (int k = 0; k < m->o->nstages; k++)
        if (m->o->stages[k] == OP_STAGE_FOCUS)
            return 1;
    return 0;
}

/* Focus: effort item i is paused in week t when it is in its span (started
   by t, not done by t-1) yet gets under h hours: P[i,t] >= a[i,t] -
   z[i,t-1] - x[i,t] / h, for the weeks strictly inside its window where it
   may get hours (the first and last week of a span have hours by
   definition). No new binaries: P is continuous, and 0 or 1 wherever x is
   0 or at least h. Built last, so the model of the other stages keeps its
   order. --focus hard fixes P at 0. -1 on ENOMEM. */
static int focus_rows(ilp *m)
{
    if (!focus_wanted(m))
        return 0;
    m->cP = calloc((size_t)m->ni * (size_t)(m->H + 1) + 1, sizeof *m->cP);
    if (!m->cP)
        return -1;
    double ub = m->o->focus == OP_FOCUS_HARD ? 0 : 1;
    for (int i = 0; i < m->ni; i++) {
        if (!m->ef[i] || op_plan_item(m->p, i)->duration)
            continue; /* crew items run as one block */
        for (int t = m->es[i] + 1; t < m->lf[i]; t++) {
            double h = ilp_pause_step(m, i, t);
            if (h <= OP_EPS)
                continue; /* no hours possible: not a pause */
            int pc = mip_add_cols(m->mip, 1, MIP_CONTINUOUS, 0, ub), zc = col_z(m, i, t - 1);
            m->cP[(size_t)i * (size_t)(m->H + 1) + (size_t)t] = pc;
            int r = row_ge(m, 0);
            if (nz(m, r, pc, 1) || nz(m, r, col_a(m, i, t), -1) || (zc && nz(m, r, zc, 1)) ||
                nz(m, r, col_x(m, i, t), 1 / h))
                return -1;
        }
    }
    return 0;
}

int ilp_build(ilp *m)
{
    m->mip = mip_new(m->o->verbose);
    if (!m->mip)
        return -1;
    columns(m);
    if (link_columns(m) || chain_columns(m))
        return -1;
    for (int i = 0; i < m->ni; i++)
        if (m->ef[i] && item_rows(m, i))
            return -1;
    return link_all_rows(m) || capacity_rows(m) || gate_rows(m) || stability_rows(m) ||
                   knapsack_rows(m) || focus_rows(m)
               ? -1
               : 0;
}
