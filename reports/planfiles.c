/* planfiles.c - a plan written back as inputs (items.csv, team.csv): import-psplib */
#include <stdio.h>

#include "internal.h"

/* Joins up to the cell limit, as items.csv reads them back: "a;b;c". */
static void join_deps(const op_item *it, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (int k = 0; k < it->ndeps; k++)
        rpt_append(buf, n, &len, "%s%s", k ? ";" : "", it->deps[k].name);
}

static void join_crew(const op_item *it, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (int k = 0; k < it->ncrew; k++)
        rpt_append(buf, n, &len, "%s%s=%s", k ? ";" : "", it->crew[k].role.name,
                   RPT_NUM(it->crew[k].count));
}

static int write_items(FILE *f, const void *ctx)
{
    const op_plan *p = ctx;
    int rc = fputs("id,title,priority,effort_hours,role,duration_weeks,crew,depends_on\n", f) < 0;
    for (int i = 0; i < op_plan_item_count(p) && !rc; i++) {
        const op_item *it = op_plan_item(p, i);
        char buf[OP_MAX_CELL + 1];
        rc = rpt_cell(f, it->id, 0) || rpt_cell(f, it->title, 0) ||
             rpt_cell(f, op_priority_name(it->priority), 0);
        /* a fixed-duration item has a crew, an effort item a role */
        if (it->duration) {
            join_crew(it, buf, sizeof buf);
            rc = rc || rpt_cell(f, "", 0) || rpt_cell(f, "", 0) ||
                 rpt_cellnum(f, it->duration, 0) || rpt_cell(f, buf, 0);
        } else {
            rc = rc || rpt_cellnum(f, it->effort, 0) || rpt_cell(f, it->role.name, 0) ||
                 rpt_cell(f, "", 0) || rpt_cell(f, "", 0);
        }
        join_deps(it, buf, sizeof buf);
        rc = rc || rpt_cell(f, buf, 1);
    }
    return rc || ferror(f) ? -1 : 0;
}

static int write_team(FILE *f, const void *ctx)
{
    const op_plan *p = ctx;
    int rc = fputs("role,headcount,hours_per_week,from_week,to_week\n", f) < 0;
    for (int k = 0; k < op_plan_team_row_count(p) && !rc; k++) {
        const op_team_row *row = op_plan_team_row(p, k);
        rc = rpt_cell(f, row->role.name, 0) || rpt_cellnum(f, row->headcount, 0) ||
             rpt_cellnum(f, row->hours_per_week, 0) || rpt_cellnum(f, row->from_week, 0) ||
             rpt_cellweek(f, row->to_week, 1);
    }
    return rc || ferror(f) ? -1 : 0;
}

op_status op_report_plan_files(const char *dir, const op_plan *p, op_diag *d)
{
    op_status st = rpt_write_file(dir, "items.csv", write_items, p, d);
    return st == OP_OK ? rpt_write_file(dir, "team.csv", write_team, p, d) : st;
}
