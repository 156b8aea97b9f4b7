/* runs.c - reads back report directories (summary, gates, schedule, load) for compare, re-plans */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#include "csvread.h"

typedef struct run_ctx {
    op_run *run;
    op_run_part part;
    int ka, kb; /* columns stored as a and b; -1 for none */
    int kjoin;  /* a column appended to the key after OP_RUN_KEY_SEP; -1 for none */
    int kkey;   /* the key column */
    const char *only; /* keep only rows whose first column is this; NULL: all */
    op_diag *d;
} run_ctx;

static int run_row(void *ctx, const row_view *r)
{
    run_ctx *c = ctx;
    if (c->only && strcmp(r->cell[0], c->only) != 0)
        return 0;
    if (!r->cell[c->kkey][0]) {
        op_loc l = csvread_loc(r, 0);
        op_diag_error(c->d, OP_EDATA, &l, "empty key");
        return 0;
    }
    char key[512];
    if (c->kjoin >= 0)
        snprintf(key, sizeof key, "%s%c%s", r->cell[0], OP_RUN_KEY_SEP, r->cell[c->kjoin]);
    if (op_run_put(c->run, c->part, c->kjoin >= 0 ? key : r->cell[c->kkey],
                   c->ka >= 0 ? r->cell[c->ka] : NULL,
                   c->kb >= 0 ? r->cell[c->kb] : NULL)) {
        op_diag_error(c->d, OP_ENOMEM, NULL, "out of memory");
        return -1;
    }
    return 0;
}

op_status op_inputs_load_run(const char *dir, const char *label, op_run **out, op_diag *d)
{
    static const col_spec summary_cols[] = {{"metric", 1, NULL}, {"value", 1, NULL}};
    static const col_spec gate_cols[] = {{"gate", 1, NULL},           {"deadline_week", 1, NULL},
                                         {"passed_week", 1, NULL},    {"lateness_weeks", 0, NULL},
                                         {"status", 0, NULL},         {"cause", 0, NULL},
                                         {"deadline_date", 0, NULL},  {"passed_date", 0, NULL}};
    static const col_spec item_cols[] = {{"id", 1, NULL},         {"title", 0, NULL},    {"role", 0, NULL},
                                         {"priority", 0, NULL},   {"start_week", 1, NULL}, {"end_week", 1, NULL},
                                         {"hours", 0, NULL},      {"due_week", 0, NULL},
                                         {"weeks_late", 0, NULL},
                                         {"start_date", 0, NULL}, {"end_date", 0, NULL}};
    static const col_spec load_cols[] = {{"role", 1, NULL}, {"week", 1, NULL},
                                         {"capacity_hours", 1, NULL}, {"planned_hours", 0, NULL},
                                         {"utilization", 0, NULL}};
    static const col_spec forecast_cols[] = {
        {"kind", 1, NULL},     {"id", 0, NULL},       {"deadline_week", 0, NULL},
        {"planned_week", 0, NULL}, {"p50_week", 0, NULL}, {"p80_week", 1, NULL},
        {"p95_week", 0, NULL}, {"on_time", 1, NULL},  {"criticality", 0, NULL}};
    static const struct {
        const char *name;
        const col_spec *cols;
        int ncols;
        op_run_part part;
        int ka, kb, kjoin, kkey;
        const char *only;
        int optional; /* load.csv: absent in report directories of older versions;
                         forecast.csv: only with --simulate */
    } files[] = {{"summary.csv", summary_cols, 2, OP_RUN_METRIC, 1, -1, -1, 0, NULL, 0},
                 {"gates.csv", gate_cols, 8, OP_RUN_GATE, 1, 2, -1, 0, NULL, 0},
                 {"schedule.csv", item_cols, 11, OP_RUN_ITEM, 4, 5, -1, 0, NULL, 0},
                 {"load.csv", load_cols, 5, OP_RUN_LOAD, 2, -1, 1, 0, NULL, 1},
                 {"forecast.csv", forecast_cols, 9, OP_RUN_FORECAST, 5, 7, -1, 1, "gate", 1}};
    *out = NULL;
    op_run *run = op_run_new(label);
    if (!run) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    op_loc l = {dir, 0, 0};
    struct stat sb;
    size_t n = strlen(dir) + 32;
    char *path = malloc(n);
    if (!path) {
        op_run_free(run);
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    snprintf(path, n, "%s/.optplan-report", dir);
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        op_diag_error(d, OP_ENOINPUT, &l, "not a directory");
        free(path);
        op_run_free(run);
        return OP_ENOINPUT;
    }
    if (stat(path, &sb) != 0) {
        op_diag_error(d, OP_EDATA, &l, "not an optplan report directory (no .optplan-report)");
        free(path);
        op_run_free(run);
        return OP_EDATA;
    }
    free(path);
    int before = op_diag_count(d);
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        /* diagnostics copy their text, so a local path is enough */
        char *fp = op_path_join(dir, files[k].name);
        if (!fp) {
            op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
            break;
        }
        run_ctx c = {run,           files[k].part,  files[k].ka, files[k].kb,
                     files[k].kjoin, files[k].kkey, files[k].only, d};
        if (!files[k].optional || stat(fp, &sb) == 0)
            csvread_table(fp, files[k].cols, files[k].ncols, 1, run_row, &c, d);
        free(fp);
    }
    if (op_diag_count(d) > before) {
        op_run_free(run);
        return op_diag_status(d);
    }
    *out = run;
    return OP_OK;
}

