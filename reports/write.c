/* write.c - writes every report file of one run into a directory */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

typedef int (*writer_fn)(FILE *, const op_plan *, const op_schedule *, const op_eval *,
                         const op_report_info *);

static int w_schedule(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                      const op_report_info *i)
{
    (void)s, (void)i;
    return rpt_write_schedule_csv(f, p, e);
}
static int w_allocation(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                        const op_report_info *i)
{
    (void)e, (void)i;
    return rpt_write_allocation_csv(f, p, s);
}
static int w_load(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                  const op_report_info *i)
{
    (void)s, (void)i;
    return rpt_write_load_csv(f, p, e);
}
static int w_gates(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                   const op_report_info *i)
{
    (void)s, (void)i;
    return rpt_write_gates_csv(f, p, e);
}
static int w_violations(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                        const op_report_info *i)
{
    (void)s, (void)i;
    return rpt_write_violations_csv(f, p, e);
}
static int w_svg(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                 const op_report_info *i)
{
    (void)s, (void)i;
    return rpt_write_svg(f, p, e);
}

static int w_summary(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                     const op_report_info *i)
{
    (void)s;
    return rpt_write_summary_csv(f, p, e, i);
}

static int w_staff(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                   const op_report_info *i)
{
    (void)s, (void)e;
    return op_report_team_csv(f, p, i->team);
}

static int w_changes(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                     const op_report_info *i)
{
    (void)s;
    return rpt_write_changes_csv(f, p, e, i->previous);
}

op_status rpt_write_file(const char *dir, const char *name, int (*fn)(FILE *, const void *),
                         const void *ctx, op_diag *d)
{
    size_t n = strlen(dir) + strlen(name) + 8;
    char *path = malloc(n), *tmp = malloc(n);
    op_loc l = {name, 0, 0};
    if (!path || !tmp) {
        free(path);
        free(tmp);
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    snprintf(path, n, "%s/%s", dir, name);
    snprintf(tmp, n, "%s/.%s~", dir, name);
    op_status st = OP_OK;
    FILE *f = fopen(tmp, "w");
    if (!f) {
        op_diag_error(d, OP_EOUTPUT, &l, "cannot create: %s", strerror(errno));
        st = OP_EOUTPUT;
        goto out;
    }
    int rc = fn(f, ctx);
    if (fflush(f) != 0 || ferror(f))
        rc = -1;
    int err = errno;
    if (rc == 0 && fsync(fileno(f)) != 0 && errno != EINVAL && errno != EROFS)
        rc = -1, err = errno;
    if (fclose(f) != 0 && rc == 0)
        rc = -1, err = errno;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1, err = errno;
    if (rc) {
        op_diag_error(d, OP_EIO, &l, "write error: %s", strerror(err ? err : EIO));
        remove(tmp);
        st = OP_EIO;
    }
out:
    free(path);
    free(tmp);
    return st;
}

/* What a report writer needs, passed through rpt_write_file. */
typedef struct report_ctx {
    writer_fn fn;
    const op_plan *p;
    const op_schedule *s;
    const op_eval *e;
    const op_report_info *info;
} report_ctx;

static int write_report(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return c->fn(f, c->p, c->s, c->e, c->info);
}

op_status op_reports_write(const char *dir, const op_plan *p, const op_schedule *s,
                           const op_eval *e, const op_report_info *info, op_diag *d)
{
    static const struct {
        const char *name;
        writer_fn fn;
        int check_only; /* 1 check only, 2 staff only, 3 re-planning only */
    } files[] = {{"staff.csv", w_staff, 2},
                 {"changes.csv", w_changes, 3},{"schedule.csv", w_schedule, 0},
                 {"allocation.csv", w_allocation, 0},
                 {"load.csv", w_load, 0},
                 {"gates.csv", w_gates, 0},
                 {"summary.csv", w_summary, 0},
                 {"violations.csv", w_violations, 1},
                 {"report.md", rpt_write_markdown, 0},
                 {"gantt.svg", w_svg, 0}};
    int check = strcmp(info->command, "check") == 0;
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        if ((files[k].check_only == 1 && !check) || (files[k].check_only == 2 && !info->team) ||
            (files[k].check_only == 3 && !info->previous))
            continue;
        report_ctx c = {files[k].fn, p, s, e, info};
        op_status st = rpt_write_file(dir, files[k].name, write_report, &c, d);
        if (st != OP_OK)
            return st;
    }
    return OP_OK;
}
