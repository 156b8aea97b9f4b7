/* teams.c - the shape of a block team: people added per role in one run of weeks, few changes, shortest stays */
#include <math.h>
#include <stdlib.h>

#include "internal.h"

/* The block model (op_staff_opts.model OP_STAFF_BLOCK). N[r,t] is role r's
   headcount in week t; F[r,t] the team kept (--keep-team: the current
   team, week by week; else 0); A[r,t] = N[r,t] - F[r,t] the people added.
   The added people of a role are one block: A > 0 exactly in one run of
   weeks a..b, of at least min_weeks weeks (anyone added stays that long),
   with at most max_changes changes of A inside it. Cost counts N's weeks
   only, so a role is paid for its block (and the team kept).

   With max_changes 0 each block is a pattern (n people, weeks a..b), one
   binary each: N[r,t] - sum of n over the patterns covering t = F[r,t],
   at most one pattern per role. Its LP relaxation is far tighter than
   linking A to "on" binaries with big-M rows (the shipped plan: the
   pattern model is proven in about a second, the big-M one found nothing
   better than the constant team in 60 s). With max_changes K > 0 the
   big-M rows are used, seeded with the pattern model's answer. */

/* The team kept of role r in week t. */
static double kept(const ilp *m, int r, int t)
{
    return m->staff->keep_team ? ceil(op_plan_capacity(m->p, r, t) / m->hpw[r] - 1e-9) : 0;
}

int ilp_team_min_weeks(const ilp *m)
{
    int w = m->staff->min_weeks < 1 ? 1 : m->staff->min_weeks;
    return w > m->H ? m->H : w;
}

/* A row being built: terms (1-based) and a constant moved to the bounds. */
typedef struct rowb {
    int n;
    int ind[8];
    double val[8], cst;
} rowb;

static void term(rowb *b, int col, double v)
{
    if (col) {
        b->ind[++b->n] = col;
        b->val[b->n] = v;
    }
}
/* v * A[r,t] = v * N[r,t] - v * F[r,t] */
static void term_a(rowb *b, const ilp *m, int r, int t, double v)
{
    term(b, col_N(m, r, t), v);
    b->cst -= v * kept(m, r, t);
}
static int add(ilp *m, const rowb *b, double lo, double hi)
{
    return mip_add_row_coefs(m->mip, lo - b->cst, hi - b->cst, b->n, b->ind, b->val) < 0 ? -1 : 0;
}

/* ---- patterns (max_changes 0) ------------------------------------------ */

/* The weeks an item of role r may have work: blocks beyond them only cost
   (unless at their shortest, which may have to reach past them). */
static void role_weeks(const ilp *m, int r, int *lo, int *hi)
{
    *lo = m->H + 1, *hi = 0;
    for (int i = 0; i < m->ni; i++)
        if (m->ef[i] && ilp_role_energy(m, i, r) > 0) {
            *lo = m->es[i] < *lo ? m->es[i] : *lo;
            *hi = m->lf[i] > *hi ? m->lf[i] : *hi;
        }
}

/* Calls fn for every pattern of role r in a fixed order, k from 0; returns
   their number. */
typedef void pattern_fn(void *ctx, int k, int n, int a, int b);
static int each_pattern(const ilp *m, int r, pattern_fn *fn, void *ctx)
{
    int lo, hi, W = ilp_team_min_weeks(m), k = 0;
    role_weeks(m, r, &lo, &hi);
    for (int n = 1; n <= m->ubh[r]; n++)
        for (int a = 1; a <= m->H; a++)
            for (int b = a + W - 1; b <= m->H; b++)
                if (b - a + 1 == W || (a >= lo && b <= hi)) {
                    if (fn)
                        fn(ctx, k, n, a, b);
                    k++;
                }
    return k;
}

/* One row over role r's patterns: week t's (t > 0), or "at most one" (t = 0). */
typedef struct prow {
    const ilp *m;
    int r, t, len;
    int *ind;
    double *val;
} prow;

static void pattern_term(void *ctx, int k, int n, int a, int b)
{
    prow *w = ctx;
    if (w->t == 0 || (a <= w->t && w->t <= b)) {
        w->ind[++w->len] = w->m->cB[w->r] + k;
        w->val[w->len] = w->t == 0 ? 1 : -n;
    }
}

static int pattern_rows(ilp *m, int r)
{
    int np = each_pattern(m, r, NULL, NULL);
    if (np == 0)
        return 0; /* no block fits: nobody added */
    m->cB[r] = mip_add_cols(m->mip, np, MIP_BINARY, 0, 1);
    prow w = {.m = m, .r = r, .ind = malloc(((size_t)np + 2) * sizeof(int)),
              .val = malloc(((size_t)np + 2) * sizeof(double))};
    int rc = w.ind && w.val ? 0 : -1;
    for (w.t = 0; rc == 0 && w.t <= m->H; w.t++) {
        w.len = 0;
        if (w.t > 0) {
            w.ind[++w.len] = col_N(m, r, w.t);
            w.val[w.len] = 1;
        }
        each_pattern(m, r, pattern_term, &w);
        double f = w.t > 0 ? kept(m, r, w.t) : 0;
        rc = mip_add_row_coefs(m->mip, w.t ? f : -INFINITY, w.t ? f : 1, w.len, w.ind, w.val) < 0;
    }
    free(w.ind);
    free(w.val);
    return rc ? -1 : 0;
}

