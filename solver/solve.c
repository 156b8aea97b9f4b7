/* solve.c - the plan as a time-indexed ILP, solved in lexicographic stages by GLPK */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/*
 * Variables (weeks t = 1..H; every index below is a GLPK column, 1-based):
 *   x[i,t] >= 0  hours of item i in week t, t in [es_i, lf_i]
 *   a[i,t] in B  item i started by week t, t in [es_i, lf_i]
 *   z[i,t] in B  item i done by the end of week t, t in [ef_i, lf_i - 1];
 *                z[i,t] for t >= lf_i is s[i], for t < ef_i it is 0
 *   s[i]   in B  item i is scheduled at all
 *   g[g,t] in B  gate g passed by the end of week t, t in [gl_g, H]
 *   M      >= 0  the week the last item is done
 * es/ef/lf/gl are bounds derived from windows, dependencies and capacity; they
 * only remove values no feasible schedule can take.
 */
typedef struct model {
    const op_plan *p;
    const op_solver_opts *o;
    glp_prob *lp;
    int H, ni, nr, ng;
    int *es, *ef, *lf;  /* item windows; ef = 0: the item cannot fit */
    int *gl;            /* first week gate g may pass; H + 1 = never */
    int *cx, *ca, *cz;  /* first column of the item's x, a, z runs */
    int *cs;            /* column of s[i] */
    int *cy;            /* fixed-duration items: first column of y[i, es..ls], started in week s */
    int *cY;            /* long windows: first column of Y[i, es..lf-1], hours given by week t */
    int *ls;            /* fixed-duration items: latest start week */
    int *cg;            /* first column of g[g, gl..H] */
    int cM;
    int *fixed_s;       /* -1 free, 0 cannot fit, 1 must be scheduled */
    /* triplets */
    int *ia, *ja;
    double *ar;
    int nz, nzcap;
    int nrows;
    int lp_written;     /* stage models written so far */
    /* staffing (op_staff): headcount is a decision; NULL staff = the plan's team */
    const op_staff_opts *staff;
    double *hpw;        /* hours per person of each role */
    int *ubh, *lbh;     /* headcount bounds of each role */
    int *cN;            /* first column of N[r] (one, or H when phased) */
    int *cu;            /* re-planning: cu[i * (H + 1) + t] = column of u[i,t], hours of
                           the previous plan moved away from week t; 0 none */
    const rc_inst *rc;  /* fixed-duration items alone: propagation windows; else NULL */
    double deadline;    /* op_solver_now() seconds when the whole solve must end */
} model;

double op_solver_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const char *const stage_names[OP_STAGE_COUNT] = {"scheduled", "lateness", "finish",
                                                        "priority", "stability", "cost"};

/* Whether a stage's objective c[0..n] takes only whole values: every stage
   but stability counts weeks or items, and cost does when every coefficient
   is whole (cost_per_hour may have cents). */
static int objective_integral(op_stage st, const double *c, int n)
{
    if (st == OP_STAGE_STABILITY)
        return 0;
    for (int k = 0; k <= n; k++)
        if (c[k] != floor(c[k]))
            return 0;
    return 1;
}

const char *op_stage_name(op_stage s) { return stage_names[s]; }

void op_solver_opts_init(op_solver_opts *o)
{
    memset(o, 0, sizeof *o);
    o->time_limit = 60;
    o->nstages = OP_STAGE_STABILITY;
    for (int k = 0; k < OP_STAGE_STABILITY; k++)
        o->stages[k] = (op_stage)k;
    o->stability = 1;
}

int op_solver_parse_stages(op_solver_opts *o, const char *list)
{
    int n = 0;
    const char *s = list;
    while (*s) {
        size_t len = strcspn(s, ",");
        int k;
        for (k = 0; k < OP_STAGE_COST; k++)
            if (strlen(stage_names[k]) == len && strncmp(s, stage_names[k], len) == 0)
                break;
        if (k == OP_STAGE_COST || n == OP_STAGE_COST)
            return -1;
        for (int m = 0; m < n; m++)
            if (o->stages[m] == (op_stage)k)
                return -1;
        o->stages[n++] = (op_stage)k;
        s += len;
        if (*s == ',')
            s++;
    }
    if (!n)
        return -1;
    o->nstages = n;
    return 0;
}

/* ---- bounds ------------------------------------------------------- */

/* Capacity of role r in week t: the plan's, or when staffing the most the
   headcount variables allow. */
static double cap_of(const model *m, int r, int t)
{
    if (!m->staff)
        return op_plan_capacity(m->p, r, t);
    return m->ubh[r] * m->hpw[r];
}

/* Most hours item i may get in week t. */
static double item_cap_of(const model *m, int i, int t)
{
    if (!m->staff)
        return op_plan_item_week_cap(m->p, i, t);
    int r = op_plan_item(m->p, i)->role.index;
    double v = op_plan_item(m->p, i)->max_people * m->hpw[r], c = cap_of(m, r, t);
    return v < c ? v : c;
}

/* Column of N[r] in week t. */
static int col_N(const model *m, int r, int t)
{
    return m->staff->phased ? m->cN[r] + (t - 1) : m->cN[r];
}

/* 1 when fixed-duration item i, started in week st, finds its whole crew in
   every week of its block (within the horizon). */
static int crew_fits(const model *m, int i, int st)
{
    const op_item *it = op_plan_item(m->p, i);
    if (st < 1 || st + it->duration - 1 > m->H)
        return 0;
    for (int w = st; w < st + it->duration; w++)
        for (int k = 0; k < it->ncrew; k++) {
            int q = it->crew[k].role.index;
            if (op_plan_crew_hours(m->p, i, q, w) > cap_of(m, q, w) + OP_EPS)
                return 0;
        }
    return 1;
}

/* Hours of role r that item i needs in all: its remaining effort for an
   effort item of that role; for a fixed-duration item its crew's hours of r
   (the smallest weekly figure times the duration, so a bound stays valid). */
static double role_energy(const model *m, int i, int r)
{
    const op_item *it = op_plan_item(m->p, i);
    if (it->done)
        return 0;
    if (!it->duration)
        return it->role.index == r ? it->remaining : 0;
    double lo = INFINITY;
    for (int w = 1; w <= m->H; w++) {
        double h = op_plan_crew_hours(m->p, i, r, w);
        if (h < lo)
            lo = h;
    }
    return isfinite(lo) ? lo * it->duration : 0;
}

/* First week >= from in which the item's hours since from reach its effort. */
static int earliest_finish(const model *m, int i, int from, int to)
{
    double e = op_plan_item(m->p, i)->remaining, acc = 0;
    for (int t = from; t <= to; t++) {
        acc += item_cap_of(m, i, t);
        if (acc >= e - OP_EPS)
            return t;
    }
    return 0;
}

/* First week by which role r's cumulative capacity reaches hours, H+1 if never. */
static int energy_week(const model *m, int r, double hours)
{
    if (hours <= OP_EPS)
        return 1;
    double acc = 0;
    for (int t = 1; t <= m->H; t++) {
        acc += cap_of(m, r, t);
        if (acc >= hours - OP_EPS)
            return t;
    }
    return m->H + 1;
}

static int is_exit_item(const op_plan *p, int g, int i)
{
    const op_gate *ga = op_plan_gate(p, g);
    for (int k = 0; k < ga->nitems; k++)
        if (ga->items[k].index == i)
            return 1;
    return 0;
}

/* Marks in need[] every item gate g needs: its exit items, those of the gates
   it requires, and their dependencies, transitively. */
static void gate_closure(const op_plan *p, int g, char *need, char *gseen)
{
    if (gseen[g])
        return;
    gseen[g] = 1;
    const op_gate *ga = op_plan_gate(p, g);
    for (int k = 0; k < ga->nrequires; k++)
        gate_closure(p, ga->requires[k].index, need, gseen);
    for (int k = 0; k < ga->nitems; k++)
        need[ga->items[k].index] = 1;
    /* dependencies: topological order puts them first, so sweep backwards */
    int ni = op_plan_item_count(p);
    const int *topo = op_plan_topo_order(p);
    for (int k = ni - 1; k >= 0; k--) {
        int i = topo[k];
        if (!need[i])
            continue;
        const op_item *it = op_plan_item(p, i);
        for (int d = 0; d < it->ndeps; d++)
            need[it->deps[d].index] = 1;
    }
}

/* Computes item windows and gate lower bounds (see the comment at the top). */
static int compute_windows(model *m)
{
    const op_plan *p = m->p;
    int ni = m->ni, ng = m->ng;
    const int *topo = op_plan_topo_order(p);
    const int *gorder = op_plan_gate_order(p);
    char *need = malloc((size_t)ni + 1), *gseen = malloc((size_t)ng + 1);
    double *energy = malloc(((size_t)m->nr + 1) * sizeof *energy);
    if (!need || !gseen || !energy) {
        free(need);
        free(gseen);
        free(energy);
        return -1;
    }
    for (int g = 0; g < ng; g++)
        m->gl[g] = 1;
    /* With phase entry, item windows depend on gate bounds and back: iterate
       to a fixed point (at most one round per level of the gate graph). */
    for (int round = 0; round <= ng + 1; round++) {
        int changed = 0;
        for (int k = 0; k < ni; k++) {
            int i = topo[k];
            const op_item *it = op_plan_item(p, i);
            if (it->done) {
                m->es[i] = m->ef[i] = m->lf[i] = 0; /* history: not planned */
                continue;
            }
            int first = op_plan_first_week(p);
            int es = it->earliest_week > first ? it->earliest_week : first;
            int ok = m->fixed_s[i] != 0;
            for (int d = 0; d < it->ndeps; d++) {
                int j = it->deps[d].index;
                if (op_plan_item(p, j)->done)
                    continue; /* done in history */
                if (!m->ef[j])
                    ok = 0;
                else if (m->ef[j] + 1 > es)
                    es = m->ef[j] + 1;
            }
            if (m->o->gate_entry_phase)
                for (int g = 0; g < ng; g++)
                    if (is_exit_item(p, g, i)) {
                        const op_gate *ga = op_plan_gate(p, g);
                        for (int q = 0; q < ga->nrequires; q++)
                            if (m->gl[ga->requires[q].index] + 1 > es)
                                es = m->gl[ga->requires[q].index] + 1;
                    }
            int lf = it->due_week && it->due_week < m->H ? it->due_week : m->H;
            int ef;
            if (it->duration) {
                while (es <= lf && !crew_fits(m, i, es))
                    es++;
                int ls = lf - it->duration + 1;
                while (ls >= es && !crew_fits(m, i, ls))
                    ls--;
                m->ls[i] = ls;
                ef = ok && es <= ls ? es + it->duration - 1 : 0;
            } else {
                while (es <= lf && item_cap_of(m, i, es) <= OP_EPS)
                    es++;
                ef = ok && es <= lf ? earliest_finish(m, i, es, lf) : 0;
            }
            if (es != m->es[i] || ef != m->ef[i])
                changed = 1;
            m->es[i] = es;
            m->ef[i] = ef;
            m->lf[i] = lf;
        }
        for (int k = 0; k < ng; k++) {
            int g = gorder[k];
            memset(need, 0, (size_t)ni);
            memset(gseen, 0, (size_t)ng);
            gate_closure(p, g, need, gseen);
            int gl = 1;
            for (int r = 0; r < m->nr; r++)
                energy[r] = 0;
            for (int i = 0; i < ni; i++) {
                if (!need[i] || op_plan_item(p, i)->done)
                    continue;
                if (!m->ef[i])
                    gl = m->H + 1;
                else if (m->ef[i] > gl)
                    gl = m->ef[i];
                for (int r = 0; r < m->nr; r++)
                    energy[r] += role_energy(m, i, r);
            }
            for (int r = 0; r < m->nr; r++) {
                int w = energy_week(m, r, energy[r]);
                if (w > gl)
                    gl = w;
            }
            const op_gate *ga = op_plan_gate(p, g);
            for (int q = 0; q < ga->nrequires; q++)
                if (m->gl[ga->requires[q].index] > gl)
                    gl = m->gl[ga->requires[q].index];
            if (gl > m->H + 1)
                gl = m->H + 1;
            if (gl != m->gl[g])
                changed = 1;
            m->gl[g] = gl;
        }
        if (!changed || !m->o->gate_entry_phase)
            break;
    }
    free(need);
    free(gseen);
    free(energy);
    return 0;
}

