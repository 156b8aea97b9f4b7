/* mip_glpk.c - the MIP backend on GLPK: the only file that includes glpk.h */
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mip.h"
#include "../model/model.h"

/*
 * Interrupts and fatal errors. GLPK checks its time limit inside the
 * simplex method but knows nothing of an interrupt flag, and its
 * branch-and-bound callback is not called while an LP is solved (a SIGINT
 * waited 17.7 s for one LP of the 200-item bench plan). And a fatal error in
 * GLPK (out of memory above all) aborts the process. GLPK's one way out of a
 * running routine is the one its manual gives for fatal errors: a longjmp
 * out of a hook, then glp_free_env, which frees every GLPK object. So each
 * GLPK routine that allocates or runs long goes through guarded(): GLPK's
 * output is on (during a solve every few iterations, a count, so output
 * never changes the path), a terminal hook swallows it unless verbose and,
 * once the interrupt flag is set, jumps out; an error hook jumps out of a
 * fatal error. Then the environment is torn down and every op_mip made
 * before is "gone": it still answers its sizes, reads every column as free,
 * accepts no point and solves nothing. The caller keeps its incumbent.
 */
static unsigned env_generation; /* bumped by each teardown */

struct op_mip {
    glp_prob *lp;
    unsigned generation; /* env_generation at creation: differs once gone */
    int *ia, *ja;        /* coefficients not yet loaded, 1-based as glp_load_matrix wants */
    double *ar;
    int nz, cap;
    int loaded;          /* the matrix went to GLPK: later rows come whole */
    int ncols, nrows, nnz; /* as last seen: what a gone problem answers */
    char error[200];       /* GLPK's message when it failed fatally (MIP_ERROR) */
    int verbose;           /* GLPK may print */
};

/* Whether GLPK's environment was torn down since m was made. */
static int gone(const op_mip *m) { return m->generation != env_generation; }

/* The deadline passed or an interrupt came. */
static int must_stop(const mip_limits *l)
{
    return (l->interrupt && *l->interrupt) || op_now() > l->deadline;
}

/* Milliseconds left before the deadline, at least 1 (GLPK's tm_lim). */
static int ms_left(const mip_limits *l)
{
    double left = (l->deadline - op_now()) * 1000;
    return left < 1 ? 1 : left > INT_MAX / 2 ? INT_MAX / 2 : (int)left;
}

/* The GLPK routines that allocate or run long, called through guarded(). */
typedef enum {
    CALL_CREATE, CALL_ADD_COLS, CALL_ADD_ROWS, CALL_LOAD, CALL_SET_ROW, CALL_DEL_ROWS,
    CALL_WRITE, CALL_SIMPLEX, CALL_INTOPT
} call_kind;

typedef struct call {
    call_kind kind;
    int n;               /* columns or rows to add or delete; a row to set */
    int len;             /* CALL_SET_ROW */
    const int *ind;      /* CALL_SET_ROW, CALL_DEL_ROWS */
    const double *val;   /* CALL_SET_ROW */
    const char *path;    /* CALL_WRITE */
    const glp_smcp *sp;  /* CALL_SIMPLEX */
    const glp_iocp *ip;  /* CALL_INTOPT */
    int result;          /* what the routine returned */
} call;

static void run_call(op_mip *m, call *c)
{
    switch (c->kind) {
    case CALL_CREATE:
        m->lp = glp_create_prob();
        glp_set_obj_dir(m->lp, GLP_MIN);
        break;
    case CALL_ADD_COLS:
        c->result = glp_add_cols(m->lp, c->n);
        break;
    case CALL_ADD_ROWS:
        c->result = glp_add_rows(m->lp, c->n);
        break;
    case CALL_LOAD:
        glp_load_matrix(m->lp, m->nz, m->ia, m->ja, m->ar);
        break;
    case CALL_SET_ROW:
        glp_set_mat_row(m->lp, c->n, c->len, c->ind, c->val);
        break;
    case CALL_DEL_ROWS:
        glp_del_rows(m->lp, c->n, c->ind);
        break;
    case CALL_WRITE:
        c->result = glp_write_lp(m->lp, NULL, c->path);
        break;
    case CALL_SIMPLEX:
        c->result = glp_simplex(m->lp, c->sp);
        break;
    case CALL_INTOPT:
        c->result = glp_intopt(m->lp, c->ip);
        break;
    }
}

