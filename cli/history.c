/* history.c - the milestone trend: earlier runs (--history) read back beside this one */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

struct cli_trend {
    op_report_trend rep;
    char **labels;  /* owned */
    int *week, *passed, *p80;
    int n, ngates;
};

void cli_trend_free(cli_trend *t)
{
    if (!t)
        return;
    for (int k = 0; t->labels && k < t->n; k++)
        free(t->labels[k]);
    free(t->labels);
    free(t->week);
    free(t->passed);
    free(t->p80);
    free(t);
}

const op_report_trend *cli_trend_report(const cli_trend *t) { return t ? &t->rep : NULL; }

/* The last path component of dir (trailing slashes ignored), as a new string. */
static char *base_name(const char *dir)
{
    size_t len, at = op_path_base(dir, &len);
    return strndup(dir + at, len);
}

/* Room for n runs; -1 on ENOMEM. */
static int grow(cli_trend *t, int n)
{
    char **l = realloc(t->labels, (size_t)n * sizeof *l);
    if (l)
        t->labels = l;
    int *w = realloc(t->week, (size_t)n * sizeof *w);
    if (w)
        t->week = w;
    int *ps = realloc(t->passed, (size_t)n * (size_t)(t->ngates + 1) * sizeof *ps);
    if (ps)
        t->passed = ps;
    int *p8 = realloc(t->p80, (size_t)n * (size_t)(t->ngates + 1) * sizeof *p8);
    if (p8)
        t->p80 = p8;
    return l && w && ps && p8 ? 0 : -1;
}

/* Run r read back as entry k: its week (summary.csv's first_week, 1 when
   absent: a first plan) and each gate's projected week. */
static void take_run(cli_trend *t, int k, const op_run *r, const op_plan *p)
{
    const char *fw = op_run_get(r, OP_RUN_METRIC, "first_week", 0);
    t->week[k] = fw && atoi(fw) > 0 ? atoi(fw) : 1;
    for (int g = 0; g < t->ngates; g++) {
        const char *v = op_run_get(r, OP_RUN_GATE, op_plan_gate(p, g)->id, 1);
        const char *f = op_run_get(r, OP_RUN_FORECAST, op_plan_gate(p, g)->id, 0);
        size_t at = (size_t)k * (size_t)t->ngates + (size_t)g;
        t->passed[at] = !v ? -1 : atoi(v) > 0 ? atoi(v) : 0;
        t->p80[at] = !f ? -1 : atoi(f) > 0 ? atoi(f) : 0;
    }
}

/* Reads every run under path into t (skipping the directory this run
   writes, out); problems go to d. */
static op_status read_path(cli_trend *t, const char *path, const char *out, const op_plan *p,
                           op_diag *d)
{
    char **dirs = NULL, *self = realpath(out, NULL);
    int nd = 0;
    op_status st = op_inputs_run_dirs(path, &dirs, &nd, d);
    for (int k = 0; st == OP_OK && k < nd; k++) {
        char *real = realpath(dirs[k], NULL);
        int skip = real && self && strcmp(real, self) == 0;
        free(real);
        if (skip)
            continue;
        op_run *r = NULL;
        st = op_inputs_load_run(dirs[k], dirs[k], &r, d);
        if (st == OP_OK && grow(t, t->n + 1) == 0 && (t->labels[t->n] = base_name(dirs[k])))
            take_run(t, t->n++, r, p);
        else if (st == OP_OK)
            st = OP_ENOMEM;
        op_run_free(r);
    }
    op_inputs_run_dirs_free(dirs, nd);
    free(self);
    return st;
}

/* Entry order: by week, then by label (a nightly directory's date). */
static int cmp_entry(const cli_trend *t, int a, int b)
{
    if (t->week[a] != t->week[b])
        return t->week[a] < t->week[b] ? -1 : 1;
    return strcmp(t->labels[a], t->labels[b]);
}

/* Swaps rows a and b of a gates-wide table, through row (scratch). */
static void swap_rows(int *tab, int a, int b, int ng, int *row)
{
    size_t n = (size_t)ng * sizeof *row;
    memcpy(row, tab + (size_t)a * ng, n);
    memcpy(tab + (size_t)a * ng, tab + (size_t)b * ng, n);
    memcpy(tab + (size_t)b * ng, row, n);
}

/* Sorts the entries (few: an insertion sort keeps the arrays in step) and
   keeps the last run of each week; this run (the last entry before
   sorting, labelled by its directory) wins its week. */
static void order(cli_trend *t)
{
    int ng = t->ngates, *row = malloc(((size_t)ng + 1) * sizeof *row);
    if (!row)
        return; /* unsorted but whole: still a true table */
    for (int i = 1; i < t->n - 1; i++) /* the earlier runs only */
        for (int j = i; j > 0 && cmp_entry(t, j - 1, j) > 0; j--) {
            char *l = t->labels[j];
            int w = t->week[j];
            t->labels[j] = t->labels[j - 1], t->week[j] = t->week[j - 1];
            t->labels[j - 1] = l, t->week[j - 1] = w;
            swap_rows(t->passed, j, j - 1, ng, row);
            swap_rows(t->p80, j, j - 1, ng, row);
        }
    free(row);
    int m = 0, cur = t->week[t->n - 1];
    for (int k = 0; k < t->n; k++) {
        int last = k == t->n - 1;
        if (!last && (t->week[k] >= cur || (k + 1 < t->n - 1 && t->week[k + 1] == t->week[k]))) {
            free(t->labels[k]); /* a later run of its week, or this run, replaces it */
            continue;
        }
        t->labels[m] = t->labels[k], t->week[m] = t->week[k];
        memmove(t->passed + (size_t)m * ng, t->passed + (size_t)k * ng, (size_t)ng * sizeof(int));
        memmove(t->p80 + (size_t)m * ng, t->p80 + (size_t)k * ng, (size_t)ng * sizeof(int));
        m++;
    }
    t->n = m;
}

op_status cli_trend_new(const char *const *paths, int npaths, const char *out, const op_plan *p,
                        const op_eval *e, const op_forecast *f, cli_trend **tp, op_diag *d)
{
    *tp = NULL;
    cli_trend *t = calloc(1, sizeof *t);
    if (!t) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    t->ngates = op_plan_gate_count(p);
    op_status st = OP_OK;
    for (int k = 0; st == OP_OK && k < npaths; k++)
        st = read_path(t, paths[k], out, p, d);
    if (st == OP_OK && (grow(t, t->n + 1) || !(t->labels[t->n] = base_name(out))))
        st = OP_ENOMEM;
    if (st == OP_OK) {
        t->week[t->n] = op_plan_first_week(p);
        for (int g = 0; g < t->ngates; g++) {
            size_t at = (size_t)t->n * (size_t)t->ngates + (size_t)g;
            t->passed[at] = op_eval_gate(e, g)->passed_week;
            t->p80[at] = !f ? -1 : op_forecast_gate_quantile(f, g, 0.8);
        }
        t->n++;
        order(t);
        t->rep = (op_report_trend){t->n, (const char *const *)t->labels, t->week, t->passed,
                                   t->p80};
        *tp = t;
        return OP_OK;
    }
    cli_trend_free(t);
    if (st == OP_ENOMEM && op_diag_status(d) != OP_ENOMEM)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    return st;
}