/* Fixed-duration items alone, every one scheduled, last week at most T:
   the start windows propagation leaves (es..ls, and the weeks they may be
   running till, lf). Returns 1, changing nothing, when propagation finds
   no schedule by T (the incumbent's own T: a bug the caller then avoids),
   -1 on ENOMEM, else 0. */
static int rc_apply_windows(model *m, const rc_inst *rc, int T)
{
    int *es = malloc(((size_t)m->ni + 1) * sizeof *es);
    int *ls = malloc(((size_t)m->ni + 1) * sizeof *ls);
    int bad = es && ls ? rc_windows(rc, T, es, ls, m->deadline) : -1;
    for (int i = 0; bad == 0 && i < m->ni; i++) {
        int d = op_plan_item(m->p, i)->duration;
        if (!m->ef[i])
            continue;
        if (es[i] > m->es[i]) {
            m->es[i] = es[i];
            m->ef[i] = es[i] + d - 1;
        }
        if (ls[i] < m->ls[i])
            m->ls[i] = ls[i];
        if (m->ls[i] + d - 1 < m->lf[i])
            m->lf[i] = m->ls[i] + d - 1;
    }
    free(es);
    free(ls);
    return bad;
}

/* ---- building the ILP --------------------------------------------- */

static int add_nz(model *m, int row, int col, double v)
{
    if (m->nz + 1 >= m->nzcap) {
        int ncap = m->nzcap ? m->nzcap * 2 : 4096;
        int *nia = realloc(m->ia, (size_t)ncap * sizeof *nia);
        if (nia)
            m->ia = nia;
        int *nja = realloc(m->ja, (size_t)ncap * sizeof *nja);
        if (nja)
            m->ja = nja;
        double *nar = realloc(m->ar, (size_t)ncap * sizeof *nar);
        if (nar)
            m->ar = nar;
        if (!nia || !nja || !nar)
            return -1;
        m->nzcap = ncap;
    }
    m->nz++; /* GLPK triplets are 1-based: slot 0 stays unused */
    m->ia[m->nz] = row;
    m->ja[m->nz] = col;
    m->ar[m->nz] = v;
    return 0;
}

static int new_row(model *m, int type, double lb, double ub)
{
    int r = glp_add_rows(m->lp, 1);
    glp_set_row_bnds(m->lp, r, type, lb, ub);
    m->nrows = r;
    return r;
}

static int new_cols(model *m, int n, int kind, double lb, double ub)
{
    if (n <= 0)
        return 0;
    int c = glp_add_cols(m->lp, n);
    for (int k = 0; k < n; k++) {
        glp_set_col_kind(m->lp, c + k, kind);
        if (kind != GLP_BV)
            glp_set_col_bnds(m->lp, c + k, lb < ub ? GLP_DB : GLP_FX, lb, ub);
    }
    return c;
}

static int col_x(const model *m, int i, int t)
{
    return m->cx[i] && m->ef[i] && t >= m->es[i] && t <= m->lf[i] ? m->cx[i] + (t - m->es[i]) : 0;
}
/* Y[i,t]: cumulative hours of item i by week t (long windows only); 0 none. */
static int col_Y(const model *m, int i, int t)
{
    return m->cY[i] && t >= m->es[i] && t < m->lf[i] ? m->cY[i] + (t - m->es[i]) : 0;
}

/* Windows longer than this get cumulative-hours columns, so "done by t"
   rows stay sparse (otherwise each sums every earlier week). Measured: on
   short windows they slow the search (phased staffing of erlmcp-v3: 11.8 s
   without, no proof in 60 s with); on 52-week plans they halve the model. */
#define CUMULATIVE_FROM 26

/* y[i,s]: fixed-duration item i starts in week s; 0 when it cannot. */
static int col_y(const model *m, int i, int st)
{
    return m->cy[i] && st >= m->es[i] && st <= m->ls[i] ? m->cy[i] + (st - m->es[i]) : 0;
}
static int col_a(const model *m, int i, int t)
{
    return m->ef[i] && t >= m->es[i] && t <= m->lf[i] ? m->ca[i] + (t - m->es[i]) : 0;
}
/* z[i,t]: a column, or 0 for the constant 0; weeks past lf_i give s[i]. */
static int col_z(const model *m, int i, int t)
{
    if (!m->ef[i] || t < m->ef[i])
        return 0;
    if (t >= m->lf[i])
        return m->cs[i];
    return m->cz[i] + (t - m->ef[i]);
}
/* g[g,t]: a column, or 0 for the constant 0 (before gl or never). */
static int col_g(const model *m, int g, int t)
{
    if (t < m->gl[g] || m->gl[g] > m->H)
        return 0;
    if (t > m->H)
        t = m->H;
    return m->cg[g] + (t - m->gl[g]);
}