/* 1 when dir holds the file name (0 also on ENOMEM: not listed). */
static int has_file(const char *dir, const char *name)
{
    struct stat sb;
    char *m = op_path_join(dir, name);
    int yes = m && stat(m, &sb) == 0;
    free(m);
    return yes;
}

/* 1 when dir holds the marker optplan writes into every report directory. */
static int is_report_dir(const char *dir) { return has_file(dir, ".optplan-report"); }

/* A run's report directory: the marker and a summary (compare and sweep
   write the marker into directories without one). */
static int is_run_dir(const char *dir)
{
    return is_report_dir(dir) && has_file(dir, "summary.csv") && has_file(dir, "gates.csv");
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends path to the growing list; -1 on ENOMEM (path freed). */
static int push_dir(char ***dirs, int *n, int *cap, char *path)
{
    if (!path)
        return -1;
    if (*n == *cap) {
        int nc = *cap ? 2 * *cap : 16;
        char **t = realloc(*dirs, (size_t)nc * sizeof *t);
        if (!t) {
            free(path);
            return -1;
        }
        *dirs = t, *cap = nc;
    }
    (*dirs)[(*n)++] = path;
    return 0;
}

op_status op_inputs_run_dirs(const char *path, char ***dirs, int *n, op_diag *d)
{
    op_loc l = {path, 0, 0};
    struct stat sb;
    int cap = 0, bad = 0;
    *dirs = NULL, *n = 0;
    if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        op_diag_error(d, OP_ENOINPUT, &l, "not a directory");
        return OP_ENOINPUT;
    }
    if (is_report_dir(path)) {
        bad = push_dir(dirs, n, &cap, strdup(path));
    } else {
        DIR *dp = opendir(path);
        struct dirent *de;
        while (dp && !bad && (de = readdir(dp)) != NULL) {
            if (de->d_name[0] == '.')
                continue; /* ., .., and optplan's hidden temporary directories */
            char *sub = op_path_join(path, de->d_name);
            if (sub && lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode) && is_run_dir(sub))
                bad = push_dir(dirs, n, &cap, sub);
            else
                free(sub);
            bad |= !sub;
        }
        if (!dp) {
            op_diag_error(d, OP_ENOINPUT, &l, "cannot read the directory");
            return OP_ENOINPUT;
        }
        closedir(dp);
    }
    if (bad) {
        op_inputs_run_dirs_free(*dirs, *n);
        *dirs = NULL, *n = 0;
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    if (!*n) {
        op_diag_error(d, OP_EDATA, &l, "no optplan report directories in it");
        return OP_EDATA;
    }
    qsort(*dirs, (size_t)*n, sizeof **dirs, by_name);
    return OP_OK;
}

void op_inputs_run_dirs_free(char **dirs, int n)
{
    for (int k = 0; dirs && k < n; k++)
        free(dirs[k]);
    free(dirs);
}
