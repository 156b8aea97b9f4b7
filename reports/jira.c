/* jira.c - a tracker's issues written as optplan inputs, and planned dates for Jira's importer */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

/* The depends_on cell: keys joined with ';', as items.csv reads them back. */
static void join_deps(const op_issue *is, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (int k = 0; k < is->ndeps; k++)
        rpt_append(buf, n, &len, "%s%s", k ? ";" : "", is->deps[k].name);
}

/* A date cell, YYYY-MM-DD; empty for OP_DATE_NONE. */
static int cell_date(FILE *f, op_date day, int last)
{
    char buf[OP_DATE_LEN] = "";
    if (day != OP_DATE_NONE)
        op_date_format(day, buf);
    return rpt_cell(f, buf, last);
}

static int write_items(FILE *f, const void *ctx)
{
    const op_tracker *t = ctx;
    int rc = fputs("id,title,category,priority,effort_hours,role,depends_on,due_week\n", f) < 0;
    char *buf = malloc(OP_MAX_CELL + 1);
    if (!buf)
        return -1;
    for (int i = 0; i < op_tracker_issue_count(t) && !rc; i++) {
        const op_issue *is = op_tracker_issue(t, i);
        join_deps(is, buf, OP_MAX_CELL + 1);
        rc = rpt_cell(f, is->key, 0) || rpt_cell(f, is->title, 0) || rpt_cell(f, is->type, 0) ||
             rpt_cell(f, op_priority_name(is->priority), 0) || rpt_cellnum(f, is->effort, 0) ||
             rpt_cell(f, is->role, 0) || rpt_cell(f, buf, 0) || cell_date(f, is->due, 1);
    }
    free(buf);
    return rc || ferror(f) ? -1 : 0;
}

/* A cell of hours, empty when not given (< 0). */
static int cell_hours(FILE *f, double h, int last)
{
    return h < 0 ? rpt_cell(f, "", last) : rpt_cellnum(f, h, last);
}

static int write_status(FILE *f, const void *ctx)
{
    static const char *const states[] = {"todo", "doing", "done"};
    const op_tracker *t = ctx;
    int rc = fputs("id,state,remaining_hours,spent_hours\n", f) < 0;
    for (int i = 0; i < op_tracker_issue_count(t) && !rc; i++) {
        const op_issue *is = op_tracker_issue(t, i);
        int doing = is->state == OP_ISSUE_DOING; /* hours matter to a started item only */
        rc = rpt_cell(f, is->key, 0) || rpt_cell(f, states[is->state], 0) ||
             cell_hours(f, doing ? is->remaining : -1, 0) ||
             cell_hours(f, doing ? is->spent : -1, 1);
    }
    return rc || ferror(f) ? -1 : 0;
}

/* The fix versions' indices ordered by release date, then by first mention. */
static int *versions_by_date(const op_tracker *t)
{
    int n = op_tracker_version_count(t);
    int *order = malloc(((size_t)n + 1) * sizeof *order);
    for (int v = 0; order && v < n; v++) {
        op_date dv, dw;
        op_tracker_version(t, v, &dv);
        int k = v;
        for (; k > 0 && (op_tracker_version(t, order[k - 1], &dw), dw > dv); k--)
            order[k] = order[k - 1];
        order[k] = v;
    }
    return order;
}

static int write_gates(FILE *f, const void *ctx)
{
    const op_tracker *t = ctx;
    int rc = fputs("gate,name,deadline_week,items\n", f) < 0;
    int *order = versions_by_date(t);
    char *buf = malloc(OP_MAX_CELL + 1);
    if (!order || !buf) {
        free(order);
        free(buf);
        return -1;
    }
    for (int k = 0; k < op_tracker_version_count(t) && !rc; k++) {
        op_date day;
        const char *name = op_tracker_version(t, order[k], &day);
        size_t len = 0;
        buf[0] = 0;
        for (int i = 0; i < op_tracker_issue_count(t); i++) {
            const op_issue *is = op_tracker_issue(t, i);
            for (int j = 0; j < is->nversions; j++)
                if (is->versions[j] == name)
                    rpt_append(buf, OP_MAX_CELL + 1, &len, "%s%s", len ? ";" : "", is->key);
        }
        rc = rpt_cell(f, name, 0) || rpt_cell(f, name, 0) || cell_date(f, day, 0) ||
             rpt_cell(f, buf, 1);
    }
    free(order);
    free(buf);
    return rc || ferror(f) ? -1 : 0;
}

op_status op_report_tracker_files(const char *dir, const op_tracker *t, int gates, op_diag *d)
{
    op_status st = rpt_write_file(dir, "items.csv", write_items, t, d);
    if (st == OP_OK)
        st = rpt_write_file(dir, "status.csv", write_status, t, d);
    if (st == OP_OK && gates)
        st = rpt_write_file(dir, "gates.csv", write_gates, t, d);
    return st;
}

/* Jira's default import date format, dd/MMM/yy h:mm a, at midnight. */
static int cell_jira_date(FILE *f, op_date day, int last)
{
    static const char months[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char iso[OP_DATE_LEN], buf[32];
    op_date_format(day, iso);
    int y = atoi(iso), m = atoi(iso + 5), dd = atoi(iso + 8);
    snprintf(buf, sizeof buf, "%02d/%s/%02d 12:00 AM", dd, months[(m - 1) % 12], y % 100);
    return rpt_cell(f, buf, last);
}

int op_report_jira_update(FILE *f, const op_tracker *t)
{
    int rc = fputs("Issue key,Start date,Due date\n", f) < 0;
    for (int i = 0; i < op_tracker_issue_count(t) && !rc; i++) {
        const op_issue *is = op_tracker_issue(t, i);
        rc = rpt_cell(f, is->key, 0) || cell_jira_date(f, is->start, 0) ||
             cell_jira_date(f, is->due, 1);
    }
    return rc || ferror(f) ? -1 : 0;
}
