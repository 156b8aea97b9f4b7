/* common.c - steps the commands share: messages, names, reading a schedule, publishing reports */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

cli_outcome cli_status(op_status st)
{
    return (cli_outcome){.status = st, .verdict = CLI_DONE, .solve = OP_SOLVE_OPTIMAL};
}

cli_outcome cli_usage(const cli_io *io, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(io->err, "%s: ", io->prog);
    vfprintf(io->err, fmt, ap);
    fprintf(io->err, "\nTry '%s --help' for more information.\n", io->prog);
    va_end(ap);
    return (cli_outcome){.status = OP_OK, .verdict = CLI_USAGE, .solve = OP_SOLVE_OPTIMAL};
}

void cli_say(const cli_io *io, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(io->err, "%s: ", io->prog);
    vfprintf(io->err, fmt, ap);
    fputc('\n', io->err);
    va_end(ap);
}

const char *cli_base_name(const char *path, char *buf, size_t size)
{
    size_t len, k = op_path_base(path, &len);
    snprintf(buf, size, "%.*s", (int)len, path + k);
    return buf;
}

const char *cli_plan_name(const cli_options *o, char *buf, size_t size)
{
    return cli_base_name(o->plan_dir ? o->plan_dir : o->items, buf, size);
}

int cli_file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

op_status cli_load_schedule(const char *path, const op_plan *p, op_schedule **s, op_diag *d)
{
    return op_inputs_load_schedule(path, p, op_plan_natural_horizon(p), 0, s, d);
}

/* Writes log to dir/solve.log. */
static op_status write_log(const char *dir, const char *log, op_diag *d)
{
    char *path = op_path_join(dir, "solve.log");
    if (!path) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    FILE *f = fopen(path, "w");
    free(path);
    int bad = !f || fputs(log, f) < 0;
    if (f && fclose(f) != 0)
        bad = 1;
    if (bad) {
        op_loc l = {"solve.log", 0, 0};
        op_diag_error(d, OP_EIO, &l, "write error");
        return OP_EIO;
    }
    return OP_OK;
}

op_status cli_publish(const char *dir, const op_plan *p, const op_schedule *s, const op_eval *e,
                      const op_report_info *info, const char *log, op_diag *d)
{
    char *tmp = op_outdir_begin(dir, d);
    if (!tmp)
        return op_diag_status(d) ? op_diag_status(d) : OP_EOUTPUT;
    op_status st = op_reports_write(tmp, p, s, e, info, d);
    if (st == OP_OK && log)
        st = write_log(tmp, log, d);
    return op_outdir_end(tmp, dir, st, d);
}