static int build(model *m)
{
    const op_plan *p = m->p;
    glp_set_obj_dir(m->lp, GLP_MIN);
    for (int ro = 0; m->staff && ro < m->nr; ro++) {
        int n = m->staff->phased ? m->H : 1;
        m->cN[ro] = glp_add_cols(m->lp, n);
        for (int k = 0; k < n; k++) {
            glp_set_col_kind(m->lp, m->cN[ro] + k, GLP_IV);
            glp_set_col_bnds(m->lp, m->cN[ro] + k, m->lbh[ro] < m->ubh[ro] ? GLP_DB : GLP_FX,
                             m->lbh[ro], m->ubh[ro]);
        }
    }
    for (int i = 0; i < m->ni; i++) {
        m->cs[i] = new_cols(m, 1, GLP_BV, 0, 1);
        if (!m->ef[i]) {
            glp_set_col_kind(m->lp, m->cs[i], GLP_CV);
            glp_set_col_bnds(m->lp, m->cs[i], GLP_FX, 0, 0);
            continue;
        }
        if (m->fixed_s[i] == 1) {
            glp_set_col_kind(m->lp, m->cs[i], GLP_CV);
            glp_set_col_bnds(m->lp, m->cs[i], GLP_FX, 1, 1);
        }
        int n = m->lf[i] - m->es[i] + 1;
        if (op_plan_item(p, i)->duration) {
            /* y[i,s] for the starts where the whole crew is there */
            m->cy[i] = new_cols(m, m->ls[i] - m->es[i] + 1, GLP_BV, 0, 1);
            for (int st = m->es[i]; st <= m->ls[i]; st++)
                if (!crew_fits(m, i, st)) {
                    glp_set_col_kind(m->lp, col_y(m, i, st), GLP_CV);
                    glp_set_col_bnds(m->lp, col_y(m, i, st), GLP_FX, 0, 0);
                }
            m->ca[i] = new_cols(m, n, GLP_BV, 0, 1);
            m->cz[i] = new_cols(m, m->lf[i] - m->ef[i], GLP_BV, 0, 1);
            continue;
        }
        m->cx[i] = glp_add_cols(m->lp, n);
        for (int t = m->es[i]; t <= m->lf[i]; t++) {
            double cap = item_cap_of(m, i, t);
            int c = col_x(m, i, t);
            if (cap > OP_EPS)
                glp_set_col_bnds(m->lp, c, GLP_DB, 0, cap);
            else
                glp_set_col_bnds(m->lp, c, GLP_FX, 0, 0);
        }
        m->ca[i] = new_cols(m, n, GLP_BV, 0, 1);
        m->cz[i] = new_cols(m, m->lf[i] - m->ef[i], GLP_BV, 0, 1);
        if (n > CUMULATIVE_FROM)
            m->cY[i] = new_cols(m, n - 1, GLP_CV, 0, op_plan_item(p, i)->remaining);
    }
    for (int g = 0; g < m->ng; g++) {
        m->cg[g] = new_cols(m, m->H - m->gl[g] + 1, GLP_BV, 0, 1);
        if (m->o->strict_gates) {
            int d = op_plan_gate(p, g)->deadline_week;
            for (int t = d; t <= m->H; t++)
                if (col_g(m, g, t))
                    glp_set_col_bnds(m->lp, col_g(m, g, t), GLP_FX, 1, 1);
        }
    }
    m->cM = glp_add_cols(m->lp, 1);
    glp_set_col_bnds(m->lp, m->cM, GLP_DB, 0, m->H);

    int r;
    for (int i = 0; i < m->ni; i++) {
        if (!m->ef[i])
            continue;
        const op_item *it = op_plan_item(p, i);
        double e = it->remaining;
        int fixed = it->duration > 0;
        if (fixed) {
            /* one start when scheduled: sum_s y = s; started by t and done by t
               follow from the start: a[t] = sum_{s<=t} y, z[t] = sum_{s<=t-p+1} y */
            r = new_row(m, GLP_FX, 0, 0);
            for (int st = m->es[i]; st <= m->ls[i]; st++)
                if (add_nz(m, r, col_y(m, i, st), 1))
                    return -1;
            if (add_nz(m, r, m->cs[i], -1))
                return -1;
            /* in difference form, sparse: a[t] = a[t-1] + y[t],
               z[t] = z[t-1] + y[t-p+1] */
            for (int t = m->es[i]; t <= m->lf[i]; t++) {
                r = new_row(m, GLP_FX, 0, 0);
                if (add_nz(m, r, col_a(m, i, t), 1) ||
                    (t > m->es[i] && add_nz(m, r, col_a(m, i, t - 1), -1)) ||
                    (col_y(m, i, t) && add_nz(m, r, col_y(m, i, t), -1)))
                    return -1;
                if (t >= m->ef[i] && t < m->lf[i]) {
                    r = new_row(m, GLP_FX, 0, 0);
                    int yc = col_y(m, i, t - it->duration + 1);
                    if (add_nz(m, r, col_z(m, i, t), 1) ||
                        (t > m->ef[i] && add_nz(m, r, col_z(m, i, t - 1), -1)) ||
                        (yc && add_nz(m, r, yc, -1)))
                        return -1;
                }
            }
        } else {
            /* all effort, or none when deferred: sum_t x = e s */
            r = new_row(m, GLP_FX, 0, 0);
            for (int t = m->es[i]; t <= m->lf[i]; t++)
                if (add_nz(m, r, col_x(m, i, t), 1))
                    return -1;
            if (add_nz(m, r, m->cs[i], -e))
                return -1;
        }
        for (int t = m->es[i]; t <= m->lf[i]; t++) {
            double cap = fixed ? 0 : item_cap_of(m, i, t);
            double ub = cap < e ? cap : e;
            if (fixed)
                goto links; /* no hours columns: the rows above say it all */
            /* work only once started: x <= ub a */
            r = new_row(m, GLP_UP, 0, 0);
            if (add_nz(m, r, col_x(m, i, t), 1) || add_nz(m, r, col_a(m, i, t), -ub))
                return -1;
            /* no work once done: x + ub z[t-1] <= ub */
            int zc = col_z(m, i, t - 1);
            if (zc) {
                r = new_row(m, GLP_UP, 0, ub);
                if (add_nz(m, r, col_x(m, i, t), 1) || add_nz(m, r, zc, ub))
                    return -1;
            }
            /* started stays started */
            if (t > m->es[i]) {
                r = new_row(m, GLP_UP, 0, 0);
                if (add_nz(m, r, col_a(m, i, t - 1), 1) || add_nz(m, r, col_a(m, i, t), -1))
                    return -1;
            }
        links:
            /* done by t needs all effort by t: sum_{u<=t} x - e z[t] >= 0 */
            if (!fixed && col_Y(m, i, t)) {
                /* Y[t] = Y[t-1] + x[t] */
                r = new_row(m, GLP_FX, 0, 0);
                if (add_nz(m, r, col_Y(m, i, t), 1) || add_nz(m, r, col_x(m, i, t), -1) ||
                    (col_Y(m, i, t - 1) && add_nz(m, r, col_Y(m, i, t - 1), -1)))
                    return -1;
            }
            if (!fixed && t >= m->ef[i] && t < m->lf[i]) {
                r = new_row(m, GLP_LO, 0, 0);
                if (col_Y(m, i, t)) {
                    if (add_nz(m, r, col_Y(m, i, t), 1))
                        return -1;
                } else {
                    for (int u = m->es[i]; u <= t; u++)
                        if (add_nz(m, r, col_x(m, i, u), 1))
                            return -1;
                }
                if (add_nz(m, r, col_z(m, i, t), -e))
                    return -1;
                /* done stays done; done implies started */
                r = new_row(m, GLP_UP, 0, 0);
                if (add_nz(m, r, col_z(m, i, t), 1) || add_nz(m, r, col_z(m, i, t + 1), -1))
                    return -1;
                r = new_row(m, GLP_UP, 0, 0);
                if (add_nz(m, r, col_z(m, i, t), 1) || add_nz(m, r, col_a(m, i, t), -1))
                    return -1;
            }
            /* dependencies: started by t only if each dependency done by t-1 */
            for (int d = 0; d < it->ndeps; d++) {
                int j = it->deps[d].index;
                if (op_plan_item(p, j)->done)
                    continue; /* done in history */
                int zj = col_z(m, j, t - 1);
                r = new_row(m, GLP_UP, 0, 0);
                if (add_nz(m, r, col_a(m, i, t), 1) || (zj && add_nz(m, r, zj, -1)))
                    return -1;
            }
            /* phase entry: exit items start after the required gates passed */
            if (m->o->gate_entry_phase)
                for (int g = 0; g < m->ng; g++) {
                    if (!is_exit_item(p, g, i))
                        continue;
                    const op_gate *ga = op_plan_gate(p, g);
                    for (int q = 0; q < ga->nrequires; q++) {
                        int gc = col_g(m, ga->requires[q].index, t - 1);
                        r = new_row(m, GLP_UP, 0, 0);
                        if (add_nz(m, r, col_a(m, i, t), 1) || (gc && add_nz(m, r, gc, -1)))
                            return -1;
                    }
                }
        }
        /* the last week bounds this item's completion week:
           M >= C_i = lf s - sum_{t=ef}^{lf-1} z[t] */
        r = new_row(m, GLP_LO, 0, 0);
        if (add_nz(m, r, m->cM, 1) || add_nz(m, r, m->cs[i], -(double)m->lf[i]))
            return -1;
        for (int t = m->ef[i]; t < m->lf[i]; t++)
            if (add_nz(m, r, col_z(m, i, t), 1))
                return -1;
    }
    /* role capacity per week: effort items' hours, and the crews of the
       fixed-duration items running that week */
    for (int ro = 0; ro < m->nr; ro++)
        for (int t = 1; t <= m->H; t++) {
            int any = 0;
            for (int i = 0; i < m->ni && !any; i++) {
                if (op_plan_item(p, i)->role.index == ro && col_x(m, i, t))
                    any = 1;
                for (int st = t - op_plan_item(p, i)->duration + 1;
                     m->cy[i] && !any && st <= t; st++)
                    any = col_y(m, i, st) && op_plan_crew_hours(p, i, ro, t) > 0;
            }
            if (!any)
                continue;
            r = new_row(m, GLP_UP, 0, m->staff ? 0 : op_plan_capacity(p, ro, t));
            for (int i = 0; i < m->ni; i++) {
                if (op_plan_item(p, i)->role.index == ro && col_x(m, i, t))
                    if (add_nz(m, r, col_x(m, i, t), 1))
                        return -1;
                double ch = m->cy[i] ? op_plan_crew_hours(p, i, ro, t) : 0;
                for (int st = t - op_plan_item(p, i)->duration + 1; ch > 0 && st <= t; st++)
                    if (col_y(m, i, st) && add_nz(m, r, col_y(m, i, st), ch))
                        return -1;
            }
            if (m->staff && add_nz(m, r, col_N(m, ro, t), -m->hpw[ro]))
                return -1;
        }
    /* staffing: at most K headcount changes per role */
    for (int ro = 0; m->staff && m->staff->phased && ro < m->nr; ro++) {
        if (m->H < 2 || m->lbh[ro] == m->ubh[ro])
            continue;
        int cc = new_cols(m, m->H - 1, GLP_BV, 0, 1);
        double u = m->ubh[ro] - m->lbh[ro];
        for (int t = 2; t <= m->H; t++) {
            for (int sgn = -1; sgn <= 1; sgn += 2) {
                r = new_row(m, GLP_UP, 0, 0);
                if (add_nz(m, r, col_N(m, ro, t), sgn) || add_nz(m, r, col_N(m, ro, t - 1), -sgn) ||
                    add_nz(m, r, cc + (t - 2), -u))
                    return -1;
            }
        }
        r = new_row(m, GLP_UP, 0, m->staff->max_changes);
        for (int t = 2; t <= m->H; t++)
            if (add_nz(m, r, cc + (t - 2), 1))
                return -1;
    }
    /* gates: passed by t only when every exit item is done and every
       required gate passed by t; passed stays passed */
    for (int g = 0; g < m->ng; g++) {
        const op_gate *ga = op_plan_gate(p, g);
        for (int t = m->gl[g]; t <= m->H; t++) {
            int gc = col_g(m, g, t);
            for (int k = 0; k < ga->nitems; k++) {
                if (op_plan_item(p, ga->items[k].index)->done)
                    continue; /* done in history */
                int zc = col_z(m, ga->items[k].index, t);
                r = new_row(m, GLP_UP, 0, 0);
                if (add_nz(m, r, gc, 1) || (zc && add_nz(m, r, zc, -1)))
                    return -1;
            }
            for (int q = 0; q < ga->nrequires; q++) {
                int hc = col_g(m, ga->requires[q].index, t);
                r = new_row(m, GLP_UP, 0, 0);
                if (add_nz(m, r, gc, 1) || (hc && add_nz(m, r, hc, -1)))
                    return -1;
            }
            if (t < m->H) {
                r = new_row(m, GLP_UP, 0, 0);
                if (add_nz(m, r, gc, 1) || add_nz(m, r, col_g(m, g, t + 1), -1))
                    return -1;
            }
        }
    }
    /* re-planning: u[i,t] >= previous[i,t] - x[i,t], the hours moved away */
    if (m->o->previous) {
        m->cu = calloc((size_t)m->ni * (size_t)(m->H + 1) + 1, sizeof *m->cu);
        if (!m->cu)
            return -1;
        const op_schedule *pv = m->o->previous;
        for (int i = 0; i < m->ni && i < op_schedule_items(pv); i++)
            for (int t = op_plan_first_week(p); t <= m->H && t <= op_schedule_weeks(pv); t++) {
                double h = op_schedule_get(pv, i, t);
                if (h <= OP_EPS)
                    continue;
                int u = glp_add_cols(m->lp, 1);
                m->cu[(size_t)i * (size_t)(m->H + 1) + (size_t)t] = u;
                glp_set_col_bnds(m->lp, u, GLP_DB, 0, h);
                int xc = col_x(m, i, t);
                const op_item *it = op_plan_item(p, i);
                if (it->duration && m->cy[i]) {
                    /* a fixed-duration item gives week t its crew's hours when it
                       runs then: started in (t - duration, t] */
                    double ch = op_plan_crew_week_hours(p, i, t);
                    r = new_row(m, GLP_LO, h, 0);
                    if (add_nz(m, r, u, 1))
                        return -1;
                    for (int st = t - it->duration + 1; st <= t; st++)
                        if (col_y(m, i, st) && add_nz(m, r, col_y(m, i, st), ch))
                            return -1;
                    continue;
                }
                if (!xc) {
                    glp_set_col_bnds(m->lp, u, GLP_FX, h, h);
                    continue;
                }
                r = new_row(m, GLP_LO, h, 0);
                if (add_nz(m, r, u, 1) || add_nz(m, r, xc, 1))
                    return -1;
            }
    }
    /* Items of a role done by week t had all their effort by t: an explicit
       knapsack over the z columns, so GLPK can derive cover and MIR cuts. */
    for (int ro = 0; ro < m->nr; ro++) {
        double cum = 0;
        for (int t = 1; t < m->H; t++) {
            cum += cap_of(m, ro, t);
            int any = 0;
            double need = 0;
            for (int i = 0; i < m->ni; i++)
                if (role_energy(m, i, ro) > 0 && col_z(m, i, t) && col_z(m, i, t) != m->cs[i]) {
                    any = 1;
                    need += role_energy(m, i, ro);
                }
            if (!any || need <= cum + OP_EPS)
                continue; /* never binding */
            r = new_row(m, GLP_UP, 0, m->staff ? 0 : cum);
            for (int u = 1; m->staff && u <= t; u++)
                if ((m->staff->phased || u == 1) &&
                    add_nz(m, r, col_N(m, ro, u), -m->hpw[ro] * (m->staff->phased ? 1 : t)))
                    return -1;
            for (int i = 0; i < m->ni; i++) {
                int zc = col_z(m, i, t);
                double en = role_energy(m, i, ro);
                if (en > 0 && zc && add_nz(m, r, zc, en))
                    return -1;
            }
        }
    }
    glp_load_matrix(m->lp, m->nz, m->ia, m->ja, m->ar);
    free(m->ia);
    free(m->ja);
    free(m->ar);
    m->ia = m->ja = NULL;
    m->ar = NULL;
    return 0;
}

/* ---- stage objectives ------------------------------------------------ */

