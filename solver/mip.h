/* mip.h - a neutral mixed-integer program: all the solver asks of a MIP backend */
#ifndef OPTPLAN_SOLVER_MIP_H
#define OPTPLAN_SOLVER_MIP_H

#include <signal.h>

/*
 * Columns and rows are numbered from 1, as in GLPK, CBC's C interface and
 * the LP file format; index 0 of a value array holds the objective's
 * constant. Missing bounds are -INFINITY and INFINITY. A backend is one
 * file implementing every function below (mip_glpk.c today); nothing else
 * in optplan names a solver library.
 *
 * Coefficients come either one at a time (mip_add_nz, while building: they
 * are loaded in one go at the first query of the matrix or solve), or as
 * whole rows (mip_add_row_coefs, at any time).
 */
typedef struct op_mip op_mip;

typedef enum { MIP_CONTINUOUS = 0, MIP_INTEGER, MIP_BINARY } mip_kind;

/* The one status every solve maps to. */
typedef enum {
    MIP_OPTIMAL = 0, /* proven optimal (within the gap asked) */
    MIP_FEASIBLE,    /* stopped by the deadline or an interrupt with a solution */
    MIP_INFEASIBLE,  /* proven: no solution (below the cutoff, when one is set) */
    MIP_STOPPED,     /* stopped by the deadline or an interrupt with none */
    MIP_FAILED,      /* the backend gave up (numerical trouble): no answer, carry on */
    MIP_ERROR        /* the backend failed fatally (out of memory, a bug): mip_error says
                        why, and the problem is gone (mip_alive is 0) */
} mip_status;

/* When a solve must stop, and what it reports while it runs. */
typedef struct mip_limits {
    double deadline;                  /* op_now() seconds; the solve returns within 1 s of it */
    volatile sig_atomic_t *interrupt; /* non-zero: stop as soon as possible; NULL none */
    double gap;                       /* relative gap accepted (0: prove optimal) */
    double cutoff;                    /* accept only objective values <= cutoff; INFINITY none */
    int light;                        /* any good solution will do: the backend's cheap settings */
    int verbose;                      /* let the backend print */
    /* about once a second during a search (may be NULL) */
    void (*progress)(void *ctx, double incumbent, double bound, double gap);
    void *progress_ctx;
} mip_limits;

/* New empty minimization problem; NULL on ENOMEM. Free with mip_free. */
op_mip *mip_new(int verbose);
void mip_free(op_mip *m);

/* Adds n columns of one kind with bounds lb..ub (binary: 0..1); returns the
   first one's index, 0 when n <= 0. */
int mip_add_cols(op_mip *m, int n, mip_kind kind, double lb, double ub);
void mip_set_kind(op_mip *m, int col, mip_kind kind);
mip_kind mip_get_kind(const op_mip *m, int col);
void mip_set_bounds(op_mip *m, int col, double lb, double ub);
void mip_get_bounds(const op_mip *m, int col, double *lb, double *ub);

/* Adds an empty row lb <= a x <= ub; returns its index. */
int mip_add_row(op_mip *m, double lb, double ub);
/* Coefficient v of column col in row row, while building: -1 on ENOMEM, or
   once the matrix was loaded (a bug). */
int mip_add_nz(op_mip *m, int row, int col, double v);
/* Adds a whole row: ind[1..len], val[1..len]; returns its index, -1 on ENOMEM. */
int mip_add_row_coefs(op_mip *m, double lb, double ub, int len, const int *ind,
                      const double *val);
/* Deletes rows first..last row (the rows added since). */
void mip_del_rows_from(op_mip *m, int first);
/* Row i: coefficients into ind[1..]/val[1..] (room for every column), bounds
   into lb/ub; returns the number of coefficients. */
int mip_get_row(op_mip *m, int row, int *ind, double *val, double *lb, double *ub);

/* 0 once an interrupt tore the backend down (see mip_glpk.c): from then on
   the problem answers its sizes and solves nothing. */
int mip_alive(const op_mip *m);
int mip_cols(const op_mip *m);
int mip_rows(const op_mip *m);
int mip_nonzeros(op_mip *m);

/* The objective to minimize: c[0] constant, c[1..cols] coefficients. */
void mip_set_objective(op_mip *m, const double *c);
/* Writes the model in CPLEX LP format; -1 when it cannot. */
int mip_write_lp(op_mip *m, const char *path);

/* Solves the LP relaxation, stopping at the limits (deadline, interrupt).
   On MIP_OPTIMAL *obj is its value and mip_lp_value gives the columns. */
mip_status mip_solve_lp(op_mip *m, const mip_limits *l, double *obj);
double mip_lp_value(const op_mip *m, int col);
/* The backend's own words for the last MIP_ERROR ("" when none). */
const char *mip_error(const op_mip *m);

/* Solves the MIP within the limits. With a solution (MIP_OPTIMAL or
   MIP_FEASIBLE) x[1..cols] holds it and *obj its value; *bound is the best
   bound proven (-INFINITY when none). The cutoff row the limits may ask for
   is gone again on return. */
mip_status mip_solve(op_mip *m, const mip_limits *l, double *x, double *obj, double *bound);

#endif
