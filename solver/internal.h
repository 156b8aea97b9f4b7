/* internal.h - what the solver's files share and nothing outside solver/ sees */
#ifndef OPTPLAN_SOLVER_INTERNAL_H
#define OPTPLAN_SOLVER_INTERNAL_H

#include "mip.h"
#include "solver.h"

/* ---- plans of fixed-duration items alone (rcpsp.c) --------------------
   Such a plan is a resource-constrained project scheduling problem: whole
   crews held for whole weeks, finish-to-start dependencies, a makespan.
   rcpsp.c gives it the methods that problem is known to need: a strong
   heuristic incumbent, and windows and lower bounds from propagation. */
typedef struct rc_inst rc_inst;

/* A new instance of plan p (which must outlive it) when every item is a
   fixed-duration item still to do, with no due week, and the gates do not
   constrain starts; NULL otherwise, and NULL with *nomem set on ENOMEM.
   Free with rc_free. */
rc_inst *rc_new(const op_plan *p, int *nomem);
void rc_free(rc_inst *in);

/* The shortest schedule found by a genetic search over activity lists,
   each decoded by serial schedule generation with forward-backward
   improvement: at most passes decodings, stopping at the deadline
   (op_now seconds). Deterministic for the same inputs. release
   (NULL: none) raises items' earliest starts, prio (NULL: longest chain
   first) ranks them, smaller first: windows from rc_windows steer it to a
   schedule that ends by their T. It stops early at a schedule ending by
   week target (a lower bound; 0 for none). Returns a new schedule the
   caller frees, or NULL (ENOMEM, or no list fitted within the weeks the
   team covers). */
op_schedule *rc_heuristic(const rc_inst *in, int passes, double deadline, const int *release,
                          const int *prio, int target);

/* Start windows es[i]..ls[i] (weeks) of every item when all must be done by
   week T, narrowed by dependencies, crews that cannot overlap, the capacity
   compulsory parts leave, energy over intervals, and shaving (until the
   deadline). Returns 1 when that proves no schedule finishes by T, 0
   otherwise; es and ls hold n ints. */
int rc_windows(const rc_inst *in, int T, int *es, int *ls, double deadline);
/* The same with shaving whose probes shave too: far stronger, and far
   slower (n^2 times the work); for the one T that would prove optimality. */
int rc_windows_deep(const rc_inst *in, int T, int *es, int *ls, double deadline);

/* A schedule done by week T found by diving: within the windows es0/ls0
   (from rc_windows for T), items in turn take their earliest start and
   propagation follows, a refuted start is skipped; up to tries dives with
   random tie-breaks (fixed seed), until the deadline. Returns a new
   schedule the caller frees, or NULL (none found, or ENOMEM). */
op_schedule *rc_dive(const rc_inst *in, int T, const int *es0, const int *ls0, int tries,
                     double deadline);

/* A lower bound on the last week, at least lo and at most hi (a week some
   schedule is done by): the first T in [lo, hi] rc_windows cannot rule out,
   searched for until the deadline. */
int rc_lower_bound(const rc_inst *in, int lo, int hi, double deadline);

/* The instance the rcpsp*.c files share (built by rc_new in rcpsp.c). */
struct rc_inst {
    const op_plan *p;
    int n, nr, L;      /* items, roles, weeks 1..L in the tables */
    int stride;        /* L + 2: row length of the per-role tables */
    int *dur, *rel;    /* duration; earliest start week */
    int *tail;         /* weeks from the item's start to the end of its longest chain */
    double *cnt;       /* cnt[j * nr + r]: people of role r in item j's crew */
    double *cap;       /* cap[r * stride + t]: hours of role r in week t */
    double *ph;        /* ph[r * stride + t]: hours one person of role r works in week t */
    double *capc, *phc; /* prefix sums of cap and ph over weeks 0..t */
    int *pstart, *pidx; /* predecessors of j: pidx[pstart[j] .. pstart[j + 1] - 1] */
    int *sstart, *sidx; /* successors, the same way */
    const int *topo;    /* items, dependencies first */
    char *clash;        /* clash[i * n + j]: the two crews never fit together */
    int *rstart, *rjobs; /* items whose crew has role r: rjobs[rstart[r] .. rstart[r + 1] - 1] */
    double *rwork;      /* people x weeks of role r over all items */
    double *phmin;      /* fewest hours a person of role r works in any week */
    int ncliques;       /* sets of three or more items whose crews pairwise clash */
    int *qstart, *qidx; /* clique c: qidx[qstart[c] .. qstart[c + 1] - 1] */
};