/* A guarded GLPK call: its terminal hook and error hook, and where they jump to. */
typedef struct guard {
    jmp_buf out;
    const mip_limits *l; /* solves: the interrupt flag to watch; NULL otherwise */
    op_mip *m;           /* its error[] keeps the last line GLPK printed */
    int term_out;        /* GLPK's terminal output before the call */
} guard;

static int term_hook(void *info, const char *s)
{
    guard *g = info;
    /* GLPK reports a fatal error as its message, then where it was detected */
    if (strncmp(s, "Error detected in file", 22) != 0)
        snprintf(g->m->error, sizeof g->m->error, "%.*s", (int)strcspn(s, "\n"), s);
    if (g->l && g->l->interrupt && *g->l->interrupt)
        longjmp(g->out, 1);
    return !g->m->verbose; /* non-zero: print nothing */
}

/* GLPK's fatal errors (out of memory above all) would abort the process:
   jump out instead, as its manual allows. */
static void error_hook(void *info)
{
    guard *g = info;
    longjmp(g->out, 2);
}

/* After a jump: GLPK's manual says the environment must be freed. Every
   op_mip is gone from here on. */
static void teardown(int verbose)
{
    glp_free_env();
    env_generation++;
    glp_term_out(verbose ? GLP_ON : GLP_OFF);
}

/* Runs c on m with GLPK's output on (into the hook, printed only when
   verbose) and its fatal errors caught. Returns 0; or, with GLPK torn down,
   MIP_STOPPED when the interrupt flag of l (may be NULL) stopped it and
   MIP_ERROR (GLPK's message in m->error) when GLPK failed. Alone in its
   function so that no caller variable lives across the setjmp. */
static int guarded(op_mip *m, call *c, const mip_limits *l)
{
    guard g = {.l = l, .m = m};
    glp_term_hook(term_hook, &g);
    glp_error_hook(error_hook, &g);
    g.term_out = glp_term_out(GLP_ON);
    int jumped = setjmp(g.out);
    if (jumped) {
        teardown(m->verbose);
        return jumped == 2 ? MIP_ERROR : MIP_STOPPED;
    }
    run_call(m, c);
    glp_term_hook(NULL, NULL);
    glp_error_hook(NULL, NULL);
    glp_term_out(g.term_out);
    m->error[0] = 0; /* what GLPK printed was no error */
    return 0;
}

const char *mip_error(const op_mip *m) { return m->error; }

/* Simplex progress output, and so an interrupt check, every 1 + 200000 /
   rows iterations: some 200 on a 1000-row model, every iteration from
   200,000 rows on (the 1000-item bench plan's 330,000 rows take some 20 ms
   an iteration). A count, so the same model always takes the same path. */
static int output_every(const op_mip *m) { return 1 + 200000 / (m->nrows + 1); }

op_mip *mip_new(int verbose)
{
    op_mip *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->verbose = verbose;
    m->generation = env_generation;
    call c = {.kind = CALL_CREATE};
    if (guarded(m, &c, NULL)) {
        free(m); /* GLPK is gone, and m->lp with it */
        return NULL;
    }
    glp_term_out(verbose ? GLP_ON : GLP_OFF); /* nothing prints outside guarded() */
    return m;
}

static void drop_pending(op_mip *m)
{
    free(m->ia);
    free(m->ja);
    free(m->ar);
    m->ia = m->ja = NULL;
    m->ar = NULL;
    m->nz = m->cap = 0;
}

void mip_free(op_mip *m)
{
    if (!m)
        return;
    if (!gone(m))
        glp_delete_prob(m->lp);
    drop_pending(m);
    free(m);
}

/* Loads the coefficients added one at a time, once. */
static void load(op_mip *m)
{
    if (m->loaded || gone(m))
        return;
    m->loaded = 1;
    call c = {.kind = CALL_LOAD};
    guarded(m, &c, NULL);
    drop_pending(m);
}