/* The pattern (n, a, b) of a point, when it has one. */
typedef struct match_ctx {
    int n, a, b, found;
} match_ctx;

static void match(void *ctx, int k, int n, int a, int b)
{
    match_ctx *s = ctx;
    if (n == s->n && a == s->a && b == s->b)
        s->found = k + 1;
}

/* A seed's block for role r, trimmed to its work: from the first to the
   last week whose hours (load, ilp_role_load's) need people beyond the
   team kept, with the most any of them needs, stretched to min_weeks.
   Sets N and the pattern's binary. */
static void pattern_seed(const ilp *m, double *x, int r, const double *load)
{
    int np = each_pattern(m, r, NULL, NULL), W = ilp_team_min_weeks(m);
    match_ctx s = {0};
    for (int t = 1; t <= m->H; t++) {
        double h = load[(size_t)r * (size_t)(m->H + 1) + (size_t)t];
        int extra = (int)ceil(h / m->hpw[r] - 1e-6) - (int)kept(m, r, t);
        if (extra > 0) {
            s.a = s.a ? s.a : t;
            s.b = t;
            s.n = extra > s.n ? extra : s.n;
        }
    }
    if (s.a && s.b - s.a + 1 < W)
        s.b = s.a + W - 1 <= m->H ? s.a + W - 1 : m->H;
    if (s.a && s.b - s.a + 1 < W)
        s.a = s.b - W + 1;
    for (int t = 1; t <= m->H; t++)
        x[col_N(m, r, t)] = kept(m, r, t) + (s.a && t >= s.a && t <= s.b ? s.n : 0);
    for (int k = 0; k < np; k++)
        x[m->cB[r] + k] = 0;
    if (s.a)
        each_pattern(m, r, match, &s);
    if (s.found)
        x[m->cB[r] + s.found - 1] = 1;
}

/* ---- big-M rows (max_changes K > 0) ------------------------------------
   Per role: on[t] (A > 0), st[t] >= on[t] - on[t-1] (at most one start),
   up[t] >= A[t] - A[t-1] (people added in t), cc[t] (A changes in t while
   the block goes on), from m->cB[r] on, H columns each (cc: H - 1). */
enum { B_ON, B_START, B_UP, B_CC };

static int col_b(const ilp *m, int r, int kind, int t)
{
    return m->cB[r] + kind * m->H + (t - 1) - (kind == B_CC ? 1 : 0);
}

/* 1 <= A <= u in the block's weeks, 0 outside; one run of weeks. */
static int block_rows(ilp *m, int r, double u)
{
    int rc = 0;
    for (int t = 1; rc == 0 && t <= m->H; t++) {
        rowb a = {0}, b = {0}, s = {0};
        term_a(&a, m, r, t, 1), term(&a, col_b(m, r, B_ON, t), -u);
        term_a(&b, m, r, t, 1), term(&b, col_b(m, r, B_ON, t), -1);
        term(&s, col_b(m, r, B_START, t), 1), term(&s, col_b(m, r, B_ON, t), -1);
        if (t > 1)
            term(&s, col_b(m, r, B_ON, t - 1), 1);
        rc = add(m, &a, -INFINITY, 0) || add(m, &b, 0, INFINITY) || add(m, &s, 0, INFINITY);
    }
    int *ind = malloc(((size_t)m->H + 1) * sizeof *ind);
    double *val = malloc(((size_t)m->H + 1) * sizeof *val);
    for (int t = 1; ind && val && t <= m->H; t++)
        ind[t] = col_b(m, r, B_START, t), val[t] = 1;
    rc = rc || !ind || !val ? -1 : mip_add_row_coefs(m->mip, -INFINITY, 1, m->H, ind, val) < 0;
    free(ind);
    free(val);
    return rc ? -1 : 0;
}

/* |A[t] - A[t-1]| <= u cc[t] while both weeks are in the block (its own
   start and end are free); at most K changes. */