/* Hours item j's crew holds of role r in week t. */
static inline double rc_dem(const rc_inst *in, int j, int r, int t)
{
    return in->cnt[(size_t)j * (size_t)in->nr + (size_t)r] *
           in->ph[(size_t)r * (size_t)in->stride + (size_t)t];
}

/* Items ordered by key (sign 1: smallest first, -1: largest), ties by
   index; buf holds n long longs of scratch. */
void rc_order_by(const rc_inst *in, const int *key, int sign, long long *buf, int *ord);
/* 31 random bits from the shared generator. */
unsigned long long rc_rand(op_rng *r);
/* Sorts v[0..n) and drops repeats; returns the new length. */
int rc_sort_unique(int *v, int n);

/* ---- the time-indexed ILP ----------------------------------------------
 * Variables (weeks t = 1..H; every index below is a MIP column, 1-based):
 *   x[i,t] >= 0  hours of item i in week t, t in [es_i, lf_i]
 *   a[i,t] in B  item i started by week t, t in [es_i, lf_i]
 *   z[i,t] in B  item i done by the end of week t, t in [ef_i, lf_i - 1];
 *                z[i,t] for t >= lf_i is s[i], for t < ef_i it is 0
 *   s[i]   in B  item i is scheduled at all
 *   y[i,s] in B  fixed-duration item i starts in week s, s in [es_i, ls_i]
 *   Y[i,t] >= 0  long windows: hours of item i given by week t
 *   g[g,t] in B  gate g passed by the end of week t, t in [gl_g, H]
 *   M      >= 0  the week the last item is done
 *   N[r(,t)]     staffing: headcount of role r (per week when phased)
 *   u[i,t] >= 0  re-planning: hours of the previous plan moved away
 *   w[k,t] in B  same-week hand-off link k = (j -> i): j is done in week t and
 *                i may start in t, t in [max(es_i, ef_j), min(lf_i, lf_j)]
 *   L[i,t] >= 0  hours of the same-week chain ending with i in week t (only
 *                where i has links in and out that week; elsewhere L = x)
 *   P[i,t] >= 0  focus: effort item i paused in week t, es_i < t < lf_i, where
 *                it may get hours: P >= a[i,t] - z[i,t-1] - x[i,t] / h (in its
 *                span, yet less than h = ilp_pause_step hours); only when stage
 *                focus runs or --focus hard (then P is fixed at 0)
 * es/ef/lf/gl are bounds derived from windows, dependencies and capacity; they
 * only remove values no feasible schedule can take. The col_* functions
 * below are the only code that knows this layout.
 */
typedef struct ilp {
    const op_plan *p;
    const op_solver_opts *o;
    op_mip *mip;
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
    int lp_written;     /* stage models written so far */
    /* staffing (op_staff): headcount is a decision; NULL staff = the plan's team */
    const op_staff_opts *staff;
    double *hpw;        /* hours per person of each role */
    int *ubh, *lbh;     /* headcount bounds of each role */
    int *cN;            /* first column of N[r] (one, or H when phased) */
    int *cB;            /* block and min-weeks staffing: first of role r's columns
                           on[r,1..H], s[r,1..H], up[r,1..H], cc[r,2..H] (staffing.c);
                           0 when the role has none */
    int *cu;            /* re-planning: cu[i * (H + 1) + t] = column of u[i,t], hours of
                           the previous plan moved away from week t; 0 none */
    struct ilp_link *lk; /* same-week hand-off links, by dependent item then dependency */
    int nlk;
    int *lk_first;      /* links of dependent i: lk[lk_first[i] .. lk_first[i + 1] - 1] */
    int *cL;            /* cL[i * (H + 1) + t] = column of L[i,t]; 0: L is x[i,t] */
    int *cP;            /* cP[i * (H + 1) + t] = column of P[i,t]; NULL or 0: none */
    const rc_inst *rc;  /* fixed-duration items alone: propagation windows; else NULL */
    double deadline;    /* op_now() seconds when the whole solve must end */
} ilp;

/* A same-week hand-off link: dependency j, dependent i, w columns for weeks
   t0..t1 from cw on. */
typedef struct ilp_link {
    int j, i, t0, t1, cw;
} ilp_link;