/* Weight of scheduling an item of each priority: lexicographic, so one P0
   item outweighs every P1 item together, and so on. */
static void priority_weights(const model *m, double w[4])
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

/* Fills c[0..n] (c[0] the constant) with stage st's minimization objective. */
static void stage_objective(const model *m, op_stage st, double *c, int n)
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

/* ---- incumbents ------------------------------------------------------ */

/* u[i,t] = max(0, previous hours - planned hours) for the point x, and the
   cumulative hours columns from the hours. */
static void derive_columns(const model *m, double *x)
{
    for (int i = 0; i < m->ni; i++) {
        double acc = 0;
        for (int t = m->es[i]; m->cY[i] && t < m->lf[i]; t++) {
            acc += col_x(m, i, t) ? x[col_x(m, i, t)] : 0;
            x[col_Y(m, i, t)] = acc;
        }
    }
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
static void point_of_schedule(const model *m, const op_schedule *s, const op_eval *e, double *x)
{
    int n = glp_get_num_cols(m->lp);
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
    derive_columns(m, x);
}

/* Checks x against every row, column bound and integrality; the name of the
   first broken constraint goes to why. GLPK does not check heuristic
   solutions, so nothing unchecked is offered. */
static int point_feasible(glp_prob *lp, const double *x, char *why, size_t n)
{
    int nc = glp_get_num_cols(lp), nr = glp_get_num_rows(lp);
    for (int j = 1; j <= nc; j++) {
        double lb = glp_get_col_lb(lp, j), ub = glp_get_col_ub(lp, j);
        int type = glp_get_col_type(lp, j);
        if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && x[j] < lb - 1e-6) {
            snprintf(why, n, "column %d below its bound", j);
            return 0;
        }
        if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && x[j] > ub + 1e-6) {
            snprintf(why, n, "column %d above its bound", j);
            return 0;
        }
        if (glp_get_col_kind(lp, j) != GLP_CV && fabs(x[j] - round(x[j])) > 1e-9) {
            snprintf(why, n, "column %d not integer", j);
            return 0;
        }
    }
    int *ind = malloc(((size_t)nc + 1) * sizeof *ind);
    double *val = malloc(((size_t)nc + 1) * sizeof *val);
    int ok = ind && val;
    for (int i = 1; ok && i <= nr; i++) {
        int len = glp_get_mat_row(lp, i, ind, val);
        double a = 0;
        for (int k = 1; k <= len; k++)
            a += val[k] * x[ind[k]];
        int type = glp_get_row_type(lp, i);
        double lb = glp_get_row_lb(lp, i), ub = glp_get_row_ub(lp, i);
        /* GLPK reports a missing bound as -/+DBL_MAX: scale by the bound checked */
        int has_lb = type == GLP_LO || type == GLP_DB || type == GLP_FX;
        int has_ub = type == GLP_UP || type == GLP_DB || type == GLP_FX;
        if ((has_lb && a < lb - 1e-6 * (1 + fabs(lb))) || (has_ub && a > ub + 1e-6 * (1 + fabs(ub)))) {
            snprintf(why, n, "row %d (activity %g, bounds %g..%g)", i, a, lb, ub);
            ok = 0;
        }
    }
    free(ind);
    free(val);
    return ok;
}

/* ---- the branch-and-bound callback ------------------------------------ */

typedef struct cb_ctx {
    const model *m;
    const double *incumbent; /* offered once at the first heuristic call */
    int offered;
    double deadline;         /* monotonic seconds */
    double start, last_progress;
    double bound;            /* best bound seen */
    int have_bound;
    const char *stage;
    int stopped;             /* the watchdog or an interrupt stopped the search */
} cb_ctx;

static void callback(glp_tree *T, void *info)
{
    cb_ctx *c = info;
    int reason = glp_ios_reason(T);
    if (reason == GLP_IHEUR && c->incumbent && !c->offered) {
        c->offered = 1;
        glp_ios_heur_sol(T, c->incumbent);
    }
    int best = glp_ios_best_node(T);
    if (best) {
        c->bound = glp_ios_node_bound(T, best);
        c->have_bound = 1;
    }
    double t = op_solver_now();
    const op_solver_opts *o = c->m->o;
    if ((o->interrupt && *o->interrupt) || t > c->deadline) {
        c->stopped = 1;
        glp_ios_terminate(T);
        return;
    }
    if (o->progress && t - c->last_progress >= 1.0) {
        c->last_progress = t;
        glp_prob *lp = glp_ios_get_prob(T);
        double inc = glp_mip_status(lp) == GLP_FEAS || glp_mip_status(lp) == GLP_OPT
                         ? glp_mip_obj_val(lp)
                         : NAN;
        o->progress(o->progress_ctx, c->stage, inc, c->have_bound ? c->bound : NAN,
                    glp_ios_mip_gap(T), t - c->start);
    }
}

/* ---- driver -------------------------------------------------------- */

static void model_free(model *m)
{
    if (m->lp)
        glp_delete_prob(m->lp);
    free(m->es);
    free(m->ef);
    free(m->lf);
    free(m->gl);
    free(m->cx);
    free(m->ca);
    free(m->cz);
    free(m->cs);
    free(m->cy);
    free(m->cY);
    free(m->ls);
    free(m->cg);
    free(m->fixed_s);
    free(m->hpw);
    free(m->ubh);
    free(m->lbh);
    free(m->cN);
    free(m->cu);
    free(m->ia);
    free(m->ja);
    free(m->ar);
}

static int model_alloc(model *m)
{
    size_t ni = (size_t)m->ni + 1, ng = (size_t)m->ng + 1;
    m->es = calloc(ni, sizeof(int));
    m->ef = calloc(ni, sizeof(int));
    m->lf = calloc(ni, sizeof(int));
    m->cx = calloc(ni, sizeof(int));
    m->ca = calloc(ni, sizeof(int));
    m->cz = calloc(ni, sizeof(int));
    m->cs = calloc(ni, sizeof(int));
    m->cy = calloc(ni, sizeof(int));
    m->cY = calloc(ni, sizeof(int));
    m->ls = calloc(ni, sizeof(int));
    m->fixed_s = calloc(ni, sizeof(int));
    m->gl = calloc(ng, sizeof(int));
    m->cg = calloc(ng, sizeof(int));
    return m->es && m->ef && m->lf && m->cx && m->ca && m->cz && m->cs && m->cy && m->cY && m->ls &&
                   m->fixed_s && m->gl && m->cg
               ? 0
               : -1;
}

void op_solution_free(op_solution *s)
{
    if (!s)
        return;
    op_schedule_free(s->schedule);
    for (int k = 0; k < s->ndeferred; k++)
        free(s->deferred_why[k]);
    free(s->deferred);
    free(s->deferred_why);
    free(s);
}

/* Cleans GLPK's tolerances out of a point: binaries become exactly 0 or 1,
   hours vanish where the item is not running, each scheduled item gets exactly
   its effort, and M is the last completion week. Held stage values are then
   exact integers and the schedule evaluates as the model saw it. */
static void polish_point(const model *m, double *x)
{
    int n = glp_get_num_cols(m->lp);
    for (int k = 1; k <= n; k++)
        if (glp_get_col_kind(m->lp, k) != GLP_CV || k == m->cM)
            x[k] = round(x[k]);
    for (int i = 0; i < m->ni; i++) {
        x[m->cs[i]] = round(x[m->cs[i]]);
        if (!m->ef[i] || op_plan_item(m->p, i)->duration)
            continue; /* fixed-duration items have no hours columns */
        double sum = 0;
        for (int t = m->es[i]; t <= m->lf[i]; t++) {
            int zc = col_z(m, i, t - 1);
            double *h = &x[col_x(m, i, t)];
            if (x[col_a(m, i, t)] < 0.5 || (zc && x[zc] > 0.5) || *h < 1e-9)
                *h = 0;
            sum += *h;
        }
        double e = x[m->cs[i]] > 0.5 ? op_plan_item(m->p, i)->remaining : 0;
        for (int t = m->es[i]; t <= m->lf[i]; t++)
            x[col_x(m, i, t)] = sum > 0 ? x[col_x(m, i, t)] * (e / sum) : 0;
    }
    derive_columns(m, x);
}

/* Schedule of the column values x. */
static op_schedule *schedule_of_point(const model *m, const double *x)
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

static double objective_at(const double *c, const double *x, int n)
{
    double v = c[0];
    for (int k = 1; k <= n; k++)
        v += c[k] * x[k];
    return v;
}

/* Writes the plain-words reason an item was left out. */
static char *defer_reason(const model *m, int i, const op_eval *e)
{
    const op_plan *p = m->p;
    const op_item *it = op_plan_item(p, i);
    const char *role = op_plan_role(p, it->role.index)->name;
    char buf[400];
    for (int d = 0; d < it->ndeps; d++) {
        int j = it->deps[d].index;
        if (!op_eval_item(e, j)->done) {
            snprintf(buf, sizeof buf, "depends on %s, which is not scheduled", op_plan_item(p, j)->id);
            return strdup(buf);
        }
    }
    int from = m->es[i] ? m->es[i] : 1, to = m->lf[i] ? m->lf[i] : m->H;
    double cap = 0, own = 0, used = 0;
    for (int t = from; t <= to; t++) {
        cap += cap_of(m, it->role.index, t);
        own += item_cap_of(m, i, t);
        used += op_eval_load(e, it->role.index, t);
    }
    op_period per = op_plan_period(m->p);
    const char *w1 = op_period_word(per, 0), *wn = op_period_word(per, 1);
    if (from > to)
        snprintf(buf, sizeof buf, "cannot fit: no %s left for it in %s 1..%d (its window, "
                                  "dependencies or gate entry start it after %s %d)",
                 w1, wn, m->H, w1, to);
    else if (!m->ef[i])
        snprintf(buf, sizeof buf,
                 "cannot fit: in %s %d..%d it can get at most %g h (%s capacity and its "
                 "max_people), it needs %g h",
                 wn, from, to, own, role, it->remaining);
    else
        snprintf(buf, sizeof buf,
                 "no room: %s capacity in %s %d..%d is %g h, %g h of it used by "
                 "higher-ranked work; this item needs %g h",
                 role, wn, from, to, cap, used, it->remaining);
    return strdup(buf);
}

/* After stage "scheduled" is proven optimal its value fixes how many items of
   each priority are scheduled (the weights are lexicographic). Holding the
   counts per priority is equivalent on integer points and much stronger in
   the LP: a P1 item can no longer be traded for parts of P2 items. Classes
   scheduled in full get s = 1 fixed, which also yields energy bounds on M. */
static void hold_class_counts(model *m, const double *inc)
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
                    glp_set_col_kind(m->lp, m->cs[i], GLP_CV);
                    glp_set_col_bnds(m->lp, m->cs[i], GLP_FX, cnt[q] ? 1 : 0, cnt[q] ? 1 : 0);
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
        int r = glp_add_rows(m->lp, 1);
        glp_set_mat_row(m->lp, r, len, ind, val);
        glp_set_row_bnds(m->lp, r, GLP_FX, cnt[q], cnt[q]);
    }
    free(ind);
    free(val);
}

