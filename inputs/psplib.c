/* psplib.c - reads a single-mode RCPSP instance (PSPLIB .sm) into a plan */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"

#define SM_MAX_JOBS 10000
#define SM_MAX_RES 64

typedef struct sm_job {
    int duration;
    int req[SM_MAX_RES];
    int *succ;
    int nsucc;
} sm_job;

/* Parses the whitespace-separated integers of line into v (at most n);
   returns how many, or -1 when a token is not an integer. */
static int ints(const char *line, int *v, int n)
{
    int k = 0;
    const char *s = line;
    while (*s) {
        while (isspace((unsigned char)*s))
            s++;
        if (!*s)
            break;
        char *end;
        errno = 0;
        long x = strtol(s, &end, 10);
        if (end == s || errno || x < -1000000 || x > 1000000 || (*end && !isspace((unsigned char)*end)))
            return -1;
        if (k < n)
            v[k] = (int)x;
        k++;
        s = end;
    }
    return k;
}

/* "key : value" -> the integer after the colon, or -1. */
static int after_colon(const char *line)
{
    const char *c = strchr(line, ':');
    if (!c)
        return -1;
    char *end;
    long v = strtol(c + 1, &end, 10);
    return end == c + 1 ? -1 : (int)v;
}

/* What the reader has gathered so far; jobs is indexed 1..njobs. */
typedef struct sm_parse {
    int njobs, nres, section, have_avail, rows_prec, rows_req;
    int avail[SM_MAX_RES];
    sm_job *jobs;
} sm_parse;

/* Takes a count line, a section heading or a line to skip: 1 when line was one (*st set on an
   error, already reported), 0 when it is a table row. */
static int sm_header(sm_parse *ps, const char *line, const op_loc *l, op_diag *d, op_status *st)
{
    if (strncmp(line, "jobs", 4) == 0) {
        ps->njobs = after_colon(line);
        if (ps->njobs < 2 || ps->njobs > SM_MAX_JOBS) {
            op_diag_error(d, OP_EDATA, l, "expected a job count from 2 to %d", SM_MAX_JOBS);
            *st = OP_EDATA;
            return 1;
        }
        ps->jobs = calloc((size_t)ps->njobs + 1, sizeof *ps->jobs);
        if (!ps->jobs)
            *st = OP_ENOMEM;
        return 1;
    }
    if (strstr(line, "- renewable")) {
        ps->nres = after_colon(line);
        if (ps->nres < 1 || ps->nres > SM_MAX_RES) {
            op_diag_error(d, OP_EDATA, l, "expected 1 to %d renewable resources", SM_MAX_RES);
            *st = OP_EDATA;
        }
        return 1;
    }
    if (strstr(line, "- nonrenewable") || strstr(line, "- doubly")) {
        if (after_colon(line) > 0) {
            op_diag_error(d, OP_EDATA, l, "only renewable resources are supported");
            *st = OP_EDATA;
        }
        return 1;
    }
    static const struct {
        const char *head;
        int section;
    } heads[] = {{"PRECEDENCE RELATIONS", 1}, {"REQUESTS/DURATIONS", 2},
                 {"RESOURCEAVAILABILITIES", 3}};
    for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++)
        if (strncmp(line, heads[h].head, strlen(heads[h].head)) == 0) {
            ps->section = heads[h].section;
            return 1;
        }
    if (line[0] == '*') {
        ps->section = 0;
        return 1;
    }
    return !ps->section || line[0] == '-' || strncmp(line, "jobnr", 5) == 0 ||
           strspn(line, " \t\r\n") == strlen(line) || (ps->section == 3 && strchr(line, 'R'));
}

/* A precedence row (jobnr #modes #successors successors...) of n numbers v into its job;
   reports every successor out of range. */
static op_status sm_prec_row(sm_parse *ps, const int *v, int n, const op_loc *l, op_diag *d)
{
    if (n < 3 || v[0] < 1 || v[0] > ps->njobs || v[1] != 1 || v[2] < 0 || n != 3 + v[2]) {
        op_diag_error(d, OP_EDATA, l, "bad precedence row (expected: job, 1 mode, "
                                      "successor count, successors)");
        return OP_EDATA;
    }
    op_status st = OP_OK;
    sm_job *j = &ps->jobs[v[0]];
    free(j->succ);
    j->succ = malloc(((size_t)v[2] + 1) * sizeof *j->succ);
    if (!j->succ)
        return OP_ENOMEM;
    j->nsucc = v[2];
    for (int k = 0; k < v[2]; k++) {
        if (v[3 + k] < 1 || v[3 + k] > ps->njobs || v[3 + k] == v[0]) {
            op_diag_error(d, OP_EDATA, l, "successor %d out of range", v[3 + k]);
            st = OP_EDATA;
        }
        j->succ[k] = v[3 + k];
    }
    ps->rows_prec++;
    return st;
}

/* A request row (jobnr mode duration R1..Rn) of n numbers v into its job; reports every
   negative request. */
