/* settings.c - the plan's settings.csv (start date, report conventions) and holidays.csv */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"

/* ---- settings.csv ---------------------------------------------------- */

enum { S_KEY, S_VALUE, S_N };
static const col_spec settings_cols[S_N] = {{"key", 1, NULL}, {"value", 1, NULL}};

/* The keys, in the order the README lists them. */
enum { K_START, K_GO, K_MEDIUM, K_HIGH, K_STARTS, K_WORKS, K_ENDS, K_N };
static const char *const keys[K_N] = {"start",          "go_should_percent", "effort_medium_from",
                                      "effort_high_from", "roadmap_starts",   "roadmap_works",
                                      "roadmap_ends"};

typedef struct settings_ctx {
    op_settings *s;
    op_diag *d;
    unsigned line[K_N]; /* the line each key was given on, 0: not given */
} settings_ctx;

/* Reports an unknown key at its cell, with the closest key as a hint. */
static void unknown_key(const row_view *r, op_diag *d)
{
    op_loc l = csvread_loc(r, S_KEY);
    int near = op_closest_name(r->cell[S_KEY], keys, K_N);
    if (near >= 0)
        op_diag_error(d, OP_EDATA, &l, "unknown setting \"%.60s\"; did you mean \"%s\"?",
                      r->cell[S_KEY], keys[near]);
    else
        op_diag_error(d, OP_EDATA, &l,
                      "unknown setting \"%.60s\" (known: start, go_should_percent, "
                      "effort_medium_from, effort_high_from, roadmap_starts, roadmap_works, "
                      "roadmap_ends)",
                      r->cell[S_KEY]);
}

/* start: the Monday of week 1. */
static int start_value(const row_view *r, op_settings *s, op_diag *d)
{
    op_date day;
    if (csvread_date(r, S_VALUE, "start", &day, d))
        return -1;
    if (op_date_weekday(day) != 0) {
        static const char *const names[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};
        char monday[OP_DATE_LEN];
        op_date_format(day - op_date_weekday(day), monday);
        op_loc l = csvread_loc(r, S_VALUE);
        op_diag_error(d, OP_EDATA, &l,
                      "start: %s is a %s; start is the Monday of week 1 (that week's is %s)",
                      r->cell[S_VALUE], names[op_date_weekday(day)], monday);
        return -1;
    }
    s->start = day;
    return 0;
}

/* A roadmap word: 1..OP_WORD_MAX bytes, none of status.csv's states. */
static int word_value(const row_view *r, const char *key, char *word, op_diag *d)
{
    static const char *const states[] = {"todo", "doing", "done"};
    const char *v = r->cell[S_VALUE];
    op_loc l = csvread_loc(r, S_VALUE);
    if (strlen(v) > OP_WORD_MAX) {
        op_diag_error(d, OP_EDATA, &l, "%s: at most %d bytes, got \"%.60s\"", key, OP_WORD_MAX,
                      v);
        return -1;
    }
    for (int k = 0; k < 3; k++)
        if (strcasecmp(v, states[k]) == 0) {
            op_diag_error(d, OP_EDATA, &l,
                          "%s: \"%s\" is a state of status.csv; pick a word that cannot be "
                          "read as one",
                          key, v);
            return -1;
        }
    snprintf(word, OP_WORD_MAX + 1, "%s", v);
    return 0;
}

static int settings_row(void *ctx, const row_view *r)
{
    settings_ctx *c = ctx;
    op_settings *s = c->s;
    int key = -1, v;
    for (int k = 0; k < K_N && key < 0; k++)
        if (strcasecmp(r->cell[S_KEY], keys[k]) == 0)
            key = k;
    op_loc l = csvread_loc(r, S_KEY);
    if (!r->cell[S_KEY][0]) {
        op_diag_error(c->d, OP_EDATA, &l, "key: required value is empty");
        return 0;
    }
    if (key < 0) {
        unknown_key(r, c->d);
        return 0;
    }
    if (c->line[key]) {
        op_diag_error(c->d, OP_EDATA, &l, "setting \"%s\" is given twice (first on line %u)",
                      keys[key], c->line[key]);
        return 0;
    }
    c->line[key] = r->line;
    if (!r->cell[S_VALUE][0]) {
        op_loc lv = csvread_loc(r, S_VALUE);
        op_diag_error(c->d, OP_EDATA, lv.col ? &lv : &l, "%s: the value is empty", keys[key]);
        return 0;
    }
    switch (key) {
    case K_START: start_value(r, s, c->d); break;
    case K_GO:
        if (!csvread_number(r, S_VALUE, keys[key], 0, 0, 0, &s->go_should_percent, c->d) &&
            s->go_should_percent > 100) {
            op_loc lv = csvread_loc(r, S_VALUE);
            op_diag_error(c->d, OP_EDATA, &lv, "%s: a share from 0 to 100, got \"%.60s\"",
                          keys[key], r->cell[S_VALUE]);
        }
        break;
    case K_MEDIUM:
    case K_HIGH:
        if (!csvread_int(r, S_VALUE, keys[key], 1, (int)OP_MAX_NUMBER, 0, &v, c->d))
            *(key == K_MEDIUM ? &s->effort_medium_from : &s->effort_high_from) = v;
        break;
    case K_STARTS: word_value(r, keys[key], s->word_starts, c->d); break;
    case K_WORKS: word_value(r, keys[key], s->word_works, c->d); break;
    default: word_value(r, keys[key], s->word_ends, c->d); break;
    }
    return 0;
}