/* GLPK's bound type of lb..ub (infinite = missing). */
static int bound_type(double lb, double ub)
{
    if (isinf(lb) && isinf(ub))
        return GLP_FR;
    if (isinf(lb))
        return GLP_UP;
    if (isinf(ub))
        return GLP_LO;
    return lb < ub ? GLP_DB : GLP_FX;
}

static double finite_or_zero(double v) { return isinf(v) ? 0 : v; }

int mip_add_cols(op_mip *m, int n, mip_kind kind, double lb, double ub)
{
    if (n <= 0 || gone(m))
        return 0;
    call add = {.kind = CALL_ADD_COLS, .n = n};
    if (guarded(m, &add, NULL))
        return 0;
    int c = add.result;
    m->ncols = c + n - 1;
    for (int k = 0; k < n; k++) {
        if (kind == MIP_BINARY) {
            glp_set_col_kind(m->lp, c + k, GLP_BV); /* bounds 0..1 */
            continue;
        }
        glp_set_col_kind(m->lp, c + k, kind == MIP_INTEGER ? GLP_IV : GLP_CV);
        mip_set_bounds(m, c + k, lb, ub);
    }
    return c;
}

void mip_set_kind(op_mip *m, int col, mip_kind kind)
{
    if (gone(m))
        return;
    glp_set_col_kind(m->lp, col,
                     kind == MIP_BINARY ? GLP_BV : kind == MIP_INTEGER ? GLP_IV : GLP_CV);
}

mip_kind mip_get_kind(const op_mip *m, int col)
{
    if (gone(m))
        return MIP_CONTINUOUS;
    int k = glp_get_col_kind(m->lp, col);
    return k == GLP_BV ? MIP_BINARY : k == GLP_IV ? MIP_INTEGER : MIP_CONTINUOUS;
}

void mip_set_bounds(op_mip *m, int col, double lb, double ub)
{
    if (gone(m))
        return;
    glp_set_col_bnds(m->lp, col, bound_type(lb, ub), finite_or_zero(lb), finite_or_zero(ub));
}

/* GLPK answers -DBL_MAX/DBL_MAX for a missing bound. */
static void bounds_of(int type, double glb, double gub, double *lb, double *ub)
{
    *lb = type == GLP_LO || type == GLP_DB || type == GLP_FX ? glb : -INFINITY;
    *ub = type == GLP_UP || type == GLP_DB || type == GLP_FX ? gub : INFINITY;
}

void mip_get_bounds(const op_mip *m, int col, double *lb, double *ub)
{
    if (gone(m)) {
        *lb = -INFINITY;
        *ub = INFINITY;
        return;
    }
    bounds_of(glp_get_col_type(m->lp, col), glp_get_col_lb(m->lp, col),
              glp_get_col_ub(m->lp, col), lb, ub);
}

int mip_add_row(op_mip *m, double lb, double ub)
{
    call add = {.kind = CALL_ADD_ROWS, .n = 1};
    if (gone(m) || guarded(m, &add, NULL))
        return 0;
    int r = add.result;
    m->nrows = r;
    glp_set_row_bnds(m->lp, r, bound_type(lb, ub), finite_or_zero(lb), finite_or_zero(ub));
    return r;
}

int mip_add_nz(op_mip *m, int row, int col, double v)
{
    if (m->loaded || gone(m))
        return -1;
    if (m->nz + 1 >= m->cap) {
        int ncap = m->cap ? m->cap * 2 : 4096;
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
        m->cap = ncap;
    }
    m->nz++; /* slot 0 stays unused */
    m->ia[m->nz] = row;
    m->ja[m->nz] = col;
    m->ar[m->nz] = v;
    return 0;
}

int mip_add_row_coefs(op_mip *m, double lb, double ub, int len, const int *ind,
                      const double *val)
{
    load(m);
    int r = mip_add_row(m, lb, ub);
    call set = {.kind = CALL_SET_ROW, .n = r, .len = len, .ind = ind, .val = val};
    if (len > 0 && r && guarded(m, &set, NULL))
        return 0;
    return r;
}

