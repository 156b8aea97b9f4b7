/* import.c - the import-psplib command: a PSPLIB RCPSP instance written as optplan inputs */
#include <stdlib.h>

#include "cli/cli.h"

/* Writes p's items.csv and team.csv into dir, all or nothing. */
static op_status write_plan(const char *dir, const op_plan *p, op_diag *d)
{
    char *tmp = op_outdir_begin(dir, d);
    if (!tmp)
        return op_diag_status(d) ? op_diag_status(d) : OP_EOUTPUT;
    op_status st = op_report_plan_files(tmp, p, d);
    return op_outdir_end(tmp, dir, st, d);
}

cli_outcome cli_import_psplib(const cli_io *io, const cli_options *o, const op_plan *p,
                              op_diag *d)
{
    (void)p; /* the plan is the one read here */
    const char *sm = o->operands[0], *dir = o->operands[1];
    op_plan *q = op_plan_new();
    if (!q) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return cli_status(OP_ENOMEM);
    }
    op_status st = op_inputs_load_psplib(sm, q, d);
    if (st == OP_OK)
        st = write_plan(dir, q, d);
    if (st == OP_OK && !o->quiet)
        fprintf(io->out, "%s: %d jobs, %d resources -> %s/items.csv, %s/team.csv\n", sm,
                op_plan_item_count(q), op_plan_role_count(q), dir, dir);
    op_plan_free(q);
    return cli_status(st);
}
