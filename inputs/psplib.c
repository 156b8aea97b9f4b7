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

op_status op_inputs_load_psplib(const char *path, op_plan *p, op_diag *d)
{
    op_loc l = {path, 0, 0};
    FILE *f = fopen(path, "r");
    if (!f) {
        op_diag_error(d, OP_ENOINPUT, &l, "cannot open: %s", strerror(errno));
        return OP_ENOINPUT;
    }
    char line[4096];
    int njobs = -1, nres = -1, section = 0, avail[SM_MAX_RES], have_avail = 0;
    int rows_prec = 0, rows_req = 0;
    sm_job *jobs = NULL;
    op_status st = OP_OK;
    while (fgets(line, sizeof line, f)) {
        l.line++;
        if (!strchr(line, '\n') && !feof(f)) {
            op_diag_error(d, OP_EDATA, &l, "line longer than %zu bytes", sizeof line - 1);
            st = OP_EDATA;
            break;
        }
        if (strncmp(line, "jobs", 4) == 0) {
            njobs = after_colon(line);
            if (njobs < 2 || njobs > SM_MAX_JOBS) {
                op_diag_error(d, OP_EDATA, &l, "expected a job count from 2 to %d", SM_MAX_JOBS);
                st = OP_EDATA;
                break;
            }
            jobs = calloc((size_t)njobs + 1, sizeof *jobs);
            if (!jobs) {
                st = OP_ENOMEM;
                break;
            }
            continue;
        }
        if (strstr(line, "- renewable")) {
            nres = after_colon(line);
            if (nres < 1 || nres > SM_MAX_RES) {
                op_diag_error(d, OP_EDATA, &l, "expected 1 to %d renewable resources", SM_MAX_RES);
                st = OP_EDATA;
                break;
            }
            continue;
        }
        if (strstr(line, "- nonrenewable") || strstr(line, "- doubly")) {
            if (after_colon(line) > 0) {
                op_diag_error(d, OP_EDATA, &l, "only renewable resources are supported");
                st = OP_EDATA;
                break;
            }
            continue;
        }
        if (strncmp(line, "PRECEDENCE RELATIONS", 20) == 0) {
            section = 1;
            continue;
        }
        if (strncmp(line, "REQUESTS/DURATIONS", 18) == 0) {
            section = 2;
            continue;
        }
        if (strncmp(line, "RESOURCEAVAILABILITIES", 22) == 0) {
            section = 3;
            continue;
        }
        if (line[0] == '*') {
            section = 0;
            continue;
        }
        if (!section || line[0] == '-' || strncmp(line, "jobnr", 5) == 0 ||
            strspn(line, " \t\r\n") == strlen(line) || (section == 3 && strchr(line, 'R')))
            continue;
        if (!jobs || nres < 1) {
            op_diag_error(d, OP_EDATA, &l, "job and resource counts must come before the tables");
            st = OP_EDATA;
            break;
        }
        int v[SM_MAX_RES + 512];
        int n = ints(line, v, (int)(sizeof v / sizeof v[0]));
        if (n > (int)(sizeof v / sizeof v[0])) {
            op_diag_error(d, OP_EDATA, &l, "too many numbers on one line (at most %zu)",
                          sizeof v / sizeof v[0]);
            st = OP_EDATA;
            break;
        }
        if (section == 1) {
            /* jobnr #modes #successors successors... */
            if (n < 3 || v[0] < 1 || v[0] > njobs || v[1] != 1 || v[2] < 0 || n != 3 + v[2]) {
                op_diag_error(d, OP_EDATA, &l, "bad precedence row (expected: job, 1 mode, "
                                               "successor count, successors)");
                st = OP_EDATA;
                break;
            }
            sm_job *j = &jobs[v[0]];
            free(j->succ);
            j->succ = malloc(((size_t)v[2] + 1) * sizeof *j->succ);
            if (!j->succ) {
                st = OP_ENOMEM;
                break;
            }
            j->nsucc = v[2];
            for (int k = 0; k < v[2]; k++) {
                if (v[3 + k] < 1 || v[3 + k] > njobs || v[3 + k] == v[0]) {
                    op_diag_error(d, OP_EDATA, &l, "successor %d out of range", v[3 + k]);
                    st = OP_EDATA;
                }
                j->succ[k] = v[3 + k];
            }
            rows_prec++;
        } else if (section == 2) {
            /* jobnr mode duration R1..Rn */
            if (n != 3 + nres || v[0] < 1 || v[0] > njobs || v[1] != 1 || v[2] < 0) {
                op_diag_error(d, OP_EDATA, &l, "bad request row (expected: job, mode 1, duration, "
                                               "%d requests)", nres);
                st = OP_EDATA;
                break;
            }
            jobs[v[0]].duration = v[2];
            for (int k = 0; k < nres; k++) {
                if (v[3 + k] < 0) {
                    op_diag_error(d, OP_EDATA, &l, "negative request");
                    st = OP_EDATA;
                }
                jobs[v[0]].req[k] = v[3 + k];
            }
            rows_req++;
        } else if (section == 3) {
            if (n != nres) {
                op_diag_error(d, OP_EDATA, &l, "expected %d resource availabilities", nres);
                st = OP_EDATA;
                break;
            }
            for (int k = 0; k < nres; k++)
                avail[k] = v[k];
            have_avail = 1;
        }
        if (st != OP_OK)
            break;
    }
    fclose(f);
    if (st == OP_OK && (!jobs || nres < 1 || rows_prec != njobs || rows_req != njobs || !have_avail)) {
        l.line = 0;
        op_diag_error(d, OP_EDATA, &l, "incomplete instance: %d of %d precedence rows, %d of %d "
                                       "request rows, availabilities %s",
                      rows_prec, njobs, rows_req, njobs, have_avail ? "given" : "missing");
        st = OP_EDATA;
    }
    if (st == OP_ENOMEM)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    /* the plan: one role per resource at its capacity, one item per job with a
       duration; zero-duration jobs (the dummies) pass their precedences on */
    char name[64], crew[64];
    op_loc src = {path, 0, 0};
    /* jobs that use no resource still need a crew: a role "Free" with one
       person for each of them, so they never wait for each other */
    int needs_free = 0, nfree = 0;
    for (int k = 1; st == OP_OK && k <= njobs; k++) {
        int any = 0;
        for (int r = 0; r < nres; r++)
            any |= jobs[k].req[r] > 0;
        nfree += jobs[k].duration > 0 && !any;
    }
    needs_free = nfree > 0;
    for (int r = 0; st == OP_OK && r < nres + needs_free; r++) {
        op_team_row row;
        memset(&row, 0, sizeof row);
        snprintf(name, sizeof name, r < nres ? "R%d" : "Free", r + 1);
        row.role.name = op_plan_intern(p, name);
        row.role.index = -1;
        row.role.loc = row.loc = row.cost_loc = src;
        row.headcount = r < nres ? avail[r] : nfree;
        row.hours_per_week = 40;
        row.from_week = 1;
        row.cost_per_hour = -1;
        if (!row.role.name || op_plan_add_team_row(p, &row, d) < 0)
            st = OP_ENOMEM;
    }
    int *item_of = calloc((size_t)njobs + 2, sizeof *item_of);
    if (st == OP_OK && !item_of)
        st = OP_ENOMEM;
    for (int k = 1; st == OP_OK && k <= njobs; k++) {
        if (!jobs[k].duration)
            continue;
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
        it.duration = jobs[k].duration;
        it.loc = src;
        int first = -1;
        for (int r = 0; r < nres && first < 0; r++)
            if (jobs[k].req[r] > 0)
                first = r;
        snprintf(crew, sizeof crew, first < 0 ? "Free" : "R%d", first + 1);
        it.role.name = op_plan_intern(p, crew);
        it.role.index = -1;
        it.role.loc = src;
        int idx = it.id && it.title && it.category && it.role.name ? op_plan_add_item(p, &it, d) : -1;
        if (idx < 0) {
            st = op_diag_status(d) ? op_diag_status(d) : OP_ENOMEM;
            break;
        }
        item_of[k] = idx + 1;
        for (int r = 0; r <= nres; r++) {
            int cnt = r < nres ? jobs[k].req[r] : first < 0;
            if (cnt <= 0)
                continue;
            op_ref ref = {NULL, -1, src};
            snprintf(crew, sizeof crew, r < nres ? "R%d" : "Free", r + 1);
            ref.name = op_plan_intern(p, crew);
            if (!ref.name || op_plan_item_add_crew(p, idx, &ref, cnt)) {
                st = OP_ENOMEM;
                break;
            }
        }
    }
    /* precedences: the predecessors of each job, through zero-duration jobs */
    for (int k = 1; st == OP_OK && k <= njobs; k++) {
        if (!item_of[k])
            continue;
        /* walk successors; a zero-duration successor forwards to its own */
        int *stack = malloc(((size_t)njobs + 1) * sizeof *stack);
        char *seen = calloc((size_t)njobs + 1, 1);
        int top = 0;
        if (!stack || !seen) {
            free(stack);
            free(seen);
            st = OP_ENOMEM;
            break;
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
            op_ref ref = {op_plan_item(p, item_of[k] - 1)->id, -1, src};
            if (op_plan_item_add_dep(p, item_of[j] - 1, &ref))
                st = OP_ENOMEM;
        }
        free(stack);
        free(seen);
    }
    if (st == OP_ENOMEM)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    for (int k = 0; jobs && k <= njobs; k++)
        free(jobs[k].succ);
    free(jobs);
    free(item_of);
    if (st != OP_OK)
        return st;
    return op_plan_validate(p, d);
}
