/* compare.c - comparison.md and comparison.csv: several report directories side by side */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Markdown cell text: pipes and newlines escaped, HTML defused. */
static void md(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", f);
        else if (*s == '\n' || *s == '\r')
            fputc(' ', f);
        else if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else if (*s == '&')
            fputs("&amp;", f);
        else
            fputc(*s, f);
    }
}

/* Keys of part in first-seen order over all runs (first run's order first). */
static int union_keys(op_run *const *runs, int n, op_run_part part, const char ***out)
{
    int cap = 0, m = 0;
    for (int k = 0; k < n; k++)
        cap += op_run_count(runs[k], part);
    const char **keys = malloc(((size_t)cap + 1) * sizeof *keys);
    if (!keys)
        return -1;
    for (int k = 0; k < n; k++)
        for (int j = 0; j < op_run_count(runs[k], part); j++) {
            const char *key = op_run_key(runs[k], part, j);
            int seen = 0;
            for (int q = 0; q < m && !seen; q++)
                seen = strcmp(keys[q], key) == 0;
            if (!seen)
                keys[m++] = key;
        }
    *out = keys;
    return m;
}

static const char *val(const op_run *r, op_run_part part, const char *key, int which)
{
    const char *v = op_run_get(r, part, key, which);
    return v ? v : "";
}

static int write_csv(FILE *f, op_run *const *runs, int n, const char **gates, int ng,
                     const char **metrics, int nm, const char **items, int ni)
{
    int rc = rpt_cell(f, "what", 0) | rpt_cell(f, "key", 0);
    for (int k = 0; k < n; k++)
        rc |= rpt_cell(f, op_run_label(runs[k]), k == n - 1);
    for (int g = 0; g < ng; g++) {
        rc |= rpt_cell(f, "gate_passed_week", 0) | rpt_cell(f, gates[g], 0);
        for (int k = 0; k < n; k++)
            rc |= rpt_cell(f, val(runs[k], OP_RUN_GATE, gates[g], 1), k == n - 1);
    }
    for (int m = 0; m < nm; m++) {
        rc |= rpt_cell(f, "metric", 0) | rpt_cell(f, metrics[m], 0);
        for (int k = 0; k < n; k++)
            rc |= rpt_cell(f, val(runs[k], OP_RUN_METRIC, metrics[m], 0), k == n - 1);
    }
    for (int i = 0; i < ni; i++) {
        rc |= rpt_cell(f, "item_end_week", 0) | rpt_cell(f, items[i], 0);
        for (int k = 0; k < n; k++)
            rc |= rpt_cell(f, val(runs[k], OP_RUN_ITEM, items[i], 1), k == n - 1);
    }
    return rc || ferror(f) ? -1 : 0;
}

static void header(FILE *f, const char *first, op_run *const *runs, int n)
{
    fprintf(f, "| %s |", first);
    for (int k = 0; k < n; k++) {
        fputc(' ', f);
        md(f, op_run_label(runs[k]));
        fputs(" |", f);
    }
    fputs("\n|---|", f);
    for (int k = 0; k < n; k++)
        fputs("---|", f);
    fputc('\n', f);
}

static int write_md(FILE *f, op_run *const *runs, int n, const char **gates, int ng,
                    const char **metrics, int nm, const char **items, int ni)
{
    fprintf(f, "# optplan comparison of %d plans\n\n## Gates (week passed, deadline)\n\n", n);
    header(f, "gate", runs, n);
    for (int g = 0; g < ng; g++) {
        fputs("| ", f);
        md(f, gates[g]);
        fputs(" |", f);
        for (int k = 0; k < n; k++) {
            const char *pw = op_run_get(runs[k], OP_RUN_GATE, gates[g], 1);
            const char *dl = op_run_get(runs[k], OP_RUN_GATE, gates[g], 0);
            if (!pw)
                fputs(" - |", f);
            else {
                fprintf(f, " %s", pw[0] ? "week " : "never");
                md(f, pw);
                fputs(" (", f);
                md(f, dl ? dl : "");
                fputs(") |", f);
            }
        }
        fputc('\n', f);
    }
    fputs("\n## Figures\n\n", f);
    header(f, "metric", runs, n);
    for (int m = 0; m < nm; m++) {
        fputs("| ", f);
        md(f, metrics[m]);
        fputs(" |", f);
        for (int k = 0; k < n; k++) {
            fputc(' ', f);
            md(f, val(runs[k], OP_RUN_METRIC, metrics[m], 0));
            fputs(" |", f);
        }
        fputc('\n', f);
    }
    fprintf(f, "\n## Items that moved (end week; moved = weeks against ");
    md(f, op_run_label(runs[0]));
    fputs(")\n\n", f);
    header(f, "item", runs, n);
    int moved = 0;
    for (int i = 0; i < ni; i++) {
        const char *e0 = val(runs[0], OP_RUN_ITEM, items[i], 1);
        int differs = 0;
        for (int k = 1; k < n; k++)
            differs |= strcmp(e0, val(runs[k], OP_RUN_ITEM, items[i], 1)) != 0;
        if (!differs)
            continue;
        moved++;
        fputs("| ", f);
        md(f, items[i]);
        fputs(" |", f);
        for (int k = 0; k < n; k++) {
            const char *e = val(runs[k], OP_RUN_ITEM, items[i], 1);
            if (!e[0])
                fputs(" not scheduled |", f);
            else if (k == 0 || !e0[0])
                fprintf(f, " week %s |", e);
            else
                fprintf(f, " week %s (%+d) |", e, atoi(e) - atoi(e0));
        }
        fputc('\n', f);
    }
    if (!moved)
        fputs("\nNo item moved.\n", f);
    return ferror(f) ? -1 : 0;
}

op_status op_report_compare(const char *dir, op_run *const *runs, int n, op_diag *d)
{
    const char **gates = NULL, **metrics = NULL, **items = NULL;
    int ng = union_keys(runs, n, OP_RUN_GATE, &gates);
    int nm = union_keys(runs, n, OP_RUN_METRIC, &metrics);
    int ni = union_keys(runs, n, OP_RUN_ITEM, &items);
    op_status st = OP_OK;
    if (ng < 0 || nm < 0 || ni < 0) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        st = OP_ENOMEM;
        goto out;
    }
    for (int w = 0; w < 2 && st == OP_OK; w++) {
        const char *name = w ? "comparison.md" : "comparison.csv";
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        op_loc l = {name, 0, 0};
        FILE *f = fopen(path, "w");
        if (!f) {
            op_diag_error(d, OP_EOUTPUT, &l, "cannot create: %s", strerror(errno));
            st = OP_EOUTPUT;
            break;
        }
        int rc = w ? write_md(f, runs, n, gates, ng, metrics, nm, items, ni)
                   : write_csv(f, runs, n, gates, ng, metrics, nm, items, ni);
        if (fclose(f) != 0 || rc) {
            op_diag_error(d, OP_EIO, &l, "write error");
            st = OP_EIO;
        }
    }
out:
    free(gates);
    free(metrics);
    free(items);
    return st;
}
