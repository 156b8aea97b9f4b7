/* readback.c - what compare, sweep and re-planning read from runs read back; same plan or not */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int rpt_union_keys(op_run *const *runs, int n, op_run_part part, const char ***out)
{
    int cap = 0, m = 0;
    for (int k = 0; k < n; k++)
        cap += op_run_count(runs[k], part);
    const char **keys = malloc(((size_t)cap + 1) * sizeof *keys);
    if (!keys)
        return -1;
    for (int k = 0; k < n; k++)
        for (int j = 0; j < op_run_count(runs[k], part); j++) {
            const char *key = op_run_key(runs[k], part, j);
            int seen = 0;
            for (int q = 0; q < m && !seen; q++)
                seen = strcmp(keys[q], key) == 0;
            if (!seen)
                keys[m++] = key;
        }
    *out = keys;
    return m;
}

const char *rpt_run_val(const op_run *r, op_run_part part, const char *key, int which)
{
    const char *v = op_run_get(r, part, key, which);
    return v ? v : "";
}

op_period rpt_run_period(const op_run *r)
{
    const char *v = op_run_get(r, OP_RUN_METRIC, "period", 0);
    return v && strcmp(v, "day") == 0 ? OP_PERIOD_DAY : OP_PERIOD_WEEK;
}

double rpt_run_metric(const op_run *r, const char *key)
{
    const char *v = op_run_get(r, OP_RUN_METRIC, key, 0);
    return v && v[0] ? atof(v) : 0;
}

void rpt_forecast_cell(FILE *f, const op_run *r, const char *gate)
{
    const char *p80 = op_run_get(r, OP_RUN_FORECAST, gate, 0);
    const char *on = op_run_get(r, OP_RUN_FORECAST, gate, 1);
    if (!p80 || !on)
        return;
    if (p80[0])
        fprintf(f, " P80 %s", p80);
    else
        fputs(" P80 after the team's weeks", f);
    fprintf(f, ", %.0f %%", 100 * atof(on));
}

/* Distinct roles of run r's load rows into roles (room for its load row
   count); their number. */
static int run_roles(const op_run *r, const char **roles, size_t *lens)
{
    int m = 0;
    for (int k = 0; k < op_run_count(r, OP_RUN_LOAD); k++) {
        const char *key = op_run_key(r, OP_RUN_LOAD, k), *sep = strchr(key, OP_RUN_KEY_SEP);
        size_t len = sep ? (size_t)(sep - key) : strlen(key);
        int seen = 0;
        for (int q = 0; q < m && !seen; q++)
            seen = lens[q] == len && strncmp(roles[q], key, len) == 0;
        if (!seen) {
            roles[m] = key;
            lens[m++] = len;
        }
    }
    return m;
}

/* Roles check of op_report_run_differs: -1 on ENOMEM. */
static int roles_differ(const op_plan *p, const op_run *prev, char *buf, size_t n)
{
    int nl = op_run_count(prev, OP_RUN_LOAD);
    if (!nl)
        return 0; /* a report without load.csv: its roles are not known */
    const char **roles = malloc((size_t)nl * sizeof *roles);
    size_t *lens = malloc((size_t)nl * sizeof *lens);
    char name[256];
    if (!roles || !lens) {
        free(roles);
        free(lens);
        return -1;
    }
    int m = run_roles(prev, roles, lens), gone = 0, have = 0;
    for (int q = 0; q < m; q++) {
        snprintf(name, sizeof name, "%.*s", (int)lens[q], roles[q]);
        if (op_plan_find_role(p, name) < 0)
            gone++;
        else
            have++;
    }
    free(roles);
    free(lens);
    int np = op_plan_role_count(p);
    if (2 * gone > m)
        snprintf(buf, n, "%d of its %d roles are not in this one", gone, m);
    else if (2 * (np - have) > np)
        snprintf(buf, n, "it has %d of this plan's %d roles", have, np);
    return 2 * gone > m || 2 * (np - have) > np;
}

int op_report_run_differs(const op_plan *p, const op_run *prev, char *buf, size_t n)
{
    int m = op_run_count(prev, OP_RUN_ITEM), gone = 0, have = 0;
    for (int k = 0; k < m; k++) {
        if (op_plan_find_item(p, op_run_key(prev, OP_RUN_ITEM, k)) < 0)
            gone++;
        else
            have++;
    }
    int np = op_plan_item_count(p);
    if (2 * gone > m) {
        snprintf(buf, n, "%d of its items are not in this one", gone);
        return 1;
    }
    if (2 * (np - have) > np) {
        snprintf(buf, n, "it has %d of this plan's %d items", have, np);
        return 1;
    }
    return roles_differ(p, prev, buf, n);
}