static op_status sm_req_row(sm_parse *ps, const int *v, int n, const op_loc *l, op_diag *d)
{
    if (n != 3 + ps->nres || v[0] < 1 || v[0] > ps->njobs || v[1] != 1 || v[2] < 0) {
        op_diag_error(d, OP_EDATA, l, "bad request row (expected: job, mode 1, duration, "
                                      "%d requests)", ps->nres);
        return OP_EDATA;
    }
    op_status st = OP_OK;
    ps->jobs[v[0]].duration = v[2];
    for (int k = 0; k < ps->nres; k++) {
        if (v[3 + k] < 0) {
            op_diag_error(d, OP_EDATA, l, "negative request");
            st = OP_EDATA;
        }
        ps->jobs[v[0]].req[k] = v[3 + k];
    }
    ps->rows_req++;
    return st;
}

/* One row of the current table into ps; OP_OK, or the error (reported unless OP_ENOMEM). */
static op_status sm_row(sm_parse *ps, const char *line, const op_loc *l, op_diag *d)
{
    if (!ps->jobs || ps->nres < 1) {
        op_diag_error(d, OP_EDATA, l, "job and resource counts must come before the tables");
        return OP_EDATA;
    }
    int v[SM_MAX_RES + 512];
    int n = ints(line, v, (int)(sizeof v / sizeof v[0]));
    if (n > (int)(sizeof v / sizeof v[0])) {
        op_diag_error(d, OP_EDATA, l, "too many numbers on one line (at most %zu)",
                      sizeof v / sizeof v[0]);
        return OP_EDATA;
    }
    if (ps->section == 1)
        return sm_prec_row(ps, v, n, l, d);
    if (ps->section == 2)
        return sm_req_row(ps, v, n, l, d);
    if (ps->section == 3) {
        if (n != ps->nres) {
            op_diag_error(d, OP_EDATA, l, "expected %d resource availabilities", ps->nres);
            return OP_EDATA;
        }
        for (int k = 0; k < ps->nres; k++)
            ps->avail[k] = v[k];
        ps->have_avail = 1;
    }
    return OP_OK;
}

/* Reads f up to its end or the first error into ps (l->line counts the lines); OP_OK, or the
   error (reported unless OP_ENOMEM). */
static op_status sm_read(FILE *f, sm_parse *ps, op_loc *l, op_diag *d)
{
    char line[4096];
    op_status st = OP_OK;
    while (st == OP_OK && fgets(line, sizeof line, f)) {
        l->line++;
        if (!strchr(line, '\n') && !feof(f)) {
            op_diag_error(d, OP_EDATA, l, "line longer than %zu bytes", sizeof line - 1);
            return OP_EDATA;
        }
        if (!sm_header(ps, line, l, d, &st))
            st = sm_row(ps, line, l, d);
    }
    return st;
}

/* Adds one role per resource at its capacity, and "Free" with one person for each job that
   uses no resource (so they never wait for each other); OP_OK or OP_ENOMEM. */
static op_status sm_add_roles(op_plan *p, const sm_parse *ps, const op_loc *src, op_diag *d)
{
    char name[64];
    int needs_free = 0, nfree = 0;
    for (int k = 1; k <= ps->njobs; k++) {
        int any = 0;
        for (int r = 0; r < ps->nres; r++)
            any |= ps->jobs[k].req[r] > 0;
        nfree += ps->jobs[k].duration > 0 && !any;
    }
    needs_free = nfree > 0;
    for (int r = 0; r < ps->nres + needs_free; r++) {
        op_team_row row;
        memset(&row, 0, sizeof row);
        snprintf(name, sizeof name, r < ps->nres ? "R%d" : "Free", r + 1);
        row.role.name = op_plan_intern(p, name);
        row.role.index = -1;
        row.role.loc = row.loc = row.cost_loc = *src;
        row.headcount = r < ps->nres ? ps->avail[r] : nfree;
        row.hours_per_week = 40;
        row.from_week = 1;
        row.cost_per_hour = -1;
        if (!row.role.name || op_plan_add_team_row(p, &row, d) < 0)
            return OP_ENOMEM;
    }
    return OP_OK;
}

/* Adds job k (of nonzero duration) as item "J<k>" with its crew, its index + 1 in item_of[k];
   OP_OK or the error (reported unless OP_ENOMEM). */