/* A lower bound on the last week from the items that must be scheduled:
   their earliest finish, and each role's energy. */
static void bound_last_week(model *m)
{
    double *energy = calloc((size_t)m->nr + 1, sizeof *energy);
    if (!energy)
        return;
    int lb = 0;
    for (int i = 0; i < m->ni; i++)
        if (m->fixed_s[i] == 1 && m->ef[i]) {
            for (int r = 0; r < m->nr; r++)
                energy[r] += role_energy(m, i, r);
            if (m->ef[i] > lb)
                lb = m->ef[i];
        }
    for (int r = 0; r < m->nr; r++) {
        int w = energy_week(m, r, energy[r]);
        if (w <= m->H && w > lb)
            lb = w;
    }
    free(energy);
    if (lb > 0 && lb <= m->H)
        glp_set_col_bnds(m->lp, m->cM, lb < m->H ? GLP_DB : GLP_FX, lb, m->H);
}

/* Solves one stage from the incumbent inc (when *have_inc; otherwise GLPK
   searches from scratch and *have_inc tells whether it found a solution),
   then holds the stage's value with a new row. Returns -1 on ENOMEM or when
   an LP file cannot be written (reported through d). */
/* LP-guided incumbents: list schedules in the order of the items' completion
   weeks in the LP relaxation (a classic for weighted completion objectives),
   plain and with small deterministic perturbations. A candidate that keeps
   every row (the held stages too) and beats the incumbent replaces it. */
