/* compare.c - comparison.md and comparison.csv: several report directories side by side */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The runs and the union of their keys, what both files are written from. */
typedef struct compare_ctx {
    op_run *const *runs;
    int n;
    const char **gates, **metrics, **items;
    int ng, nm, ni;
    int forecast; /* some run has forecast.csv: P80 and chances are shown */
} compare_ctx;

/* One "what,key,run1,run2,..." row per key, field which of each run's row. */
static int csv_rows(FILE *f, const compare_ctx *c, const char *what, op_run_part part,
                    const char **keys, int nkeys, int which)
{
    int rc = 0;
    for (int k = 0; k < nkeys && !rc; k++) {
        rc = rpt_cell(f, what, 0) || rpt_cell(f, keys[k], 0);
        for (int r = 0; r < c->n && !rc; r++)
            rc = rpt_cell(f, rpt_run_val(c->runs[r], part, keys[k], which), r == c->n - 1);
    }
    return rc;
}

static int compare_csv(FILE *f, const void *ctx)
{
    const compare_ctx *c = ctx;
    int rc = rpt_cell(f, "what", 0) || rpt_cell(f, "key", 0);
    for (int k = 0; k < c->n && !rc; k++)
        rc = rpt_cell(f, op_run_label(c->runs[k]), k == c->n - 1);
    rc = rc || csv_rows(f, c, "gate_passed_week", OP_RUN_GATE, c->gates, c->ng, 1) ||
         (c->forecast && (csv_rows(f, c, "gate_p80_week", OP_RUN_FORECAST, c->gates, c->ng, 0) ||
                          csv_rows(f, c, "gate_on_time", OP_RUN_FORECAST, c->gates, c->ng, 1))) ||
         csv_rows(f, c, "metric", OP_RUN_METRIC, c->metrics, c->nm, 0) ||
         csv_rows(f, c, "item_end_week", OP_RUN_ITEM, c->items, c->ni, 1);
    return rc || ferror(f) ? -1 : 0;
}

/* A table header: first, then one column per run. */
static void header(FILE *f, const char *first, const compare_ctx *c)
{
    fprintf(f, "| %s |", first);
    for (int k = 0; k < c->n; k++) {
        fputc(' ', f);
        rpt_md(f, op_run_label(c->runs[k]));
        fputs(" |", f);
    }
    fputs("\n|---|", f);
    for (int k = 0; k < c->n; k++)
        fputs("---|", f);
    fputc('\n', f);
}

static void md_gates(FILE *f, const compare_ctx *c)
{
    header(f, "gate", c);
    for (int g = 0; g < c->ng; g++) {
        fputs("| ", f);
        rpt_md(f, c->gates[g]);
        fputs(" |", f);
        for (int k = 0; k < c->n; k++) {
            const char *pw = op_run_get(c->runs[k], OP_RUN_GATE, c->gates[g], 1);
            const char *dl = op_run_get(c->runs[k], OP_RUN_GATE, c->gates[g], 0);
            if (!pw) {
                fputs(" - |", f);
                continue;
            }
            if (pw[0])
                fprintf(f, " %s ", op_period_word(rpt_run_period(c->runs[k]), 0));
            else
                fputs(" never", f);
            rpt_md(f, pw);
            fputs(" (", f);
            rpt_md(f, dl ? dl : "");
            fputs(")", f);
            rpt_forecast_cell(f, c->runs[k], c->gates[g]);
            fputs(" |", f);
        }
        fputc('\n', f);
    }
}

static void md_metrics(FILE *f, const compare_ctx *c)
{
    header(f, "metric", c);
    for (int m = 0; m < c->nm; m++) {
        fputs("| ", f);
        rpt_md(f, c->metrics[m]);
        fputs(" |", f);
        for (int k = 0; k < c->n; k++) {
            fputc(' ', f);
            rpt_md(f, rpt_run_val(c->runs[k], OP_RUN_METRIC, c->metrics[m], 0));
            fputs(" |", f);
        }
        fputc('\n', f);
    }
}

/* Items whose end differs in any run from the first, with the difference in
   periods where both runs count the same period. */
static void md_moved(FILE *f, const compare_ctx *c, op_period per)
{
    header(f, "item", c);
    int moved = 0;
    for (int i = 0; i < c->ni; i++) {
        const char *e0 = rpt_run_val(c->runs[0], OP_RUN_ITEM, c->items[i], 1);
        int differs = 0;
        for (int k = 1; k < c->n; k++)
            differs |= strcmp(e0, rpt_run_val(c->runs[k], OP_RUN_ITEM, c->items[i], 1)) != 0;
        if (!differs)
            continue;
        moved++;
        fputs("| ", f);
        rpt_md(f, c->items[i]);
        fputs(" |", f);
        for (int k = 0; k < c->n; k++) {
            const char *e = rpt_run_val(c->runs[k], OP_RUN_ITEM, c->items[i], 1);
            op_period pk = rpt_run_period(c->runs[k]);
            if (!e[0])
                fputs(" not scheduled |", f);
            else if (k == 0 || !e0[0] || pk != per) /* no difference of days and weeks */
                fprintf(f, " %s %s |", op_period_word(pk, 0), e);
            else
                fprintf(f, " %s %s (%+d) |", op_period_word(pk, 0), e, atoi(e) - atoi(e0));
        }
        fputc('\n', f);
    }
    if (!moved)
        fputs("\nNo item moved.\n", f);
}

static int compare_md(FILE *f, const void *ctx)
{
    const compare_ctx *c = ctx;
    /* headings name the period of the first run, which the others are measured against */
    op_period per = rpt_run_period(c->runs[0]);
    const char *wk = op_period_word(per, 0), *wks = op_period_word(per, 1);
    fprintf(f, "# optplan comparison of %d plans\n\n## Gates (%s passed, deadline)\n\n", c->n, wk);
    md_gates(f, c);
    fputs("\n## Figures\n\n", f);
    md_metrics(f, c);
    fprintf(f, "\n## Items that moved (end %s; moved = %s against ", wk, wks);
    rpt_md(f, op_run_label(c->runs[0]));
    fputs(")\n\n", f);
    md_moved(f, c, per);
    return ferror(f) ? -1 : 0;
}

op_status op_report_compare(const char *dir, op_run *const *runs, int n, op_diag *d)
{
    compare_ctx c = {runs, n, NULL, NULL, NULL, 0, 0, 0, 0};
    c.ng = rpt_union_keys(runs, n, OP_RUN_GATE, &c.gates);
    for (int k = 0; k < n; k++)
        c.forecast |= op_run_count(runs[k], OP_RUN_FORECAST) > 0;
    c.nm = rpt_union_keys(runs, n, OP_RUN_METRIC, &c.metrics);
    c.ni = rpt_union_keys(runs, n, OP_RUN_ITEM, &c.items);
    op_status st;
    if (c.ng < 0 || c.nm < 0 || c.ni < 0) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        st = OP_ENOMEM;
    } else {
        st = rpt_write_file(dir, "comparison.csv", compare_csv, &c, d);
        if (st == OP_OK)
            st = rpt_write_file(dir, "comparison.md", compare_md, &c, d);
    }
    free(c.gates);
    free(c.metrics);
    free(c.items);
    return st;
}