/* Checks between settings: the bands in order, three different words. */
static void settings_agree(const char *path, const settings_ctx *c)
{
    const op_settings *s = c->s;
    if (s->effort_medium_from >= s->effort_high_from) {
        int k = c->line[K_HIGH] > c->line[K_MEDIUM] ? K_HIGH : K_MEDIUM;
        op_loc l = {path, c->line[k], 2};
        op_diag_error(c->d, OP_EDATA, &l,
                      "%s: effort_medium_from (%g h) must be below effort_high_from (%g h)",
                      keys[k], s->effort_medium_from, s->effort_high_from);
    }
    const char *const w[3] = {s->word_starts, s->word_works, s->word_ends};
    for (int a = 0; a < 3; a++)
        for (int b = a + 1; b < 3; b++)
            if (strcasecmp(w[a], w[b]) == 0) {
                int k = c->line[K_STARTS + b] > c->line[K_STARTS + a] ? K_STARTS + b
                                                                       : K_STARTS + a;
                op_loc l = {path, c->line[k], 2};
                op_diag_error(c->d, OP_EDATA, &l, "%s: \"%s\" is also %s; the roadmap's "
                                                  "words must differ",
                              keys[k], w[a], keys[k == K_STARTS + b ? K_STARTS + a : K_STARTS + b]);
            }
}

op_status op_inputs_load_settings(const char *path, op_settings *s, op_diag *d)
{
    settings_ctx c = {s, d, {0}};
    int before = op_diag_count(d);
    csvread_table(path, settings_cols, S_N, 1, settings_row, &c, d);
    if (op_diag_count(d) == before)
        settings_agree(path, &c);
    return op_diag_count(d) > before ? op_diag_status(d) : OP_OK;
}

/* ---- holidays.csv ---------------------------------------------------- */

enum { H_DATE, H_ROLE, H_HOURS, H_N };
static const col_spec holiday_cols[H_N] = {{"date", 1, NULL}, {"role", 0, NULL}, {"hours", 0, NULL}};

typedef struct holiday_ctx {
    op_plan *p;
    op_diag *d;
    int said; /* "a date needs --start" was said (once per file) */
} holiday_ctx;

static int holiday_row(void *ctx, const row_view *r)
{
    holiday_ctx *c = ctx;
    op_holiday h = {.hours = -1};
    op_loc l = csvread_loc(r, H_DATE);
    if (!r->cell[H_DATE][0]) {
        op_diag_error(c->d, OP_EDATA, &l, "date: required value is empty");
        return 0;
    }
    int bad = csvread_date(r, H_DATE, "date", &h.date, c->d);
    bad |= csvread_number(r, H_HOURS, "hours", 0, 1, -1, &h.hours, c->d);
    if (!bad && op_plan_start(c->p) == OP_DATE_NONE && !c->said) {
        op_diag_error(c->d, OP_EDATA, &l, "date: a date needs --start (or start in settings.csv)");
        c->said = 1;
    }
    if (bad || c->said)
        return 0;
    h.loc = l;
    h.hours_loc = csvread_loc(r, H_HOURS);
    h.role = (op_ref){op_plan_intern(c->p, r->cell[H_ROLE]), -1, csvread_loc(r, H_ROLE)};
    if (!h.role.name) {
        op_diag_error(c->d, OP_ENOMEM, NULL, "out of memory");
        return -1;
    }
    if (op_plan_add_holiday(c->p, &h, c->d) < 0)
        return op_diag_status(c->d) == OP_ENOMEM ? -1 : 0;
    return 0;
}

void op_inputs_read_holidays(const char *path, op_plan *p, op_diag *d)
{
    holiday_ctx c = {p, d, 0};
    csvread_table(path, holiday_cols, H_N, 1, holiday_row, &c, d);
}