static int change_rows(ilp *m, int r, double u, int K)
{
    int rc = 0;
    for (int t = 2; rc == 0 && t <= m->H; t++)
        for (int sgn = -1; rc == 0 && sgn <= 1; sgn += 2) {
            rowb b = {0};
            term_a(&b, m, r, t, sgn), term_a(&b, m, r, t - 1, -sgn);
            term(&b, col_b(m, r, B_ON, sgn > 0 ? t - 1 : t), u);
            term(&b, col_b(m, r, B_CC, t), -u);
            rc = add(m, &b, -INFINITY, u);
        }
    int *ind = malloc(((size_t)m->H + 1) * sizeof *ind);
    double *val = malloc(((size_t)m->H + 1) * sizeof *val);
    for (int t = 2; ind && val && t <= m->H; t++)
        ind[t - 1] = col_b(m, r, B_CC, t), val[t - 1] = 1;
    if (rc || !ind || !val)
        rc = -1;
    else if (m->H > 1)
        rc = mip_add_row_coefs(m->mip, -INFINITY, K, m->H - 1, ind, val) < 0;
    free(ind);
    free(val);
    return rc ? -1 : 0;
}

/* Shortest stay W: whoever was added in the last W weeks is still there,
   A[t] >= sum_{s=t-W+1..t} up[s], and nobody is added in the last W - 1
   weeks, whose stay the horizon would cut short. */
static int stay_rows(ilp *m, int r)
{
    int W = ilp_team_min_weeks(m), rc = 0;
    int *ind = malloc(((size_t)W + 2) * sizeof *ind);
    double *val = malloc(((size_t)W + 2) * sizeof *val);
    if (!ind || !val)
        rc = -1;
    for (int t = 1; rc == 0 && t <= m->H; t++) {
        rowb up = {0};
        term(&up, col_b(m, r, B_UP, t), 1), term_a(&up, m, r, t, -1);
        if (t > 1)
            term_a(&up, m, r, t - 1, 1);
        if (t > m->H - W + 1)
            mip_set_bounds(m->mip, col_b(m, r, B_UP, t), 0, 0);
        int n = 0;
        ind[++n] = col_N(m, r, t), val[n] = 1;
        for (int s = t - W + 1 > 1 ? t - W + 1 : 1; s <= t; s++)
            ind[++n] = col_b(m, r, B_UP, s), val[n] = -1;
        double f = kept(m, r, t);
        rc = add(m, &up, 0, INFINITY) ||
             mip_add_row_coefs(m->mip, f, INFINITY, n, ind, val) < 0;
    }
    free(ind);
    free(val);
    return rc ? -1 : 0;
}

/* Sets the big-M columns of role r from the point's headcounts. */
static void bigm_derive(const ilp *m, double *x, int r)
{
    double prev = 0;
    for (int t = 1; t <= m->H; t++) {
        double a = round(x[col_N(m, r, t)]) - kept(m, r, t);
        int on = a > 0.5, was = t > 1 && prev > 0.5;
        x[col_b(m, r, B_ON, t)] = on;
        x[col_b(m, r, B_START, t)] = on && !was;
        x[col_b(m, r, B_UP, t)] = a > prev ? a - prev : 0;
        if (t > 1)
            x[col_b(m, r, B_CC, t)] = on && was && a != prev;
        prev = a;
    }
}

/* ---- the model's entry points ------------------------------------------ */

int ilp_team_rows(ilp *m)
{
    if (!m->staff || !m->staff->phased)
        return 0;
    m->cB = calloc((size_t)m->nr + 1, sizeof *m->cB);
    if (!m->cB)
        return -1;
    int K = m->staff->max_changes;
    for (int r = 0; r < m->nr; r++) {
        for (int t = 1; t <= m->H; t++) { /* the team kept is a floor */
            double f = kept(m, r, t), lb, ub;
            mip_get_bounds(m->mip, col_N(m, r, t), &lb, &ub);
            if (f > lb)
                mip_set_bounds(m->mip, col_N(m, r, t), f, ub > f ? ub : f);
        }
        if (m->ubh[r] <= 0)
            continue;
        if (K <= 0) {
            if (pattern_rows(m, r))
                return -1;
            continue;
        }
        m->cB[r] = mip_add_cols(m->mip, m->H, MIP_BINARY, 0, 1);
        mip_add_cols(m->mip, m->H, MIP_CONTINUOUS, 0, 1);
        mip_add_cols(m->mip, m->H, MIP_CONTINUOUS, 0, m->ubh[r]);
        if (m->H > 1)
            mip_add_cols(m->mip, m->H - 1, MIP_BINARY, 0, 1);
        if (block_rows(m, r, m->ubh[r]) || change_rows(m, r, m->ubh[r], K) || stay_rows(m, r))
            return -1;
    }
    return 0;
}

int ilp_team_derive(const ilp *m, double *x)
{
    int patterns = m->cB && m->staff->max_changes <= 0;
    double *load = patterns ? ilp_role_load(m, x) : NULL;
    if (patterns && !load)
        return -1;
    for (int r = 0; m->cB && r < m->nr; r++) {
        if (!m->cB[r])
            continue;
        if (patterns)
            pattern_seed(m, x, r, load);
        else
            bigm_derive(m, x, r);
    }
    free(load);
    return 0;
}
