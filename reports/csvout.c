/* csvout.c - the CSV reports: schedule, allocation, load, gates, violations */
#include <csv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *rpt_num(char *buf, size_t n, double v)
{
    if (fabs(v) < 5e-7)
        v = 0;
    snprintf(buf, n, "%.6f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = 0;
        if (end == dot)
            *end = 0;
    }
    return buf;
}

/* A text cell: quoted through libcsv when it needs quoting; a leading = + - @
   tab or CR gets an apostrophe so a spreadsheet never runs it as a formula. */
int rpt_cell(FILE *f, const char *s, int last)
{
    int rc = 0;
    if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
        size_t n = strlen(s);
        char *q = malloc(n + 2);
        if (!q)
            return -1;
        q[0] = '\'';
        memcpy(q + 1, s, n + 1);
        rc = csv_fwrite(f, q, n + 1);
        free(q);
    } else if (strpbrk(s, ",\"\r\n") || (s[0] && (s[0] == ' ' || s[strlen(s) - 1] == ' '))) {
        rc = csv_fwrite(f, s, strlen(s));
    } else {
        rc = fputs(s, f) < 0 ? -1 : 0;
    }
    if (fputc(last ? '\n' : ',', f) == EOF)
        rc = -1;
    return rc ? -1 : 0;
}

/* A number optplan computed: written as is. */
int rpt_cellnum(FILE *f, double v, int last)
{
    char b[32];
    return fprintf(f, "%s%c", rpt_num(b, sizeof b, v), last ? '\n' : ',') < 0 ? -1 : 0;
}

static int week_cell(FILE *f, int w, int last)
{
    if (!w)
        return rpt_cell(f, "", last);
    return rpt_cellnum(f, w, last);
}

static const char *prio_name(int p)
{
    static const char *const n[] = {"P0", "P1", "P2", "P3"};
    return n[p & 3];
}

static const op_eval *sort_e;

static int by_start(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    int si = op_eval_item(sort_e, i)->start_week, sj = op_eval_item(sort_e, j)->start_week;
    if (!si)
        si = 1 << 30;
    if (!sj)
        sj = 1 << 30;
    if (si != sj)
        return si < sj ? -1 : 1;
    return i < j ? -1 : (i > j);
}

int rpt_write_schedule_csv(FILE *f, const op_plan *p, const op_eval *e)
{
    int ni = op_plan_item_count(p);
    int *order = malloc(((size_t)ni + 1) * sizeof *order);
    if (!order)
        return -1;
    for (int i = 0; i < ni; i++)
        order[i] = i;
    sort_e = e;
    qsort(order, (size_t)ni, sizeof *order, by_start);
    int rc = fputs("id,title,role,priority,start_week,end_week,hours\n", f) < 0;
    for (int k = 0; k < ni && !rc; k++) {
        int i = order[k];
        const op_item *it = op_plan_item(p, i);
        const op_item_eval *ie = op_eval_item(e, i);
        rc |= rpt_cell(f, it->id, 0) | rpt_cell(f, it->title, 0) |
              rpt_cell(f, op_plan_role(p, it->role.index)->name, 0) | rpt_cell(f, prio_name(it->priority), 0) |
              week_cell(f, ie->start_week, 0) | week_cell(f, ie->end_week, 0) | rpt_cellnum(f, ie->hours, 1);
    }
    free(order);
    return rc ? -1 : 0;
}

int rpt_write_allocation_csv(FILE *f, const op_plan *p, const op_schedule *s)
{
    int rc = fputs("id,week,hours\n", f) < 0;
    for (int i = 0; i < op_plan_item_count(p) && !rc; i++)
        for (int t = 1; t <= op_schedule_weeks(s) && !rc; t++) {
            double h = op_schedule_get(s, i, t);
            if (h > 1e-6)
                rc |= rpt_cell(f, op_plan_item(p, i)->id, 0) | rpt_cellnum(f, t, 0) | rpt_cellnum(f, h, 1);
        }
    return rc ? -1 : 0;
}

int rpt_write_load_csv(FILE *f, const op_plan *p, const op_eval *e)
{
    int rc = fputs("role,week,capacity_hours,planned_hours,utilization\n", f) < 0;
    for (int r = 0; r < op_plan_role_count(p) && !rc; r++)
        for (int t = 1; t <= op_eval_weeks(e) && !rc; t++) {
            double c = op_plan_capacity(p, r, t), l = op_eval_load(e, r, t);
            rc |= rpt_cell(f, op_plan_role(p, r)->name, 0) | rpt_cellnum(f, t, 0) | rpt_cellnum(f, c, 0) | rpt_cellnum(f, l, 0);
            if (c > 0)
                rc |= rpt_cellnum(f, round(l / c * 1000) / 1000, 1);
            else
                rc |= rpt_cell(f, "", 1);
        }
    return rc ? -1 : 0;
}

