/* bounds.c - column bounds a stage may tighten: held class counts, last week, windows */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* After stage "scheduled" is proven optimal its value fixes how many items of
   each priority are scheduled (the weights are lexicographic). Holding the
   counts per priority is equivalent on integer points and much stronger in
   the LP: a P1 item can no longer be traded for parts of P2 items. Classes
   scheduled in full get s = 1 fixed, which also yields energy bounds on M. */
void ilp_hold_class_counts(ilp *m, const double *inc)
{
    int cnt[4] = {0, 0, 0, 0}, tot[4] = {0, 0, 0, 0};
    for (int i = 0; i < m->ni; i++) {
        int q = op_plan_item(m->p, i)->priority;
        tot[q]++;
        cnt[q] += inc[m->cs[i]] > 0.5;
    }
    int *ind = malloc(((size_t)m->ni + 1) * sizeof *ind);
    double *val = malloc(((size_t)m->ni + 1) * sizeof *val);
    if (!ind || !val) {
        free(ind);
        free(val);
        return; /* a missing cut costs time, never correctness */
    }
    for (int q = 0; q < 4; q++) {
        if (!tot[q])
            continue;
        if (cnt[q] == tot[q] || cnt[q] == 0) {
            for (int i = 0; i < m->ni; i++)
                if (op_plan_item(m->p, i)->priority == q && m->ef[i]) {
                    mip_set_kind(m->mip, m->cs[i], MIP_CONTINUOUS);
                    mip_set_bounds(m->mip, m->cs[i], cnt[q] ? 1 : 0, cnt[q] ? 1 : 0);
                    m->fixed_s[i] = cnt[q] ? 1 : 0;
                }
            continue;
        }
        int len = 0;
        for (int i = 0; i < m->ni; i++)
            if (op_plan_item(m->p, i)->priority == q && m->ef[i]) {
                len++;
                ind[len] = m->cs[i];
                val[len] = 1;
            }
        mip_add_row_coefs(m->mip, cnt[q], cnt[q], len, ind, val);
    }
    free(ind);
    free(val);
}

/* A lower bound on the last week from the items that must be scheduled:
   their earliest finish, and each role's energy. */
void ilp_bound_last_week(ilp *m)
{
    double *energy = calloc((size_t)m->nr + 1, sizeof *energy);
    if (!energy)
        return;
    int lb = 0;
    for (int i = 0; i < m->ni; i++)
        if (m->fixed_s[i] == 1 && m->ef[i]) {
            for (int r = 0; r < m->nr; r++)
                energy[r] += ilp_role_energy(m, i, r);
            if (m->ef[i] > lb)
                lb = m->ef[i];
        }
    for (int r = 0; r < m->nr; r++) {
        int w = ilp_energy_week(m, r, energy[r]);
        if (w <= m->H && w > lb)
            lb = w;
    }
    free(energy);
    if (lb > 0 && lb <= m->H)
        mip_set_bounds(m->mip, m->cM, lb, m->H);
}



static void fix_col(ilp *m, ilp_undo *u, int col, double v)
{
    if (!col)
        return;
    double lb, ub;
    mip_get_bounds(m->mip, col, &lb, &ub);
    if (lb == v && ub == v)
        return;
    if (u) {
        if (u->n == u->cap) {
            int ncap = u->cap ? u->cap * 2 : 256;
            int *nc = realloc(u->col, (size_t)ncap * sizeof *nc);
            double *nl = realloc(u->lb, (size_t)ncap * sizeof *nl);
            double *nu = realloc(u->ub, (size_t)ncap * sizeof *nu);
            if (nc)
                u->col = nc;
            if (nl)
                u->lb = nl;
            if (nu)
                u->ub = nu;
            if (!nc || !nl || !nu)
                return; /* not fixing is always safe */
            u->cap = ncap;
        }
        u->col[u->n] = col;
        u->lb[u->n] = lb;
        u->ub[u->n] = ub;
        u->n++;
    }
    mip_set_bounds(m->mip, col, v, v);
}