static op_status sm_add_item(op_plan *p, const sm_parse *ps, int k, int *item_of,
                             const op_loc *src, op_diag *d)
{
    char name[64], crew[64];
    op_item it;
    memset(&it, 0, sizeof it);
    snprintf(name, sizeof name, "J%d", k);
    it.id = op_plan_intern(p, name);
    snprintf(name, sizeof name, "job %d", k);
    it.title = op_plan_intern(p, name);
    it.category = op_plan_intern(p, "");
    it.priority = 1;
    it.effort = 1;
    it.quick_win = -1;
    it.max_people = 1;
    it.duration = ps->jobs[k].duration;
    it.loc = *src;
    int first = -1;
    for (int r = 0; r < ps->nres && first < 0; r++)
        if (ps->jobs[k].req[r] > 0)
            first = r;
    snprintf(crew, sizeof crew, first < 0 ? "Free" : "R%d", first + 1);
    it.role.name = op_plan_intern(p, crew);
    it.role.index = -1;
    it.role.loc = *src;
    int idx = it.id && it.title && it.category && it.role.name ? op_plan_add_item(p, &it, d) : -1;
    if (idx < 0)
        return op_diag_status(d) ? op_diag_status(d) : OP_ENOMEM;
    item_of[k] = idx + 1;
    for (int r = 0; r <= ps->nres; r++) {
        int cnt = r < ps->nres ? ps->jobs[k].req[r] : first < 0;
        if (cnt <= 0)
            continue;
        op_ref ref = {NULL, -1, *src};
        snprintf(crew, sizeof crew, r < ps->nres ? "R%d" : "Free", r + 1);
        ref.name = op_plan_intern(p, crew);
        if (!ref.name || op_plan_item_add_crew(p, idx, &ref, cnt))
            return OP_ENOMEM;
    }
    return OP_OK;
}

/* Makes item k a predecessor of the items after it, seen through zero-duration jobs (which
   forward to their own successors); OP_OK or OP_ENOMEM. */
static op_status sm_add_deps(op_plan *p, const sm_parse *ps, int k, const int *item_of,
                             const op_loc *src)
{
    int njobs = ps->njobs;
    const sm_job *jobs = ps->jobs;
    int *stack = malloc(((size_t)njobs + 1) * sizeof *stack);
    char *seen = calloc((size_t)njobs + 1, 1);
    int top = 0;
    op_status st = OP_OK;
    if (!stack || !seen) {
        free(stack);
        free(seen);
        return OP_ENOMEM;
    }
    for (int s = 0; s < jobs[k].nsucc; s++)
        stack[top++] = jobs[k].succ[s];
    while (top > 0 && st == OP_OK) {
        int j = stack[--top];
        if (seen[j])
            continue;
        seen[j] = 1;
        if (!item_of[j]) {
            for (int s = 0; s < jobs[j].nsucc && top < njobs; s++)
                stack[top++] = jobs[j].succ[s];
            continue;
        }
        op_ref ref = {op_plan_item(p, item_of[k] - 1)->id, -1, *src};
        if (op_plan_item_add_dep(p, item_of[j] - 1, &ref))
            st = OP_ENOMEM;
    }
    free(stack);
    free(seen);
    return st;
}

/* The plan of a read instance: its roles, one item per job with a duration, and the
   precedences; OP_OK or the error (reported unless OP_ENOMEM). */
static op_status sm_build(op_plan *p, const sm_parse *ps, int *item_of, const op_loc *src,
                          op_diag *d)
{
    op_status st = sm_add_roles(p, ps, src, d);
    if (st == OP_OK && !item_of)
        st = OP_ENOMEM;
    for (int k = 1; st == OP_OK && k <= ps->njobs; k++)
        if (ps->jobs[k].duration)
            st = sm_add_item(p, ps, k, item_of, src, d);
    for (int k = 1; st == OP_OK && k <= ps->njobs; k++)
        if (item_of[k])
            st = sm_add_deps(p, ps, k, item_of, src);
    return st;
}

op_status op_inputs_load_psplib(const char *path, op_plan *p, op_diag *d)
{
    op_loc l = {path, 0, 0};
    FILE *f = fopen(path, "r");
    if (!f) {
        op_diag_error(d, OP_ENOINPUT, &l, "cannot open: %s", strerror(errno));
        return OP_ENOINPUT;
    }
    sm_parse ps = {.njobs = -1, .nres = -1};
    op_status st = sm_read(f, &ps, &l, d);
    fclose(f);
    if (st == OP_OK && (!ps.jobs || ps.nres < 1 || ps.rows_prec != ps.njobs ||
                        ps.rows_req != ps.njobs || !ps.have_avail)) {
        l.line = 0;
        op_diag_error(d, OP_EDATA, &l, "incomplete instance: %d of %d precedence rows, %d of %d "
                                       "request rows, availabilities %s",
                      ps.rows_prec, ps.njobs, ps.rows_req, ps.njobs,
                      ps.have_avail ? "given" : "missing");
        st = OP_EDATA;
    }
    if (st == OP_ENOMEM)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    op_loc src = {path, 0, 0};
    int *item_of = NULL;
    if (st == OP_OK) {
        item_of = calloc((size_t)ps.njobs + 2, sizeof *item_of);
        st = sm_build(p, &ps, item_of, &src, d);
    }
    if (st == OP_ENOMEM)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    for (int k = 0; ps.jobs && k <= ps.njobs; k++)
        free(ps.jobs[k].succ);
    free(ps.jobs);
    free(item_of);
    if (st != OP_OK)
        return st;
    return op_plan_validate(p, d);
}
