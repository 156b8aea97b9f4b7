/* validate.c - the validate command: the inputs read and checked, a summary printed */
#include "cli/cli.h"

cli_outcome cli_validate(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d)
{
    (void)d; /* reading the plan was the check: main did it */
    if (!o->quiet)
        op_report_summary(io->out, p);
    return cli_status(OP_OK);
}