void ilp_undo_bounds(ilp *m, ilp_undo *u)
{
    for (int k = u->n - 1; k >= 0; k--)
        mip_set_bounds(m->mip, u->col[k], u->lb[k], u->ub[k]);
    free(u->col);
    free(u->lb);
    free(u->ub);
    memset(u, 0, sizeof *u);
}

/* Every item that must be scheduled is done by week T: latest finish weeks
   backwards through the dependencies, and the columns past them fixed
   (hours 0, done 1, no later start). Valid whenever the last week is held
   at T or below. Records the changes in u (NULL: permanent). */
void ilp_tighten_to(ilp *m, int T, ilp_undo *u)
{
    const op_plan *p = m->p;
    int *lf = malloc(((size_t)m->ni + 1) * sizeof *lf);
    if (!lf)
        return;
    const int *topo = op_plan_topo_order(p);
    for (int i = 0; i < m->ni; i++)
        lf[i] = m->lf[i] < T ? m->lf[i] : T;
    for (int k = m->ni - 1; k >= 0; k--) {
        int j = topo[k];
        const op_item *jt = op_plan_item(p, j);
        if (!m->ef[j] || m->fixed_s[j] != 1)
            continue;
        /* latest start of j within lf[j] */
        int ls;
        if (jt->duration) {
            ls = lf[j] - jt->duration + 1;
            while (ls >= m->es[j] && !ilp_crew_fits(m, j, ls))
                ls--;
        } else {
            double acc = 0;
            for (ls = lf[j]; ls >= m->es[j]; ls--) {
                acc += ilp_item_cap(m, j, ls);
                if (acc >= jt->remaining - OP_EPS)
                    break;
            }
        }
        for (int d = 0; d < jt->ndeps; d++) {
            int i = jt->deps[d].index;
            int lfi = ls - ilp_dep_gap(m, i, j);
            if (m->ef[i] && m->fixed_s[i] == 1 && lfi < lf[i])
                lf[i] = lfi;
        }
    }
    for (int i = 0; i < m->ni; i++) {
        const op_item *it = op_plan_item(p, i);
        if (!m->ef[i] || m->fixed_s[i] != 1 || lf[i] >= m->lf[i])
            continue;
        if (lf[i] < m->ef[i])
            lf[i] = m->ef[i]; /* infeasible for T: leave it to the search to prove */
        for (int t = lf[i] + 1; t <= m->lf[i]; t++)
            fix_col(m, u, col_x(m, i, t), 0);
        for (int t = lf[i]; t < m->lf[i]; t++)
            fix_col(m, u, col_z(m, i, t), 1);
        for (int st = lf[i] - it->duration + 2; it->duration && st <= m->ls[i]; st++)
            fix_col(m, u, col_y(m, i, st), 0);
    }
    free(lf);
}

/* Fixed-duration items alone: the start columns outside the windows es/ls
   fixed to 0 (changes recorded in u; NULL: permanent). */
void ilp_rc_fix(ilp *m, const int *es, const int *ls, ilp_undo *u)
{
    for (int i = 0; i < m->ni; i++)
        for (int st = m->es[i]; m->cy[i] && st <= m->ls[i]; st++)
            if (st < es[i] || st > ls[i])
                fix_col(m, u, col_y(m, i, st), 0);
}

/* The same for the propagation windows of "every item done by week T":
   1 when propagation proves no schedule is done by T, -1 on ENOMEM. */
int ilp_rc_tighten(ilp *m, int T, ilp_undo *u)
{
    int *es = malloc(((size_t)m->ni + 1) * sizeof *es);
    int *ls = malloc(((size_t)m->ni + 1) * sizeof *ls);
    int rc = -1;
    if (es && ls)
        rc = rc_windows(m->rc, T, es, ls, m->deadline);
    if (rc == 0)
        ilp_rc_fix(m, es, ls, u);
    free(es);
    free(ls);
    return rc;
}