int rpt_write_gates_csv(FILE *f, const op_plan *p, const op_eval *e)
{
    int rc = fputs("gate,deadline_week,passed_week,lateness_weeks,status,cause\n", f) < 0;
    for (int g = 0; g < op_plan_gate_count(p) && !rc; g++) {
        const op_gate *ga = op_plan_gate(p, g);
        const op_gate_eval *ge = op_eval_gate(e, g);
        char cause[1024] = "";
        if (!ge->passed_week || ge->lateness)
            op_report_gate_cause(p, e, g, cause, sizeof cause);
        rc |= rpt_cell(f, ga->id, 0) | rpt_cellnum(f, ga->deadline_week, 0) | week_cell(f, ge->passed_week, 0) |
              rpt_cellnum(f, ge->lateness, 0) |
              rpt_cell(f, !ge->passed_week ? "not passed" : ge->lateness ? "late" : "met", 0) |
              rpt_cell(f, cause, 1);
    }
    return rc ? -1 : 0;
}

static const char *const kind_names[] = {"over_capacity", "max_people", "dependency",
                                         "before_earliest", "after_due", "under_allocated",
                                         "over_allocated", "unscheduled", "gate_entry",
                                         "crew_broken"};

int rpt_write_violations_csv(FILE *f, const op_plan *p, const op_eval *e)
{
    int rc = fputs("kind,item,role,week,value,limit,message\n", f) < 0;
    for (int k = 0; k < op_eval_violation_count(e) && !rc; k++) {
        const op_violation *v = op_eval_violation(e, k);
        char text[1024];
        rpt_violation_text(p, v, text, sizeof text);
        rc |= rpt_cell(f, kind_names[v->kind], 0) | rpt_cell(f, v->item >= 0 ? op_plan_item(p, v->item)->id : "", 0) |
              rpt_cell(f, v->role >= 0 ? op_plan_role(p, v->role)->name : "", 0) | week_cell(f, v->week, 0) |
              rpt_cellnum(f, v->a, 0) | rpt_cellnum(f, v->b, 0) | rpt_cell(f, text, 1);
    }
    return rc ? -1 : 0;
}

static int write_items(FILE *f, const op_plan *p)
{
    static const char *const prio[] = {"P0", "P1", "P2", "P3"};
    int rc = fputs("id,title,priority,effort_hours,role,duration_weeks,crew,depends_on\n", f) < 0;
    for (int i = 0; i < op_plan_item_count(p) && !rc; i++) {
        const op_item *it = op_plan_item(p, i);
        char buf[OP_MAX_CELL + 1];
        size_t n = 0;
        buf[0] = 0;
        for (int k = 0; k < it->ncrew && n < sizeof buf; k++)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s=%s", k ? ";" : "",
                                  it->crew[k].role.name, RPT_NUM(it->crew[k].count));
        rc |= rpt_cell(f, it->id, 0) | rpt_cell(f, it->title, 0) | rpt_cell(f, prio[it->priority & 3], 0);
        if (it->duration)
            rc |= rpt_cell(f, "", 0) | rpt_cell(f, "", 0) | rpt_cellnum(f, it->duration, 0) | rpt_cell(f, buf, 0);
        else
            rc |= rpt_cellnum(f, it->effort, 0) | rpt_cell(f, it->role.name, 0) | rpt_cell(f, "", 0) |
                  rpt_cell(f, "", 0);
        n = 0;
        buf[0] = 0;
        for (int k = 0; k < it->ndeps && n < sizeof buf; k++)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", k ? ";" : "", it->deps[k].name);
        rc |= rpt_cell(f, buf, 1);
    }
    return rc || ferror(f) ? -1 : 0;
}

static int write_team(FILE *f, const op_plan *p)
{
    int rc = fputs("role,headcount,hours_per_week,from_week,to_week\n", f) < 0;
    for (int k = 0; k < op_plan_team_row_count(p) && !rc; k++) {
        const op_team_row *row = op_plan_team_row(p, k);
        rc |= rpt_cell(f, row->role.name, 0) | rpt_cellnum(f, row->headcount, 0) |
              rpt_cellnum(f, row->hours_per_week, 0) | rpt_cellnum(f, row->from_week, 0);
        rc |= row->to_week ? rpt_cellnum(f, row->to_week, 1) : rpt_cell(f, "", 1);
    }
    return rc || ferror(f) ? -1 : 0;
}

static int items_file(FILE *f, const void *p) { return write_items(f, p); }
static int team_file(FILE *f, const void *p) { return write_team(f, p); }

op_status op_report_plan_files(const char *dir, const op_plan *p, op_diag *d)
{
    op_status st = rpt_write_file(dir, "items.csv", items_file, p, d);
    return st == OP_OK ? rpt_write_file(dir, "team.csv", team_file, p, d) : st;
}
