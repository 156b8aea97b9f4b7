/* history.c - the milestone trend: earlier runs (--history) read back beside this one */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

struct cli_trend {
    op_report_trend rep;
    char **labels;  /* owned */
    int *week, *passed;
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
    return l && w && ps ? 0 : -1;
}

/* Run r read back as entry k: its week (summary.csv's first_week, 1 when
   absent: a first plan) and each gate's projected week. */
static void take_run(cli_trend *t, int k, const op_run *r, const op_plan *p)
{
    const char *fw = op_run_get(r, OP_RUN_METRIC, "first_week", 0);
    t->week[k] = fw && atoi(fw) > 0 ? atoi(fw) : 1;
    for (int g = 0; g < t->ngates; g++) {
        const char *v = op_run_get(r, OP_RUN_GATE, op_plan_gate(p, g)->id, 1);
        t->passed[(size_t)k * (size_t)t->ngates + (size_t)g] = !v ? -1 : atoi(v) > 0 ? atoi(v) : 0;
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

/* Sorts the entries (few: an insertion sort keeps the three arrays in
   step) and keeps the last run of each week; this run (the last entry
   before sorting, labelled by its directory) wins its week. */
static void order(cli_trend *t)
{
    int ng = t->ngates, *row = malloc(((size_t)ng + 1) * sizeof *row);
    if (!row)
        return; /* unsorted but whole: still a true table */
    for (int i = 1; i < t->n - 1; i++) /* the earlier runs only */
        for (int j = i; j > 0 && cmp_entry(t, j - 1, j) > 0; j--) {
            char *l = t->labels[j];
            int w = t->week[j];
            memcpy(row, t->passed + (size_t)j * ng, (size_t)ng * sizeof *row);
            t->labels[j] = t->labels[j - 1], t->week[j] = t->week[j - 1];
            memcpy(t->passed + (size_t)j * ng, t->passed + (size_t)(j - 1) * ng,
                   (size_t)ng * sizeof *row);
            t->labels[j - 1] = l, t->week[j - 1] = w;
            memcpy(t->passed + (size_t)(j - 1) * ng, row, (size_t)ng * sizeof *row);
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
        m++;
    }
    t->n = m;
}

op_status cli_trend_new(const char *const *paths, int npaths, const char *out, const op_plan *p,
                        const op_eval *e, cli_trend **tp, op_diag *d)
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
        for (int g = 0; g < t->ngates; g++)
            t->passed[(size_t)t->n * (size_t)t->ngates + (size_t)g] = op_eval_gate(e, g)->passed_week;
        t->n++;
        order(t);
        t->rep = (op_report_trend){t->n, (const char *const *)t->labels, t->week, t->passed};
        *tp = t;
        return OP_OK;
    }
    cli_trend_free(t);
    if (st == OP_ENOMEM && op_diag_status(d) != OP_ENOMEM)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    return st;
}