/* w[k,t]: a column, or 0 outside the link's weeks. */
static inline int col_w(const ilp *m, int k, int t)
{
    return t >= m->lk[k].t0 && t <= m->lk[k].t1 ? m->lk[k].cw + (t - m->lk[k].t0) : 0;
}
/* The link j -> i, -1 for none. */
static inline int ilp_link_of(const ilp *m, int j, int i)
{
    for (int k = m->lk && m->lk_first ? m->lk_first[i] : 0; m->lk && k < m->lk_first[i + 1]; k++)
        if (m->lk[k].j == j)
            return k;
    return -1;
}
/* L[i,t]: its column, or 0 when the chain hours are x[i,t]. */
static inline int col_L(const ilp *m, int i, int t)
{
    return m->cL ? m->cL[(size_t)i * (size_t)(m->H + 1) + (size_t)t] : 0;
}

/* P[i,t]: its column, or 0 where no pause is measured. */
static inline int col_P(const ilp *m, int i, int t)
{
    return m->cP ? m->cP[(size_t)i * (size_t)(m->H + 1) + (size_t)t] : 0;
}

/* Windows longer than this get cumulative-hours columns, so "done by t"
   rows stay sparse (otherwise each sums every earlier week). Measured: on
   short windows they slow the search (phased staffing of erlmcp-v3: 11.8 s
   without, no proof in 60 s with); on 52-week plans they halve the model. */
#define CUMULATIVE_FROM 26

/* Column of N[r] in week t. */
static inline int col_N(const ilp *m, int r, int t)
{
    return m->staff->phased ? m->cN[r] + (t - 1) : m->cN[r];
}
/* x[i,t]: a column, or 0 outside the item's window. */
static inline int col_x(const ilp *m, int i, int t)
{
    return m->cx[i] && m->ef[i] && t >= m->es[i] && t <= m->lf[i] ? m->cx[i] + (t - m->es[i]) : 0;
}
/* Y[i,t]: cumulative hours of item i by week t (long windows only); 0 none. */
static inline int col_Y(const ilp *m, int i, int t)
{
    return m->cY[i] && t >= m->es[i] && t < m->lf[i] ? m->cY[i] + (t - m->es[i]) : 0;
}
/* y[i,s]: fixed-duration item i starts in week s; 0 when it cannot. */
static inline int col_y(const ilp *m, int i, int st)
{
    return m->cy[i] && st >= m->es[i] && st <= m->ls[i] ? m->cy[i] + (st - m->es[i]) : 0;
}
/* a[i,t]: a column, or 0 outside the item's window. */
static inline int col_a(const ilp *m, int i, int t)
{
    return m->ef[i] && t >= m->es[i] && t <= m->lf[i] ? m->ca[i] + (t - m->es[i]) : 0;
}
/* z[i,t]: a column, or 0 for the constant 0; weeks past lf_i give s[i]. */
static inline int col_z(const ilp *m, int i, int t)
{
    if (!m->ef[i] || t < m->ef[i])
        return 0;
    if (t >= m->lf[i])
        return m->cs[i];
    return m->cz[i] + (t - m->ef[i]);
}
/* g[g,t]: a column, or 0 for the constant 0 (before gl or never). */
static inline int col_g(const ilp *m, int g, int t)
{
    if (t < m->gl[g] || m->gl[g] > m->H)
        return 0;
    if (t > m->H)
        t = m->H;
    return m->cg[g] + (t - m->gl[g]);
}

/* Allocates the per-item and per-gate arrays of m (ni, ng set); -1 on ENOMEM.
   ilp_free frees them and the MIP, not m itself. */
int ilp_alloc(ilp *m);
void ilp_free(ilp *m);
/* The lower bound of column col (the last week M's, mostly). */
double ilp_col_lb(const ilp *m, int col);

/* windows.c: capacity as the model sees it, and the windows */
double ilp_cap(const ilp *m, int r, int t);
double ilp_item_cap(const ilp *m, int i, int t);
int ilp_crew_fits(const ilp *m, int i, int st);
double ilp_role_energy(const ilp *m, int i, int r);
int ilp_energy_week(const ilp *m, int r, double hours);
int ilp_is_exit_item(const op_plan *p, int g, int i);
/* The last week item i may run: its due week when due weeks are strict and
   it falls within the horizon, else the horizon's last week (a due week
   missed is then lateness, not a bound). */
int ilp_latest_week(const ilp *m, int i);
/* The week by which strict gate g must pass within the horizon: its
   deadline, the horizon's last week when the deadline is later but the team
   ends by then, 0 when the deadline lies beyond a horizon the team outlasts. */