static void lp_order_incumbent(model *m, const double *c, double *inc, double *inc_obj)
{
    int n = glp_get_num_cols(m->lp);
    double *rank = malloc(((size_t)m->ni + 1) * sizeof *rank);
    double *base = malloc(((size_t)m->ni + 1) * sizeof *base);
    double *x = malloc(((size_t)n + 1) * sizeof *x);
    if (!rank || !base || !x)
        goto out;
    for (int i = 0; i < m->ni; i++) {
        double cw = m->ef[i] ? m->lf[i] * glp_get_col_prim(m->lp, m->cs[i]) : 1e9;
        for (int t = m->ef[i]; m->ef[i] && t < m->lf[i]; t++)
            cw -= glp_get_col_prim(m->lp, col_z(m, i, t));
        /* start weeks break ties: what the LP starts early goes first */
        double sw = 0;
        for (int t = m->es[i]; m->ef[i] && t <= m->lf[i]; t++)
            sw += 1 - glp_get_col_prim(m->lp, col_a(m, i, t));
        base[i] = cw + 1e-3 * sw;
    }
    unsigned long long state = 0x2545F4914F6CDD1DULL;
    for (int k = 0; k < 32; k++) {
        for (int i = 0; i < m->ni; i++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            double u = (double)(state >> 11) / 9007199254740992.0;
            rank[i] = base[i] + (k ? (u - 0.5) * 0.25 * (1 + k % 8) : 0);
        }
        op_schedule *s = op_greedy_ranked(m->p, m->H, m->o->gate_entry_phase, rank);
        op_eval *e = s ? op_eval_new(m->p, s, m->o->gate_entry_phase) : NULL;
        if (e && !op_eval_hard_violations(e)) {
            char why[160];
            point_of_schedule(m, s, e, x);
            double v = objective_at(c, x, n);
            if (v < *inc_obj - 1e-9 && point_feasible(m->lp, x, why, sizeof why)) {
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

/* Column bounds changed for one search, to be put back afterwards. */
typedef struct bound_undo {
    int *col, *type;
    double *lb, *ub;
    int n, cap;
} bound_undo;

static void fix_col(model *m, bound_undo *u, int col, double v)
{
    if (!col)
        return;
    int type = glp_get_col_type(m->lp, col);
    double lb = glp_get_col_lb(m->lp, col), ub = glp_get_col_ub(m->lp, col);
    if (type == GLP_FX && lb == v)
        return;
    if (u) {
        if (u->n == u->cap) {
            int ncap = u->cap ? u->cap * 2 : 256;
            int *nc = realloc(u->col, (size_t)ncap * sizeof *nc);
            int *nt = realloc(u->type, (size_t)ncap * sizeof *nt);
            double *nl = realloc(u->lb, (size_t)ncap * sizeof *nl);
            double *nu = realloc(u->ub, (size_t)ncap * sizeof *nu);
            if (nc)
                u->col = nc;
            if (nt)
                u->type = nt;
            if (nl)
                u->lb = nl;
            if (nu)
                u->ub = nu;
            if (!nc || !nt || !nl || !nu)
                return; /* not fixing is always safe */
            u->cap = ncap;
        }
        u->col[u->n] = col;
        u->type[u->n] = type;
        u->lb[u->n] = lb;
        u->ub[u->n] = ub;
        u->n++;
    }
    glp_set_col_bnds(m->lp, col, GLP_FX, v, v);
}

static void undo_bounds(model *m, bound_undo *u)
{
    for (int k = u->n - 1; k >= 0; k--)
        glp_set_col_bnds(m->lp, u->col[k], u->type[k], u->lb[k], u->ub[k]);
    free(u->col);
    free(u->type);
    free(u->lb);
    free(u->ub);
    memset(u, 0, sizeof *u);
}

/* Every item that must be scheduled is done by week T: latest finish weeks
   backwards through the dependencies, and the columns past them fixed
   (hours 0, done 1, no later start). Valid whenever the last week is held
   at T or below. Records the changes in u (NULL: permanent). */
static void tighten_to(model *m, int T, bound_undo *u)
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
            while (ls >= m->es[j] && !crew_fits(m, j, ls))
                ls--;
        } else {
            double acc = 0;
            for (ls = lf[j]; ls >= m->es[j]; ls--) {
                acc += item_cap_of(m, j, ls);
                if (acc >= jt->remaining - OP_EPS)
                    break;
            }
        }
        for (int d = 0; d < jt->ndeps; d++) {
            int i = jt->deps[d].index;
            if (m->ef[i] && m->fixed_s[i] == 1 && ls - 1 < lf[i])
                lf[i] = ls - 1;
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
static void rc_fix(model *m, const int *es, const int *ls, bound_undo *u)
{
    for (int i = 0; i < m->ni; i++)
        for (int st = m->es[i]; m->cy[i] && st <= m->ls[i]; st++)
            if (st < es[i] || st > ls[i])
                fix_col(m, u, col_y(m, i, st), 0);
}

/* The same for the propagation windows of "every item done by week T":
   1 when propagation proves no schedule is done by T, -1 on ENOMEM. */
static int rc_tighten(model *m, int T, bound_undo *u)
{
    int *es = malloc(((size_t)m->ni + 1) * sizeof *es);
    int *ls = malloc(((size_t)m->ni + 1) * sizeof *ls);
    int rc = -1;
    if (es && ls)
        rc = rc_windows(m->rc, T, es, ls, m->deadline);
    if (rc == 0)
        rc_fix(m, es, ls, u);
    free(es);
    free(ls);
    return rc;
}

/* Fixed-duration items alone: the genetic search again, started and held
   within the windows es/ls of "done by week T" (the incumbent's week less
   one), then dives with propagation in them. A schedule found that keeps
   every row replaces the incumbent inc (objective c). Returns 1 when one
   did, 0 when not, -1 on ENOMEM. */
static int rc_improve(model *m, const double *c, const int *es, const int *ls, int T, double *inc,
                      double *inc_obj, double until)
{
    int n = glp_get_num_cols(m->lp);
    double left = until - op_solver_now();
    op_schedule *h = rc_heuristic(m->rc, 200000 / (m->ni > 0 ? m->ni : 1),
                                  op_solver_now() + (left > 0 ? left / 4 : 0), es, ls,
                                  (int)glp_get_col_lb(m->lp, m->cM));
    if (h && op_schedule_weeks(h) > T) {
        /* none by T from the lists: dive with propagation instead */
        op_schedule_free(h);
        left = until - op_solver_now();
        h = rc_dive(m->rc, T, es, ls, 100000, op_solver_now() + (left > 0 ? left / 3 : 0));
    }
    op_eval *e = h ? op_eval_new(m->p, h, m->o->gate_entry_phase) : NULL;
    double *x = malloc(((size_t)n + 1) * sizeof *x);
    int rc = 0;
    if (!x || (h && !e)) {
        rc = -1;
    } else if (e && !op_eval_hard_violations(e) && op_eval_last_week(e) <= m->H &&
               op_eval_last_week(e) < *inc_obj - 0.5) {
        char why[160];
        point_of_schedule(m, h, e, x);
        if (point_feasible(m->lp, x, why, sizeof why)) {
            memcpy(inc, x, ((size_t)n + 1) * sizeof *x);
            *inc_obj = objective_at(c, x, n);
            rc = 1;
        }
    }
    free(x);
    op_eval_free(e);
    op_schedule_free(h);
    return rc;
}

static int run_stage(model *m, op_stage st, double *inc, int *have_inc, double *inc_obj,
                     double deadline, op_stage_result *res, op_diag *d)
{
    int n = glp_get_num_cols(m->lp);
    double *c = malloc(((size_t)n + 1) * sizeof *c);
    if (!c)
        return -1;
    stage_objective(m, st, c, n);
    for (int k = 0; k <= n; k++)
        glp_set_obj_coef(m->lp, k, c[k]);
    *inc_obj = objective_at(c, inc, n);
    res->stage = st;
    res->rows = glp_get_num_rows(m->lp);
    res->cols = n;
    res->nonzeros = glp_get_num_nz(m->lp);
    res->objective = *inc_obj;
    res->bound = -INFINITY;
    res->gap = INFINITY;
    res->status = OP_SOLVE_FEASIBLE;
    if (m->o->write_lp) {
        char name[4096];
        if (m->lp_written++ == 0)
            snprintf(name, sizeof name, "%s", m->o->write_lp);
        else
            snprintf(name, sizeof name, "%s.%d", m->o->write_lp, m->lp_written);
        if (glp_write_lp(m->lp, NULL, name) != 0) {
            op_loc l = {m->o->write_lp, 0, 0};
            op_diag_error(d, OP_EOUTPUT, &l, "cannot write the LP model");
            free(c);
            return -1;
        }
    }
    double t0 = op_solver_now();
    int proven = *have_inc; /* a constant objective needs no search, only a solution */
    for (int k = 1; k <= n && proven; k++)
        proven = c[k] == 0 || glp_get_col_type(m->lp, k) == GLP_FX;
    if (!proven && *have_inc) {
        /* the smallest value the column bounds allow: reached means optimal */
        double lo = c[0];
        for (int k = 1; k <= n; k++) {
            if (c[k] == 0)
                continue;
            int type = glp_get_col_type(m->lp, k);
            int bounded = c[k] > 0 ? (type == GLP_LO || type == GLP_DB || type == GLP_FX)
                                   : (type == GLP_UP || type == GLP_DB || type == GLP_FX);
            if (!bounded) {
                lo = -INFINITY;
                break;
            }
            lo += c[k] * (c[k] > 0 ? glp_get_col_lb(m->lp, k) : glp_get_col_ub(m->lp, k));
        }
        proven = *inc_obj <= lo + 1e-6;
    }
    int *rces = NULL, *rcls = NULL; /* windows for one week less than the incumbent */
    double rc_until = deadline;     /* when the propagation's share of the time ends */
    if (!proven && *have_inc && st == OP_STAGE_FINISH && m->rc) {
        /* Deep shaving may prove on its own that nothing ends a week
           earlier. It proves far more here than GLPK's search, so it gets
           most of the time left; what it narrows before its deadline still
           holds and goes to the search. */
        int T = (int)round(*inc_obj) - 1;
        rces = malloc(((size_t)m->ni + 1) * sizeof *rces);
        rcls = malloc(((size_t)m->ni + 1) * sizeof *rcls);
        if (!rces || !rcls) {
            free(rces);
            free(rcls);
            free(c);
            return -1;
        }
        double until = rc_until = t0 + (deadline - t0) * 0.85;
        for (;;) {
            if (T < 1 || *inc_obj <= glp_get_col_lb(m->lp, m->cM) + 1e-6 ||
                rc_windows_deep(m->rc, T, rces, rcls, until)) {
                proven = 1;
                break;
            }
            /* not refuted: look for a schedule by T inside the windows */
            int got = rc_improve(m, c, rces, rcls, T, inc, inc_obj, until);
            if (got < 0) {
                free(rces);
                free(rcls);
                free(c);
                return -1;
            }
            if (!got)
                break;
            T = (int)round(*inc_obj) - 1;
        }
    }
    double left = proven ? 0 : deadline - t0;
    if (!proven && rces && op_solver_now() >= rc_until) {
        /* Deep shaving used its whole share: the rest is too short for
           GLPK (on J30 at 10 s no proof came from it there), and GLPK's
           first LP on a long horizon ignores the limit (J60 j6041_1: 2.9 s
           for 1.1 s). Propagation's bound stands. */
        left = 0;
        res->bound = glp_get_col_lb(m->lp, m->cM);
    }
    if (left > 0 && !(m->o->interrupt && *m->o->interrupt)) {
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = m->o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
        sp.tm_lim = (int)(left * 1000) + 1;
        /* Fixed-duration plans: propagation's bound beats this LP's, the
           genetic search its rounding heuristic, and on long horizons the
           LP alone ran past the time limit (GLPK checks it seldom there),
           so the search starts at once on the narrowed model. */
        int skip_lp = rces != NULL;
        int lprc = skip_lp ? 0 : glp_simplex(m->lp, &sp);
        int lpst = skip_lp ? GLP_OPT : glp_get_status(m->lp);
        if (lprc == 0 && lpst == GLP_NOFEAS && !*have_inc) {
            proven = 1; /* not even the LP relaxation is feasible */
        } else if (lprc == 0 && lpst == GLP_OPT) {
            double lpb = skip_lp ? glp_get_col_lb(m->lp, m->cM) : glp_get_obj_val(m->lp);
            res->bound = lpb;
            int integral = objective_integral(st, c, n);
            if (!skip_lp && *have_inc && *inc_obj > (integral ? ceil(lpb - 1e-6) : lpb) + 1e-6 &&
                (st == OP_STAGE_PRIORITY || st == OP_STAGE_FINISH))
                lp_order_incumbent(m, c, inc, inc_obj);
            if (*have_inc && *inc_obj <= (integral ? ceil(lpb - 1e-6) : lpb) + 1e-6) {
                proven = 1; /* the incumbent meets the LP bound: no search needed */
                res->bound = *inc_obj;
            } else {
                /* The last week below the incumbent's: every window ends there. */
                bound_undo undo = {NULL, NULL, NULL, NULL, 0, 0};
                if (st == OP_STAGE_FINISH && *have_inc) {
                    tighten_to(m, (int)round(*inc_obj) - 1, &undo);
                    if (rces)
                        rc_fix(m, rces, rcls, &undo);
                }
                /* Search only for strictly better schedules: the objective is
                   integral, so a cutoff row "objective <= incumbent - 1" prunes
                   like an incumbent would, lets GLPK's presolver run, and an
                   exhausted search proves the incumbent optimal. */
                int cut = glp_add_rows(m->lp, 1);
                int len = 0;
                int *ind = malloc(((size_t)n + 1) * sizeof *ind);
                double *val = malloc(((size_t)n + 1) * sizeof *val);
                if (!ind || !val) {
                    free(ind);
                    free(val);
                    free(c);
                    free(rces);
                    free(rcls);
                    undo_bounds(m, &undo);
                    return -1;
                }
                for (int k = 1; k <= n; k++)
                    if (c[k] != 0) {
                        len++;
                        ind[len] = k;
                        val[len] = c[k];
                    }
                glp_set_mat_row(m->lp, cut, len, ind, val);
                if (*have_inc)
                    glp_set_row_bnds(m->lp, cut, GLP_UP, 0,
                                     *inc_obj - (integral ? 1 - 1e-6 : 1e-4) - c[0]);
                else
                    glp_set_row_bnds(m->lp, cut, GLP_FR, 0, 0);
                free(ind);
                free(val);
                glp_iocp ip;
                glp_init_iocp(&ip);
                ip.msg_lev = m->o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
                ip.presolve = GLP_ON;
                ip.gmi_cuts = GLP_ON;
                ip.mir_cuts = GLP_ON;
                ip.cov_cuts = GLP_OFF; /* GLPK 5.0 aborts in glp_cov_init when presolve
                                          leaves no columns */
                ip.clq_cuts = GLP_ON;
                /* pseudocost branching searches best, but its start-up solves
                   one LP per integer column with no callback: on models with
                   many binaries that alone overran time limits threefold
                   (PSPLIB j305_2: 42 s for 10 s) */
                ip.br_tech = glp_get_num_int(m->lp) <= 2000 ? GLP_BR_PCH : GLP_BR_DTH;
                ip.bt_tech = GLP_BT_BLB;
                ip.mip_gap = m->o->gap;
                ip.tm_lim = (int)((deadline - op_solver_now()) * 1000);
                if (ip.tm_lim < 1)
                    ip.tm_lim = 1;
                cb_ctx cc = {m, NULL, 0, deadline, t0, t0, -INFINITY, 0, op_stage_name(st), 0};
                ip.cb_func = callback;
                ip.cb_info = &cc;
                int rc = glp_intopt(m->lp, &ip);
                int ms = glp_mip_status(m->lp);
                if (ms == GLP_OPT || ms == GLP_FEAS) {
                    double v = glp_mip_obj_val(m->lp);
                    if (!*have_inc || v < *inc_obj - 1e-9) {
                        *have_inc = 1;
                        for (int k = 1; k <= n; k++)
                            inc[k] = glp_mip_col_val(m->lp, k);
                        polish_point(m, inc);
                        *inc_obj = objective_at(c, inc, n);
                    }
                }
                glp_del_rows(m->lp, 1, (int[]){0, cut});
                undo_bounds(m, &undo);
                if (rc == 0 && ms == GLP_OPT) {
                    proven = m->o->gap <= 0;
                    res->bound = m->o->gap <= 0 ? *inc_obj : (cc.have_bound ? cc.bound : lpb);
                    if (m->o->gap > 0)
                        res->status = OP_SOLVE_OPTIMAL; /* within the asked gap */
                } else if ((rc == 0 && ms == GLP_NOFEAS) || rc == GLP_ENOPFS) {
                    proven = 1; /* nothing better than the incumbent exists */
                } else if (cc.have_bound && cc.bound > res->bound) {
                    res->bound = cc.bound;
                }
            }
        }
    }
    free(rces);
    free(rcls);
    if (!*have_inc) {
        /* no solution at all: proven infeasible, or none found in time */
        res->status = proven ? OP_SOLVE_INFEASIBLE : OP_SOLVE_INTERRUPTED;
        res->seconds = op_solver_now() - t0;
        free(c);
        return 0;
    }
    if (proven) {
        res->status = OP_SOLVE_OPTIMAL;
        res->bound = *inc_obj;
    }
    /* integer objectives: a bound b proves ceil(b) */
    if (objective_integral(st, c, n) && isfinite(res->bound) &&
        ceil(res->bound - 1e-6) >= *inc_obj - 1e-6) {
        res->bound = *inc_obj;
        res->status = OP_SOLVE_OPTIMAL;
    }
    res->objective = *inc_obj;
    if (res->status == OP_SOLVE_OPTIMAL && res->bound == *inc_obj)
        res->gap = 0;
    else if (isfinite(res->bound))
        res->gap = fabs(*inc_obj - res->bound) / (fabs(*inc_obj) > 1e-9 ? fabs(*inc_obj) : 1);
    res->seconds = op_solver_now() - t0;
    /* hold this stage's value while later stages run */
    int r = glp_add_rows(m->lp, 1);
    glp_set_row_bnds(m->lp, r, GLP_UP, 0,
                     *inc_obj - c[0] + (objective_integral(st, c, n) ? 1e-6 : 1e-4));
    int *ind = malloc(((size_t)n + 1) * sizeof *ind);
    double *val = malloc(((size_t)n + 1) * sizeof *val);
    if (!ind || !val) {
        free(ind);
        free(val);
        free(c);
        return -1;
    }
    int len = 0;
    for (int k = 1; k <= n; k++)
        if (c[k] != 0) {
            len++;
            ind[len] = k;
            val[len] = c[k];
        }
    if (len)
        glp_set_mat_row(m->lp, r, len, ind, val);
    else
        glp_del_rows(m->lp, 1, (int[]){0, r});
    free(ind);
    free(val);
    free(c);
    return 0;
}

op_status op_solve(const op_plan *p, const op_solver_opts *o, op_solution **out, op_diag *d)
{
    *out = NULL;
    double t0 = op_solver_now();
    double deadline = t0 + (o->time_limit > 0 ? o->time_limit : 0);
    op_solution *sol = calloc(1, sizeof *sol);
    model m;
    memset(&m, 0, sizeof m);
    op_schedule *greedy = NULL;
    op_eval *ge = NULL;
    double *inc = NULL;
    rc_inst *rc = NULL;
    op_status st = OP_OK;
    if (!sol)
        goto nomem;
    m.p = p;
    m.o = o;
    m.deadline = deadline;
    m.ni = op_plan_item_count(p);
    m.nr = op_plan_role_count(p);
    m.ng = op_plan_gate_count(p);

    /* The greedy schedule: a horizon and the first incumbent. */
    /* randomised passes are cheap on small plans; large ones get fewer */
    int tries = m.ni > 0 ? 20000 / m.ni : 1;
    if (tries > 100)
        tries = 100;
    if (tries < 1)
        tries = 1;
    greedy = op_greedy_best(p, o->horizon, o->gate_entry_phase, tries);
    if (!greedy)
        goto nomem;
    ge = op_eval_new(p, greedy, o->gate_entry_phase);
    if (!ge)
        goto nomem;
    /* Fixed-duration items alone: a scheduling problem with known better
       heuristics than list scheduling; keep theirs when it is better by the
       greedy rule (most scheduled, least lateness, earliest last week). */
    int rc_nomem = 0;
    if (!o->horizon && !o->strict_gates && !o->gate_entry_phase && !o->greedy_only)
        rc = rc_new(p, &rc_nomem);
    if (rc_nomem)
        goto nomem;
    int rc_lb = 0; /* propagation's lower bound on the last week, 0 none */
    if (rc) {
        /* a short search; then, when propagation's lower bound shows room,
           a long one that stops at that bound */
        double budget = o->time_limit > 0 ? o->time_limit * 0.1 : 0;
        int target = 0;
        for (int round = 0; round < 2; round++) {
            int passes = (round ? 1500000 : 200000) / (m.ni > 0 ? m.ni : 1);
            int cap = round ? 50000 : 5000;
            passes = passes > cap ? cap : passes < 10 ? 10 : passes;
            op_schedule *h = rc_heuristic(rc, passes, t0 + budget, NULL, NULL, target);
            op_eval *he = h ? op_eval_new(p, h, o->gate_entry_phase) : NULL;
            if (h && !he) {
                op_schedule_free(h);
                goto nomem;
            }
            if (he && !op_eval_hard_violations(he) &&
                op_eval_scheduled_count(he) >= op_eval_scheduled_count(ge) &&
                op_eval_total_lateness(he) <= op_eval_total_lateness(ge) &&
                op_eval_last_week(he) < op_eval_last_week(ge)) {
                op_schedule_free(greedy);
                op_eval_free(ge);
                greedy = h;
                ge = he;
            } else {
                op_schedule_free(h);
                op_eval_free(he);
            }
            if (round || o->time_limit <= 0 || op_eval_scheduled_count(ge) < m.ni)
                break;
            int ub = op_eval_last_week(ge);
            rc_lb = rc_lower_bound(rc, 1, ub, t0 + o->time_limit * 0.2);
            if (rc_lb >= ub)
                break;
            target = rc_lb;
        }
    }
    sol->greedy_seconds = op_solver_now() - t0;
    sol->greedy_last_week = op_eval_last_week(ge);
    sol->greedy_lateness = op_eval_total_lateness(ge);
    /* Every item fits: stage "scheduled" is solved by the greedy schedule,
       unless strict gates may force items out that the greedy one keeps. */
    int all = op_eval_scheduled_count(ge) == m.ni &&
              (!o->strict_gates || op_eval_gates_met(ge) == m.ng);
    if (o->horizon)
        m.H = o->horizon;
    else if (all)
        m.H = op_eval_last_week(ge);
    else {
        /* something left out: give the ILP every week where it might still fit */
        int h = op_eval_last_week(ge), last = op_plan_last_capacity_week(p);
        if (last < OP_MAX_WEEK && last > h)
            h = last;
        for (int i = 0; i < m.ni; i++)
            if (op_plan_item(p, i)->due_week > h)
                h = op_plan_item(p, i)->due_week;
        if (op_plan_max_deadline(p) > h)
            h = op_plan_max_deadline(p);
        m.H = h < op_schedule_weeks(greedy) ? h : op_schedule_weeks(greedy);
    }
    if (m.H < 1)
        m.H = 1;
    if (m.H < op_schedule_weeks(greedy)) {
        /* the greedy schedule ends inside the horizon: trim it */
        op_schedule *trim = op_schedule_new(m.ni, m.H);
        if (!trim)
            goto nomem;
        for (int i = 0; i < m.ni; i++)
            for (int t = 1; t <= m.H; t++)
                op_schedule_set(trim, i, t, op_schedule_get(greedy, i, t));
        op_schedule_free(greedy);
        op_eval_free(ge);
        greedy = trim;
        ge = op_eval_new(p, greedy, o->gate_entry_phase);
        if (!ge)
            goto nomem;
    }
    sol->horizon = m.H;
    if (model_alloc(&m))
        goto nomem;
    for (int i = 0; i < m.ni; i++)
        m.fixed_s[i] = all ? 1 : -1;
    if (compute_windows(&m))
        goto nomem;
    if (rc && all && !rc_apply_windows(&m, rc, m.H))
        m.rc = rc;

    if (o->strict_gates) {
        for (int g = 0; g < m.ng; g++) {
            const op_gate *ga = op_plan_gate(p, g);
            if (m.gl[g] > ga->deadline_week) {
                sol->status = OP_SOLVE_INFEASIBLE;
                const char *w1 = op_period_word(op_plan_period(p), 0);
                if (m.gl[g] > m.H)
                    snprintf(sol->reason, sizeof sol->reason,
                             "gate %s cannot pass within %d %s (deadline %s %d)", ga->id, m.H,
                             op_period_word(op_plan_period(p), 1), w1, ga->deadline_week);
                else
                    snprintf(sol->reason, sizeof sol->reason,
                             "gate %s cannot pass before %s %d (deadline %s %d): its items and "
                             "their roles' capacity do not allow it",
                             ga->id, w1, m.gl[g], w1, ga->deadline_week);
                goto done;
            }
        }
    }

    glp_term_out(o->verbose ? GLP_ON : GLP_OFF);
    m.lp = glp_create_prob();
    if (build(&m))
        goto nomem;
    int n = glp_get_num_cols(m.lp);
    inc = calloc((size_t)n + 1, sizeof *inc);
    if (!inc)
        goto nomem;
    point_of_schedule(&m, greedy, ge, inc);
    char why[160];
    int inc_ok = point_feasible(m.lp, inc, why, sizeof why);
    if (!inc_ok && !o->strict_gates) {
        op_diag_error(d, OP_EINTERNAL, NULL, "internal error: the greedy schedule is not a "
                                             "solution of the model: %s", why);
        st = OP_EINTERNAL;
        goto done;
    }
    if (!inc_ok || o->greedy_only || o->time_limit <= 0) {
        if (!inc_ok) {
            /* strict gates the greedy schedule misses: let GLPK search */
            glp_iocp ip;
            glp_init_iocp(&ip);
            ip.msg_lev = o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
            ip.presolve = GLP_ON;
            ip.tm_lim = (int)((deadline - op_solver_now()) * 1000);
            if (ip.tm_lim < 1)
                ip.tm_lim = 1;
            glp_set_obj_coef(m.lp, m.cM, 1);
            cb_ctx cc = {&m, NULL, 0, deadline, op_solver_now(), op_solver_now(), -INFINITY, 0, "feasible", 0};
            ip.cb_func = callback; /* the watchdog and interrupts */
            ip.cb_info = &cc;
            glp_intopt(m.lp, &ip);
            int ms = glp_mip_status(m.lp);
            if (ms != GLP_OPT && ms != GLP_FEAS) {
                sol->status = ms == GLP_NOFEAS ? OP_SOLVE_INFEASIBLE : OP_SOLVE_NO_PLAN;
                snprintf(sol->reason, sizeof sol->reason, "%s",
                         ms == GLP_NOFEAS ? "no schedule meets every gate deadline"
                                          : "no schedule meeting every gate deadline was found "
                                            "within the time limit");
                goto done;
            }
            for (int k = 1; k <= n; k++)
                inc[k] = glp_mip_col_val(m.lp, k);
            polish_point(&m, inc);
            glp_set_obj_coef(m.lp, m.cM, 0);
        }
    }
    sol->status = OP_SOLVE_OPTIMAL;
    int have_inc = 1;
    op_stage stages[OP_STAGE_COUNT];
    int nst = 0;
    for (int k = 0; k < o->nstages; k++)
        stages[nst++] = o->stages[k];
    if (o->previous && o->stability) {
        int has = 0;
        for (int k = 0; k < nst; k++)
            has |= stages[k] == OP_STAGE_STABILITY;
        if (!has && nst < OP_STAGE_COUNT)
            stages[nst++] = OP_STAGE_STABILITY;
    }
    bound_last_week(&m);
    if (m.rc && rc_lb > glp_get_col_lb(m.lp, m.cM)) {
        /* the first week propagation cannot rule out bounds the last week */
        int lb = rc_lb < m.H ? rc_lb : m.H;
        glp_set_col_bnds(m.lp, m.cM, lb < m.H ? GLP_DB : GLP_FX, lb, m.H);
    }
    for (int k = 0; k < nst; k++) {
        op_stage_result *res = &sol->stages[sol->nstages++];
        double obj;
        if (stages[k] == OP_STAGE_SCHEDULED && all) {
            /* the greedy schedule fits every item: nothing to maximise */
            res->stage = OP_STAGE_SCHEDULED;
            res->status = OP_SOLVE_OPTIMAL;
            res->rows = glp_get_num_rows(m.lp);
            res->cols = n;
            res->nonzeros = glp_get_num_nz(m.lp);
            continue;
        }
        if (o->greedy_only || o->time_limit <= 0) {
            double *c = malloc(((size_t)n + 1) * sizeof *c);
            if (!c)
                goto nomem;
            stage_objective(&m, stages[k], c, n);
            res->stage = stages[k];
            res->objective = objective_at(c, inc, n);
            res->bound = -INFINITY;
            res->gap = INFINITY;
            res->status = OP_SOLVE_FEASIBLE;
            free(c);
        } else if (run_stage(&m, stages[k], inc, &have_inc, &obj, deadline, res, d)) {
            if (op_diag_count(d))
                st = op_diag_status(d);
            else
                goto nomem;
            goto done;
        }
        if (stages[k] == OP_STAGE_FINISH && have_inc && !o->greedy_only && o->time_limit > 0) {
            tighten_to(&m, (int)round(obj), NULL); /* held from here on */
            if (m.rc && rc_tighten(&m, (int)round(obj), NULL) < 0)
                goto nomem;
        }
        if (res->status != OP_SOLVE_OPTIMAL)
            sol->status = OP_SOLVE_FEASIBLE;
        else if (stages[k] == OP_STAGE_SCHEDULED && !o->greedy_only && o->time_limit > 0)
            hold_class_counts(&m, inc);
        if (stages[k] == OP_STAGE_SCHEDULED)
            bound_last_week(&m);
    }
    if (o->interrupt && *o->interrupt && sol->status != OP_SOLVE_OPTIMAL)
        sol->status = OP_SOLVE_INTERRUPTED;
    sol->schedule = schedule_of_point(&m, inc);
    if (!sol->schedule)
        goto nomem;

    /* The independent check: the schedule must keep every hard rule. */
    op_eval *fe = op_eval_new(p, sol->schedule, o->gate_entry_phase);
    if (!fe)
        goto nomem;
    if (op_eval_hard_violations(fe)) {
        const op_violation *v = NULL;
        for (int k = 0; k < op_eval_violation_count(fe); k++)
            if (op_eval_violation(fe, k)->kind != OP_V_UNSCHEDULED) {
                v = op_eval_violation(fe, k);
                break;
            }
        op_diag_error(d, OP_EINTERNAL, NULL,
                      "internal error: the solver's schedule breaks a rule (violation kind %d, "
                      "item %d, role %d, week %d: %g vs %g)",
                      v ? (int)v->kind : -1, v ? v->item : -1, v ? v->role : -1, v ? v->week : -1,
                      v ? v->a : 0, v ? v->b : 0);
        op_eval_free(fe);
        st = OP_EINTERNAL;
        goto done;
    }
    /* deferred items, lowest priority first */
    sol->deferred = malloc(((size_t)m.ni + 1) * sizeof *sol->deferred);
    sol->deferred_why = calloc((size_t)m.ni + 1, sizeof *sol->deferred_why);
    if (!sol->deferred || !sol->deferred_why) {
        op_eval_free(fe);
        goto nomem;
    }
    for (int prio = 3; prio >= 0; prio--)
        for (int i = 0; i < m.ni; i++)
            if (op_plan_item(p, i)->priority == prio && !op_eval_item(fe, i)->done) {
                sol->deferred[sol->ndeferred] = i;
                sol->deferred_why[sol->ndeferred] = defer_reason(&m, i, fe);
                if (!sol->deferred_why[sol->ndeferred++]) {
                    op_eval_free(fe);
                    goto nomem;
                }
            }
    op_eval_free(fe);
    goto done;
nomem:
    op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    st = OP_ENOMEM;
done:
    free(inc);
    rc_free(rc);
    op_eval_free(ge);
    op_schedule_free(greedy);
    model_free(&m);
    if (st != OP_OK) {
        op_solution_free(sol);
        return st;
    }
    *out = sol;
    return OP_OK;
}

/* ---- staffing ------------------------------------------------------- */

void op_staff_opts_init(op_staff_opts *s)
{
    memset(s, 0, sizeof *s);
    s->max_changes = 2;
}

void op_staff_result_free(op_staff_result *r)
{
    if (!r)
        return;
    free(r->headcount);
    free(r->hours_per_person);
    free(r);
}

/* Copies the item, gate, last-week and headcount values of point xa of
   model a into xb of model b (same plan and windows, other staff model). */
static void map_point(const model *a, const double *xa, const model *b, double *xb)
{
    int n = glp_get_num_cols(b->lp);
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
    derive_columns(b, xb);
    for (int r = 0; r < a->nr; r++)
        for (int t = 1; t <= b->H; t++)
            xb[col_N(b, r, t)] = xa[col_N(a, r, t <= a->H ? t : a->H)];
}

/* One staffing solve into the caller's model m (freed by the caller); seed,
   when given, is a solved model whose point xs starts the search. */
static op_status staff_core(const op_plan *p, const op_solver_opts *oo, const op_staff_opts *so,
                            const model *seed, const double *xs, double deadline, model *m_out,
                            double **inc_out, op_staff_result *res, op_diag *d)
{
    model m;
    memset(&m, 0, sizeof m);
    m.p = p;
    m.o = oo;
    m.staff = so;
    m.ni = op_plan_item_count(p);
    m.nr = op_plan_role_count(p);
    m.ng = op_plan_gate_count(p);
    double *inc = NULL;
    op_status st = OP_OK;
    const op_solver_opts *o = oo;
    *inc_out = NULL;
    if (model_alloc(&m))
        goto nomem;
    int H = so->finish_by;
    if (!H) {
        H = op_plan_max_deadline(p);
        for (int i = 0; i < m.ni; i++)
            if (op_plan_item(p, i)->due_week > H)
                H = op_plan_item(p, i)->due_week;
    }
    if (H < 1) {
        op_diag_error(d, OP_EDATA, NULL, "staff needs gate deadlines, due weeks or --finish-by");
        st = OP_EDATA;
        goto done;
    }
    m.H = H;
    res->horizon = H;
    res->nroles = m.nr;
    m.hpw = calloc((size_t)m.nr + 1, sizeof *m.hpw);
    m.ubh = calloc((size_t)m.nr + 1, sizeof *m.ubh);
    m.lbh = calloc((size_t)m.nr + 1, sizeof *m.lbh);
    m.cN = calloc((size_t)m.nr + 1, sizeof *m.cN);
    res->headcount = calloc((size_t)m.nr * (size_t)H + 1, sizeof *res->headcount);
    res->hours_per_person = calloc((size_t)m.nr + 1, sizeof *res->hours_per_person);
    if (!m.hpw || !m.ubh || !m.lbh || !m.cN || !res->headcount || !res->hours_per_person)
        goto nomem;
    for (int r = 0; r < m.nr; r++) {
        double h = 0, e = 0, cur = 0;
        for (int t = 1; t <= OP_MAX_WEEK; t++)
            if (op_plan_person_hours(p, r, t) > h)
                h = op_plan_person_hours(p, r, t);
        m.hpw[r] = h > 0 ? h : 40;
        res->hours_per_person[r] = m.hpw[r];
        for (int i = 0; i < m.ni; i++)
            e += role_energy(&m, i, r);
        for (int t = 1; t <= H; t++) {
            double c = op_plan_capacity(p, r, t) / m.hpw[r];
            if (c > cur)
                cur = c;
        }
        /* more people than can do all the role's work in one week never help */
        m.ubh[r] = (int)ceil(e / m.hpw[r] - 1e-9);
        m.lbh[r] = so->keep_team ? (int)ceil(cur - 1e-9) : 0;
        if (m.lbh[r] > m.ubh[r])
            m.ubh[r] = m.lbh[r]; /* the team kept may be larger than the work needs */
        if (so->max_headcount && so->max_headcount[r] >= 0 && so->max_headcount[r] < m.ubh[r])
            m.ubh[r] = so->max_headcount[r];
        /* the role's hours must fit in its people's weeks */
        int need = (int)ceil(e / (m.hpw[r] * H) - 1e-9);
        if (need > m.ubh[r]) {
            res->status = OP_SOLVE_INFEASIBLE;
            snprintf(res->reason, sizeof res->reason,
                     "%s needs at least %d people for its %g h within %d weeks, the cap is %d",
                     op_plan_role(p, r)->name, need, e, H, m.ubh[r]);
            goto done;
        }
        if (!so->phased && need > m.lbh[r])
            m.lbh[r] = need;
        if (m.lbh[r] > m.ubh[r]) {
            res->status = OP_SOLVE_INFEASIBLE;
            snprintf(res->reason, sizeof res->reason,
                     "--keep-team keeps %d %s people, the cap is %d", m.lbh[r],
                     op_plan_role(p, r)->name, m.ubh[r]);
            goto done;
        }
    }
    for (int i = 0; i < m.ni; i++)
        m.fixed_s[i] = 1;
    if (compute_windows(&m))
        goto nomem;
    for (int i = 0; i < m.ni; i++)
        if (!m.ef[i] && !op_plan_item(p, i)->done) {
            const op_item *it = op_plan_item(p, i);
            res->status = OP_SOLVE_INFEASIBLE;
            snprintf(res->reason, sizeof res->reason,
                     "%s cannot be done by week %d even with %d %s people", it->id,
                     it->due_week && it->due_week < H ? it->due_week : H, m.ubh[it->role.index],
                     op_plan_role(p, it->role.index)->name);
            goto done;
        }
    for (int g = 0; g < m.ng; g++)
        if (m.gl[g] > op_plan_gate(p, g)->deadline_week) {
            res->status = OP_SOLVE_INFEASIBLE;
            snprintf(res->reason, sizeof res->reason,
                     "gate %s cannot pass by week %d with any team within the caps (earliest "
                     "week %d)",
                     op_plan_gate(p, g)->id, op_plan_gate(p, g)->deadline_week, m.gl[g]);
            goto done;
        }
    glp_term_out(o->verbose ? GLP_ON : GLP_OFF);
    m.lp = glp_create_prob();
    if (build(&m))
        goto nomem;
    if (so->phased) {
        /* person-weeks of a role cover its hours: sum_t N[r,t] >= ceil(E / hpw) */
        int *ind = malloc(((size_t)H + 1) * sizeof *ind);
        double *val = malloc(((size_t)H + 1) * sizeof *val);
        if (!ind || !val) {
            free(ind);
            free(val);
            goto nomem;
        }
        for (int r = 0; r < m.nr; r++) {
            double e = 0;
            for (int i = 0; i < m.ni; i++)
                e += role_energy(&m, i, r);
            if (e <= 0)
                continue;
            for (int t = 1; t <= H; t++) {
                ind[t] = col_N(&m, r, t);
                val[t] = 1;
            }
            int row = glp_add_rows(m.lp, 1);
            glp_set_mat_row(m.lp, row, H, ind, val);
            glp_set_row_bnds(m.lp, row, GLP_LO, ceil(e / m.hpw[r] - 1e-9), 0);
        }
        free(ind);
        free(val);
    }
    int n = glp_get_num_cols(m.lp);
    inc = calloc((size_t)n + 1, sizeof *inc);
    if (!inc)
        goto nomem;
    int have_inc = 0;
    double obj = 0;
    if (seed) {
        char why[160];
        map_point(seed, xs, &m, inc);
        have_inc = point_feasible(m.lp, inc, why, sizeof why);
    }
    op_stage_result sr;
    memset(&sr, 0, sizeof sr);
    if (run_stage(&m, OP_STAGE_COST, inc, &have_inc, &obj, deadline, &sr, d)) {
        st = op_diag_count(d) ? op_diag_status(d) : OP_ENOMEM;
        goto done;
    }
    if (!have_inc) {
        res->status = sr.status == OP_SOLVE_INFEASIBLE ? OP_SOLVE_INFEASIBLE : OP_SOLVE_NO_PLAN;
        snprintf(res->reason, sizeof res->reason, "%s",
                 sr.status == OP_SOLVE_INFEASIBLE
                     ? "no team within the caps meets every gate deadline"
                     : "no team meeting every gate deadline was found within the time limit");
        goto done;
    }
    res->status = sr.status;
    res->cost = obj;
    res->bound = sr.bound;
    res->gap = sr.gap;
    for (int r = 0; r < m.nr; r++)
        for (int t = 1; t <= H; t++)
            res->headcount[(size_t)r * (size_t)H + (size_t)(t - 1)] = round(inc[col_N(&m, r, t)]);
    goto done;
nomem:
    op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    st = OP_ENOMEM;
done:
    *m_out = m;
    *inc_out = inc;
    return st;
}

op_status op_staff(const op_plan *p, const op_solver_opts *o, const op_staff_opts *so,
                   op_staff_result **out, op_diag *d)
{
    *out = NULL;
    double deadline = op_solver_now() + (o->time_limit > 0 ? o->time_limit : 0);
    op_solver_opts oo = *o;
    oo.strict_gates = 1;
    op_staff_result *res = calloc(1, sizeof *res);
    if (!res) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    model m0, m1;
    double *x0 = NULL, *x1 = NULL;
    memset(&m0, 0, sizeof m0);
    memset(&m1, 0, sizeof m1);
    op_status st;
    if (so->phased) {
        /* the cheapest constant team is a phased team with no change: it
           starts the phased search */
        op_staff_opts c = *so;
        c.phased = 0;
        st = staff_core(p, &oo, &c, NULL, NULL, deadline, &m0, &x0, res, d);
        int seeded = st == OP_OK && res->status != OP_SOLVE_INFEASIBLE &&
                     res->status != OP_SOLVE_INTERRUPTED && res->status != OP_SOLVE_NO_PLAN &&
                     m0.lp;
        free(res->headcount);
        free(res->hours_per_person);
        memset(res, 0, sizeof *res);
        if (st == OP_OK)
            st = staff_core(p, &oo, so, seeded ? &m0 : NULL, x0, deadline, &m1, &x1, res, d);
    } else {
        st = staff_core(p, &oo, so, NULL, NULL, deadline, &m1, &x1, res, d);
    }
    free(x0);
    free(x1);
    model_free(&m0);
    model_free(&m1);
    if (st != OP_OK) {
        op_staff_result_free(res);
        return st;
    }
    *out = res;
    return OP_OK;
}