void mip_del_rows_from(op_mip *m, int first)
{
    load(m);
    int n = m->nrows - first + 1;
    if (n <= 0 || gone(m))
        return;
    int *num = malloc(((size_t)n + 1) * sizeof *num);
    if (!num) {
        /* one at a time needs no memory of ours */
        for (int r = m->nrows; r >= first; r--) {
            call del = {.kind = CALL_DEL_ROWS, .n = 1, .ind = (int[]){0, r}};
            if (guarded(m, &del, NULL))
                return;
        }
    } else {
        for (int k = 1; k <= n; k++)
            num[k] = first + k - 1;
        call del = {.kind = CALL_DEL_ROWS, .n = n, .ind = num};
        guarded(m, &del, NULL);
        free(num);
    }
    m->nrows = first - 1;
}

int mip_get_row(op_mip *m, int row, int *ind, double *val, double *lb, double *ub)
{
    load(m);
    if (gone(m)) {
        *lb = -INFINITY;
        *ub = INFINITY;
        return 0;
    }
    bounds_of(glp_get_row_type(m->lp, row), glp_get_row_lb(m->lp, row),
              glp_get_row_ub(m->lp, row), lb, ub);
    return glp_get_mat_row(m->lp, row, ind, val);
}

int mip_cols(const op_mip *m) { return m->ncols; }
int mip_rows(const op_mip *m) { return m->nrows; }
int mip_alive(const op_mip *m) { return !gone(m); }

int mip_nonzeros(op_mip *m)
{
    load(m);
    if (gone(m))
        return m->nnz;
    return m->nnz = glp_get_num_nz(m->lp);
}

void mip_set_objective(op_mip *m, const double *c)
{
    if (gone(m))
        return;
    int n = glp_get_num_cols(m->lp);
    for (int k = 0; k <= n; k++)
        glp_set_obj_coef(m->lp, k, c[k]);
}

int mip_write_lp(op_mip *m, const char *path)
{
    load(m);
    if (gone(m))
        return -1;
    call w = {.kind = CALL_WRITE, .path = path};
    return guarded(m, &w, NULL) || w.result != 0 ? -1 : 0;
}

mip_status mip_solve_lp(op_mip *m, const mip_limits *l, double *obj)
{
    load(m);
    if (gone(m) || must_stop(l))
        return MIP_STOPPED;
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_ON; /* the hook decides what is printed */
    sp.out_frq = output_every(m);
    sp.tm_lim = ms_left(l);
    call run = {.kind = CALL_SIMPLEX, .sp = &sp};
    int jumped = guarded(m, &run, l), rc = run.result;
    if (jumped)
        return (mip_status)jumped;
    if (rc != 0)
        return rc == GLP_ETMLIM ? MIP_STOPPED : MIP_FAILED;
    switch (glp_get_status(m->lp)) {
    case GLP_OPT:
        *obj = glp_get_obj_val(m->lp);
        return MIP_OPTIMAL;
    case GLP_NOFEAS:
        return MIP_INFEASIBLE;
    default:
        return MIP_FAILED;
    }
}

double mip_lp_value(const op_mip *m, int col)
{
    return gone(m) ? 0 : glp_get_col_prim(m->lp, col);
}

/* What the branch-and-bound callback needs. */
typedef struct search {
    const mip_limits *l;
    double last_progress;
    double bound;
    int have_bound;
} search;

static void callback(glp_tree *T, void *info)
{
    search *s = info;
    int best = glp_ios_best_node(T);
    if (best) {
        s->bound = glp_ios_node_bound(T, best);
        s->have_bound = 1;
    }
    if (must_stop(s->l)) {
        glp_ios_terminate(T);
        return;
    }
    double t = op_now();
    if (s->l->progress && t - s->last_progress >= 1.0) {
        s->last_progress = t;
        glp_prob *lp = glp_ios_get_prob(T);
        int ms = glp_mip_status(lp);
        double inc = ms == GLP_FEAS || ms == GLP_OPT ? glp_mip_obj_val(lp) : NAN;
        s->l->progress(s->l->progress_ctx, inc, s->have_bound ? s->bound : NAN,
                       glp_ios_mip_gap(T));
    }
}

