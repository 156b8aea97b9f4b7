/* import.c - import-psplib, import-jira, export-jira: other tools' files to and from optplan's */
#include <stdlib.h>
#include <string.h>

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

/* Gives the fix versions their --version-date release dates; a date for a
   version no issue names is a usage error (a typo would go unseen). */
static cli_outcome set_version_dates(const cli_io *io, const cli_options *o, op_tracker *t)
{
    for (int k = 0; k < o->nversion_dates; k++) {
        char name[OP_MAX_CELL + 1];
        snprintf(name, sizeof name, "%.*s", (int)o->version_dates[k].name_len,
                 o->version_dates[k].spec);
        if (op_tracker_set_version_date(t, name, o->version_dates[k].day))
            return cli_usage(io, "--version-date: no issue of the export has fix version '%s'",
                             name);
    }
    return cli_status(OP_OK);
}

/* Writes t's inputs into dir, all or nothing. */
static op_status write_tracker(const char *dir, const op_tracker *t, int gates, op_diag *d)
{
    char *tmp = op_outdir_begin(dir, d);
    if (!tmp)
        return op_diag_status(d) ? op_diag_status(d) : OP_EOUTPUT;
    op_status st = op_report_tracker_files(tmp, t, gates, d);
    return op_outdir_end(tmp, dir, st, d);
}

/* Says each warning of w on err. */
static void say_warnings(const cli_io *io, const op_diag *w)
{
    for (int i = 0; i < op_diag_kept(w); i++)
        fprintf(io->err, "%s: %s\n", io->prog, op_diag_message(w, i));
    if (op_diag_count(w) > op_diag_kept(w))
        fprintf(io->err, "%s: warning: %d more warnings not shown\n", io->prog,
                op_diag_count(w) - op_diag_kept(w));
}

cli_outcome cli_import_jira(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d)
{
    (void)p; /* the issues are the ones read here */
    const char *csv = o->operands[0], *dir = o->operands[1];
    op_tracker *t = op_tracker_new();
    op_diag *warn = op_diag_new(OP_MAX_ERRORS);
    if (!t || !warn) {
        op_tracker_free(t);
        op_diag_free(warn);
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return cli_status(OP_ENOMEM);
    }
    cli_outcome r = cli_status(op_inputs_load_jira(csv, &o->jira, t, d));
    if (r.status == OP_OK)
        r.status = op_tracker_check(t, o->drop_unknown_links, d, warn);
    if (r.status == OP_OK && o->jira_gates) {
        r = set_version_dates(io, o, t);
        if (r.verdict == CLI_DONE)
            r.status = op_tracker_check_versions(t, d);
    }
    if (r.verdict == CLI_DONE && r.status == OP_OK)
        say_warnings(io, warn);
    if (r.verdict == CLI_DONE && r.status == OP_OK)
        r.status = write_tracker(dir, t, o->jira_gates, d);
    if (r.verdict == CLI_DONE && r.status == OP_OK && !o->quiet)
        fprintf(io->out, "%s: %d issues, %d fix versions -> %s/items.csv, %s/status.csv%s%s%s\n",
                csv, op_tracker_issue_count(t), op_tracker_version_count(t), dir, dir,
                o->jira_gates ? ", " : "", o->jira_gates ? dir : "",
                o->jira_gates ? "/gates.csv" : "");
    op_tracker_free(t);
    op_diag_free(warn);
    return r;
}

cli_outcome cli_export_jira(const cli_io *io, const cli_options *o, const op_plan *p, op_diag *d)
{
    (void)p; /* the dates are a report directory's */
    op_tracker *t = op_tracker_new();
    if (!t) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return cli_status(OP_ENOMEM);
    }
    op_status st = op_inputs_load_plan_dates(o->operands[0], t, d);
    /* read whole before a byte is written: a bad directory leaves out empty */
    if (st == OP_OK && op_report_jira_update(io->out, t)) {
        op_diag_error(d, ferror(io->out) ? OP_EIO : OP_ENOMEM, NULL,
                      ferror(io->out) ? "write error on standard output" : "out of memory");
        st = ferror(io->out) ? OP_EIO : OP_ENOMEM;
    }
    op_tracker_free(t);
    return cli_status(st);
}
