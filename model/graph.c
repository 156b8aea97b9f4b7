/* graph.c - dependency graphs: the first cycle found, else a topological order */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

op_status mdl_find_cycles(const mdl_graph *g, int *order, const char *what, op_diag *d)
{
    int n = g->n;
    if (n == 0)
        return OP_OK;
    int *color = calloc((size_t)n, sizeof *color); /* 0 new, 1 on stack, 2 done */
    int *stack = malloc((size_t)n * sizeof *stack);
    int *edge = malloc((size_t)n * sizeof *edge);
    if (!color || !stack || !edge) {
        free(color);
        free(stack);
        free(edge);
        return OP_ENOMEM;
    }
    op_status st = OP_OK;
    int nord = 0;
    for (int s = 0; s < n && st == OP_OK; s++) {
        if (color[s])
            continue;
        int top = 0;
        stack[0] = s;
        edge[0] = 0;
        color[s] = 1;
        while (top >= 0 && st == OP_OK) {
            int v = stack[top];
            int ne;
            const op_ref *es = g->edges(g->ctx, v, &ne);
            if (edge[top] < ne) {
                const op_ref *e = &es[edge[top]++];
                int w = e->index;
                if (w < 0)
                    continue;
                if (color[w] == 1) {
                    /* cycle: w ... v -> w */
                    char buf[400];
                    size_t len = 0;
                    int from = top;
                    while (stack[from] != w)
                        from--;
                    buf[0] = 0;
                    for (int k = from; k <= top && len < sizeof buf - 40; k++) {
                        int m = snprintf(buf + len, sizeof buf - len, "%s -> ", g->name(g->ctx, stack[k]));
                        if (m < 0 || (size_t)m >= sizeof buf - len)
                            break;
                        len += (size_t)m;
                    }
                    snprintf(buf + len, sizeof buf - len, "%s", g->name(g->ctx, w));
                    op_diag_error(d, OP_EDATA, &e->loc, "%s cycle: %s", what, buf);
                    st = OP_EDATA;
                } else if (color[w] == 0) {
                    color[w] = 1;
                    stack[++top] = w;
                    edge[top] = 0;
                }
            } else {
                color[v] = 2;
                if (order)
                    order[nord++] = v;
                top--;
            }
        }
    }
    free(color);
    free(stack);
    free(edge);
    return st;
}