int ilp_strict_week(const ilp *m, int g);
/* 1 when item i may start in the week its dependency j is done (both effort
   items, same-week hand-offs on); 0 when it starts the week after. */
int ilp_same_week(const ilp *m, int j, int i);
/* Weeks from the week dependency j is done to the first week i may start:
   i's lag_weeks when given, else 0 with a same-week hand-off, 1 without. */
int ilp_dep_gap(const ilp *m, int j, int i);
/* The hours a same-week chain j -> i may have in week t: the smaller
   person-week of the two roles. */
double ilp_link_hours(const ilp *m, int j, int i, int t);
/* The hours below which effort item i counts as paused in week t (P[i,t]):
   the hour step (1 h when there is none), at most its effort and its
   capacity that week, so that any week with hours can reach it. */
double ilp_pause_step(const ilp *m, int i, int t);
/* Item windows and gate lower bounds; -1 on ENOMEM. */
int ilp_windows(ilp *m);
int ilp_rc_windows(ilp *m, const rc_inst *rc, int T);

/* horizon.c: a week by which some optimal plan is done (see the proof
   there): *weeks, at most the team's last week. lateness_bound is the start
   schedule's total lateness, used when placed_all (it placed every item).
   -1 on ENOMEM. */
int ilp_safe_horizon(const op_plan *p, int lateness_bound, int placed_all, int *weeks);

/* teams.c: the block model's columns and rows (none for a constant team),
   and the team kept as each week's floor; -1 on ENOMEM. ilp_team_derive
   sets their columns in x: with one headcount per block, each role's block
   is trimmed to the hours x books (which sets the headcounts too); with
   changes, from x's headcounts. -1 on ENOMEM. */
int ilp_team_rows(ilp *m);
/* The shortest stay the model holds anyone added to: min_weeks, at least 1,
   at most the horizon. */
int ilp_team_min_weeks(const ilp *m);
int ilp_team_derive(const ilp *m, double *x);

/* formulation.c: creates m->mip with every column and row; -1 on ENOMEM. */
int ilp_build(ilp *m);

/* objective.c */
int ilp_objective_integral(op_stage st, const double *c, int n);
void ilp_objective(const ilp *m, op_stage st, double *c, int n);
double ilp_objective_at(const double *c, const double *x, int n);

/* points.c */
void ilp_derive_columns(const ilp *m, double *x);
void ilp_point_of_schedule(const ilp *m, const op_schedule *s, const op_eval *e, double *x);
int ilp_point_feasible(op_mip *mip, const double *x, char *why, size_t n);
void ilp_polish(const ilp *m, double *x);
/* Hours the point x books of each role and week, load[r * (H + 1) + t]
   (effort items and crews); a new array the caller frees, NULL on ENOMEM. */
double *ilp_role_load(const ilp *m, const double *x);
op_schedule *ilp_schedule_of_point(const ilp *m, const double *x);
void ilp_map_point(const ilp *a, const double *xa, const ilp *b, double *xb);

/* bounds.c: column bounds changed for one search, to be put back afterwards */
typedef struct ilp_undo {
    int n, cap;
    int *col;
    double *lb, *ub;
} ilp_undo;
void ilp_undo_bounds(ilp *m, ilp_undo *u);
void ilp_hold_class_counts(ilp *m, const double *inc);
void ilp_bound_last_week(ilp *m);
void ilp_tighten_to(ilp *m, int T, ilp_undo *u);
void ilp_rc_fix(ilp *m, const int *es, const int *ls, ilp_undo *u);
int ilp_rc_tighten(ilp *m, int T, ilp_undo *u);

/* incumbent.c */
void ilp_lp_order_incumbent(ilp *m, const double *c, double *inc, double *inc_obj);
int ilp_rc_improve(ilp *m, const double *c, const int *es, const int *ls, int T, double *inc,
               double *inc_obj, double until);

/* stage.c */
int ilp_run_stage(ilp *m, op_stage st, double *inc, int *have_inc, double *inc_obj, double deadline,
              op_stage_result *res, op_diag *d);

/* Reports the backend's fatal failure (out of memory, or a bug) to d;
   returns -1 for the caller to pass up. */
int ilp_backend_failed(const ilp *m, op_diag *d);

/* defer.c */
char *ilp_defer_reason(const ilp *m, int i, const op_schedule *s, const op_eval *e);

#endif
