/* compare.c - the compare command: report directories read back and put side by side */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Reads o->operands as runs labelled by --label, else by each directory's
   own name; runs[k] are new runs the caller frees (also on failure). */
static op_status read_runs(const cli_options *o, op_run **runs, op_diag *d)
{
    char *labels = o->labels ? strdup(o->labels) : NULL;
    if (o->labels && !labels) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    char *save = NULL, *lab = labels ? strtok_r(labels, ",", &save) : NULL;
    op_status st = OP_OK;
    for (int k = 0; k < o->noperands; k++) {
        char buf[256];
        const char *label = lab ? lab : cli_base_name(o->operands[k], buf, sizeof buf);
        /* every directory is read, so that one run names every bad one */
        op_status s = op_inputs_load_run(o->operands[k], label, &runs[k], d);
        if (s != OP_OK && st == OP_OK)
            st = s;
        if (lab)
            lab = strtok_r(NULL, ",", &save);
    }
    free(labels);
    return st;
}

/* Writes comparison.md and comparison.csv into dir, all or nothing. */
static op_status write_comparison(const char *dir, op_run *const *runs, int n, op_diag *d)
{
    char *tmp = op_outdir_begin(dir, d);
    if (!tmp)
        return op_diag_status(d) ? op_diag_status(d) : OP_EOUTPUT;
    op_status st = op_report_compare(tmp, runs, n, d);
    return op_outdir_end(tmp, dir, st, d);
}

cli_outcome cli_compare(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d)
{
    (void)p; /* compare reads reports, not a plan */
    op_run **runs = calloc((size_t)o->noperands, sizeof *runs);
    op_status st = runs ? read_runs(o, runs, d) : OP_ENOMEM;
    if (!runs)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    if (st == OP_OK)
        st = write_comparison(o->out, runs, o->noperands, d);
    if (st == OP_OK && !o->quiet)
        fprintf(io->out, "compared %d plans: %s/comparison.md, %s/comparison.csv\n", o->noperands,
                o->out, o->out);
    for (int k = 0; runs && k < o->noperands; k++)
        op_run_free(runs[k]);
    free(runs);
    return cli_status(st);
}