/* The branch-and-bound settings: presolve always (it lets GLPK start
   without an LP basis); for full searches the cuts and branching that
   measured best on optplan's models. */
static void search_params(glp_iocp *ip, op_mip *m, const mip_limits *l, search *s)
{
    glp_init_iocp(ip);
    ip->msg_lev = GLP_MSG_ON; /* the hook decides what is printed */
    ip->presolve = GLP_ON;
    if (!l->light) {
        ip->gmi_cuts = GLP_ON;
        ip->mir_cuts = GLP_ON;
        ip->cov_cuts = GLP_OFF; /* GLPK 5.0 aborts in glp_cov_init when presolve
                                   leaves no columns */
        ip->clq_cuts = GLP_ON;
        /* pseudocost branching searches best, but its start-up solves one LP
           per integer column with no callback: on models with many binaries
           that alone overran time limits threefold (PSPLIB j305_2: 42 s for
           10 s) */
        ip->br_tech = glp_get_num_int(m->lp) <= 2000 ? GLP_BR_PCH : GLP_BR_DTH;
        ip->bt_tech = GLP_BT_BLB;
        ip->mip_gap = l->gap;
    }
    ip->tm_lim = ms_left(l);
    ip->cb_func = callback;
    ip->cb_info = s;
}

/* The cutoff as a row "objective <= cutoff": it prunes like an incumbent
   would and lets GLPK's presolver run; an exhausted search then proves that
   nothing better exists. Returns the row, 0 when none (or ENOMEM: a search
   without the cutoff is slower, never wrong). */
static int add_cutoff(op_mip *m, double cutoff)
{
    if (isinf(cutoff))
        return 0;
    int n = glp_get_num_cols(m->lp), len = 0;
    int *ind = malloc(((size_t)n + 1) * sizeof *ind);
    double *val = malloc(((size_t)n + 1) * sizeof *val);
    int row = 0;
    if (ind && val) {
        for (int k = 1; k <= n; k++) {
            double c = glp_get_obj_coef(m->lp, k);
            if (c != 0) {
                len++;
                ind[len] = k;
                val[len] = c;
            }
        }
        row = mip_add_row_coefs(m, -INFINITY, cutoff - glp_get_obj_coef(m->lp, 0), len, ind,
                                val);
    }
    free(ind);
    free(val);
    return row;
}

mip_status mip_solve(op_mip *m, const mip_limits *l, double *x, double *obj, double *bound)
{
    *bound = -INFINITY;
    load(m);
    if (gone(m) || must_stop(l))
        return MIP_STOPPED;
    int cut = add_cutoff(m, l->cutoff);
    if (gone(m))
        return MIP_ERROR; /* adding the cutoff row failed in GLPK */
    search s = {l, op_now(), -INFINITY, 0};
    glp_iocp ip;
    search_params(&ip, m, l, &s);
    call run = {.kind = CALL_INTOPT, .ip = &ip};
    int jumped = guarded(m, &run, l), rc = run.result;
    if (jumped)
        return (mip_status)jumped;
    int ms = glp_mip_status(m->lp);
    int n = glp_get_num_cols(m->lp);
    if (ms == GLP_OPT || ms == GLP_FEAS) {
        for (int k = 1; k <= n; k++)
            x[k] = glp_mip_col_val(m->lp, k);
        *obj = glp_mip_obj_val(m->lp);
    }
    if (cut)
        mip_del_rows_from(m, cut);
    if (s.have_bound)
        *bound = s.bound;
    if (rc == 0 && ms == GLP_OPT)
        return MIP_OPTIMAL;
    if ((rc == 0 && ms == GLP_NOFEAS) || rc == GLP_ENOPFS)
        return MIP_INFEASIBLE;
    if (ms == GLP_FEAS || ms == GLP_OPT)
        return MIP_FEASIBLE;
    return rc == GLP_ETMLIM || rc == GLP_ESTOP || rc == GLP_EMIPGAP ? MIP_STOPPED : MIP_FAILED;
}
