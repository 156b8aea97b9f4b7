/* ilp.c - the time-indexed ILP's arrays: allocated together, freed together */
#include <math.h>
#include <stdlib.h>

#include "internal.h"

void ilp_free(ilp *m)
{
    mip_free(m->mip);
    m->mip = NULL;
    int **arrays[] = {&m->es, &m->ef, &m->lf, &m->gl, &m->cx, &m->ca, &m->cz, &m->cs, &m->cy,
                      &m->cY, &m->ls, &m->cg, &m->fixed_s, &m->ubh, &m->lbh, &m->cN, &m->cu,
                      &m->lk_first, &m->cL, &m->cP, &m->cB};
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++) {
        free(*arrays[k]);
        *arrays[k] = NULL;
    }
    free(m->hpw);
    m->hpw = NULL;
    free(m->lk);
    m->lk = NULL;
    m->nlk = 0;
}

int ilp_alloc(ilp *m)
{
    size_t ni = (size_t)m->ni + 1, ng = (size_t)m->ng + 1;
    int **items[] = {&m->es, &m->ef, &m->lf, &m->cx, &m->ca, &m->cz,
                     &m->cs, &m->cy, &m->cY, &m->ls, &m->fixed_s};
    int ok = 1;
    for (size_t k = 0; k < sizeof items / sizeof *items; k++)
        ok &= (*items[k] = calloc(ni, sizeof(int))) != NULL;
    ok &= (m->gl = calloc(ng, sizeof(int))) != NULL;
    ok &= (m->cg = calloc(ng, sizeof(int))) != NULL;
    return ok ? 0 : -1;
}

double ilp_col_lb(const ilp *m, int col)
{
    double lb, ub;
    mip_get_bounds(m->mip, col, &lb, &ub);
    return isfinite(lb) ? lb : -INFINITY;
}
