/* run.c - a report directory read back: labelled rows for side-by-side comparison */
#include <stdlib.h>
#include <string.h>

#include "model.h"

typedef struct run_row {
    const char *key, *a, *b;
} run_row;

typedef struct str_node {
    struct str_node *next;
    char s[];
} str_node;

struct op_run {
    const char *label;
    run_row *rows[OP_RUN_PARTS];
    int n[OP_RUN_PARTS], cap[OP_RUN_PARTS];
    str_node *strs;
};

const char *op_run_keep(op_run *r, const char *s)
{
    size_t n = strlen(s) + 1;
    str_node *node = malloc(sizeof *node + n);
    if (!node)
        return NULL;
    memcpy(node->s, s, n);
    node->next = r->strs;
    r->strs = node;
    return node->s;
}

op_run *op_run_new(const char *label)
{
    op_run *r = calloc(1, sizeof *r);
    if (r && !(r->label = op_run_keep(r, label))) {
        free(r);
        r = NULL;
    }
    return r;
}

void op_run_free(op_run *r)
{
    if (!r)
        return;
    for (int p = 0; p < OP_RUN_PARTS; p++)
        free(r->rows[p]);
    while (r->strs) {
        str_node *next = r->strs->next;
        free(r->strs);
        r->strs = next;
    }
    free(r);
}

const char *op_run_label(const op_run *r) { return r->label; }

int op_run_put(op_run *r, op_run_part part, const char *key, const char *a, const char *b)
{
    if (r->n[part] == r->cap[part]) {
        int ncap = r->cap[part] ? r->cap[part] * 2 : 32;
        run_row *nr = realloc(r->rows[part], (size_t)ncap * sizeof *nr);
        if (!nr)
            return -1;
        r->rows[part] = nr;
        r->cap[part] = ncap;
    }
    run_row row = {op_run_keep(r, key), op_run_keep(r, a ? a : ""), op_run_keep(r, b ? b : "")};
    if (!row.key || !row.a || !row.b)
        return -1;
    r->rows[part][r->n[part]++] = row;
    return 0;
}

int op_run_count(const op_run *r, op_run_part part) { return r->n[part]; }
const char *op_run_key(const op_run *r, op_run_part part, int k) { return r->rows[part][k].key; }

const char *op_run_get(const op_run *r, op_run_part part, const char *key, int which)
{
    for (int k = 0; k < r->n[part]; k++)
        if (strcmp(r->rows[part][k].key, key) == 0)
            return which ? r->rows[part][k].b : r->rows[part][k].a;
    return NULL;
}
