/* plan.c - the plan container: records, name lookup, capacity, validation */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "internal.h"

/* A block of interned strings; blocks are chained and never move. */
typedef struct str_block {
    struct str_block *next;
    size_t used, cap;
    char data[];
} str_block;

struct op_plan {
    op_item *items;
    int nitems, items_cap;
    op_team_row *rows;
    int nrows, rows_cap;
    op_gate *gates;
    int ngates, gates_cap;
    op_role *roles;
    int nroles;
    name_map item_ix, gate_ix, role_ix;
    str_block *strs;
    double *cap;    /* cap[r * OP_MAX_WEEK + week - 1] */
    double *phours; /* person hours, same layout */
    int *topo, *gate_topo;
    int last_week, max_deadline;
    int first_week;     /* planning starts here; earlier weeks are history */
    op_period period;   /* what a week index counts: weeks, or days */
    op_settings settings; /* the start date (the Monday of week 1) and report conventions */
    op_holiday *holidays;
    int nholidays, holidays_cap;
    int validated;
};

op_plan *op_plan_new(void)
{
    op_plan *p = calloc(1, sizeof(op_plan));
    if (p)
        op_settings_init(&p->settings);
    return p;
}

void op_plan_free(op_plan *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->nitems; i++) {
        free(p->items[i].deps);
        free(p->items[i].crew);
    }
    for (int g = 0; g < p->ngates; g++) {
        free(p->gates[g].requires);
        free(p->gates[g].items);
    }
    free(p->items);
    free(p->rows);
    free(p->gates);
    free(p->holidays);
    free(p->roles);
    mdl_map_free(&p->item_ix);
    mdl_map_free(&p->gate_ix);
    mdl_map_free(&p->role_ix);
    while (p->strs) {
        str_block *b = p->strs->next;
        free(p->strs);
        p->strs = b;
    }
    free(p->cap);
    free(p->phours);
    free(p->topo);
    free(p->gate_topo);
    free(p);
}

const char *op_plan_intern(op_plan *p, const char *s)
{
    size_t n = strlen(s) + 1;
    if (!p->strs || p->strs->cap - p->strs->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        str_block *b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = p->strs;
        b->used = 0;
        b->cap = cap;
        p->strs = b;
    }
    char *dst = p->strs->data + p->strs->used;
    memcpy(dst, s, n);
    p->strs->used += n;
    return dst;
}

int op_plan_add_item(op_plan *p, const op_item *it, op_diag *d)
{
    if (p->nitems >= OP_MAX_ITEMS) {
        op_diag_error(d, OP_EDATA, &it->loc, "too many items (limit %d)", OP_MAX_ITEMS);
        return -1;
    }
    int prev = op_plan_find_item(p, it->id);
    if (prev >= 0) {
        op_diag_error(d, OP_EDATA, &it->loc, "duplicate item id \"%s\" (first defined on line %u)",
                      it->id, p->items[prev].loc.line);
        return -1;
    }
    if (mdl_grow(&p->items, &p->items_cap, p->nitems, sizeof *p->items) ||
        mdl_map_put(&p->item_ix, it->id, p->nitems)) {
        op_diag_error(d, OP_ENOMEM, &it->loc, "out of memory");
        return -1;
    }
    p->items[p->nitems] = *it;
    p->items[p->nitems].remaining = it->effort;
    p->items[p->nitems].done = 0;
    p->items[p->nitems].started = 0;
    p->items[p->nitems].deps = NULL;
    p->items[p->nitems].crew = NULL;
    p->items[p->nitems].ncrew = 0;
    p->items[p->nitems].ndeps = 0;
    p->validated = 0;
    return p->nitems++;
}

int op_plan_add_team_row(op_plan *p, const op_team_row *row, op_diag *d)
{
    if (p->nrows >= OP_MAX_ROWS) {
        op_diag_error(d, OP_EDATA, &row->loc, "too many team rows (limit %d)", OP_MAX_ROWS);
        return -1;
    }
    if (mdl_grow(&p->rows, &p->rows_cap, p->nrows, sizeof *p->rows)) {
        op_diag_error(d, OP_ENOMEM, &row->loc, "out of memory");
        return -1;
    }
    p->rows[p->nrows] = *row;
    p->validated = 0;
    return p->nrows++;
}

int op_plan_add_gate(op_plan *p, const op_gate *g, op_diag *d)
{
    if (p->ngates >= OP_MAX_GATES) {
        op_diag_error(d, OP_EDATA, &g->loc, "too many gates (limit %d)", OP_MAX_GATES);
        return -1;
    }
    int prev = op_plan_find_gate(p, g->id);
    if (prev >= 0) {
        op_diag_error(d, OP_EDATA, &g->loc, "duplicate gate \"%s\" (first defined on line %u)",
                      g->id, p->gates[prev].loc.line);
        return -1;
    }
    if (mdl_grow(&p->gates, &p->gates_cap, p->ngates, sizeof *p->gates) ||
        mdl_map_put(&p->gate_ix, g->id, p->ngates)) {
        op_diag_error(d, OP_ENOMEM, &g->loc, "out of memory");
        return -1;
    }
    op_gate *ng = &p->gates[p->ngates];
    *ng = *g;
    ng->requires = NULL;
    ng->nrequires = 0;
    ng->items = NULL;
    ng->nitems = 0;
    p->validated = 0;
    return p->ngates++;
}

static int push_ref(op_ref **arr, int *n, const op_ref *ref)
{
    op_ref *na = realloc(*arr, (size_t)(*n + 1) * sizeof *na);
    if (!na)
        return -1;
    *arr = na;
    na[*n] = *ref;
    na[*n].index = -1;
    (*n)++;
    return 0;
}

int op_plan_item_add_dep(op_plan *p, int item, const op_ref *ref)
{
    return push_ref(&p->items[item].deps, &p->items[item].ndeps, ref);
}

int op_plan_item_add_crew(op_plan *p, int item, const op_ref *role, double count)
{
    op_item *it = &p->items[item];
    op_crew *nc = realloc(it->crew, (size_t)(it->ncrew + 1) * sizeof *nc);
    if (!nc)
        return -1;
    it->crew = nc;
    nc[it->ncrew].role = *role;
    nc[it->ncrew].role.index = -1;
    nc[it->ncrew].count = count;
    it->ncrew++;
    return 0;
}

double op_plan_crew_hours(const op_plan *p, int i, int r, int week)
{
    const op_item *it = &p->items[i];
    double h = 0;
    for (int k = 0; k < it->ncrew; k++)
        if (it->crew[k].role.index == r)
            h += it->crew[k].count * op_plan_person_hours(p, r, week);
    return h;
}

double op_plan_crew_week_hours(const op_plan *p, int i, int week)
{
    const op_item *it = &p->items[i];
    double h = 0;
    for (int k = 0; k < it->ncrew; k++)
        h += it->crew[k].count * op_plan_person_hours(p, it->crew[k].role.index, week);
    return h;
}

int op_plan_gate_add_require(op_plan *p, int gate, const op_ref *ref)
{
    return push_ref(&p->gates[gate].requires, &p->gates[gate].nrequires, ref);
}

int op_plan_gate_add_item(op_plan *p, int gate, const op_ref *ref)
{
    return push_ref(&p->gates[gate].items, &p->gates[gate].nitems, ref);
}

void op_plan_set_period(op_plan *p, op_period period) { p->period = period; }
void op_plan_set_start(op_plan *p, op_date start) { p->settings.start = start; }
op_date op_plan_start(const op_plan *p) { return p->settings.start; }

void op_settings_init(op_settings *s)
{
    *s = (op_settings){.start = OP_DATE_NONE, .go_should_percent = 80,
                       .effort_medium_from = 16, .effort_high_from = 40,
                       .word_starts = "starts", .word_works = "works", .word_ends = "ends"};
}
void op_plan_set_settings(op_plan *p, const op_settings *s) { p->settings = *s; }
const op_settings *op_plan_settings(const op_plan *p) { return &p->settings; }

int op_plan_add_holiday(op_plan *p, const op_holiday *h, op_diag *d)
{
    if (p->nholidays >= OP_MAX_HOLIDAYS) {
        op_diag_error(d, OP_EDATA, &h->loc, "too many holidays (limit %d)", OP_MAX_HOLIDAYS);
        return -1;
    }
    if (mdl_grow(&p->holidays, &p->holidays_cap, p->nholidays, sizeof *p->holidays)) {
        op_diag_error(d, OP_ENOMEM, &h->loc, "out of memory");
        return -1;
    }
    p->holidays[p->nholidays] = *h;
    p->holidays[p->nholidays].role.index = -1;
    return p->nholidays++;
}
int op_plan_holiday_count(const op_plan *p) { return p->nholidays; }
const op_holiday *op_plan_holiday(const op_plan *p, int k) { return &p->holidays[k]; }
op_period op_plan_period(const op_plan *p) { return p->period; }

const char *op_period_word(op_period period, int plural)
{
    if (period == OP_PERIOD_DAY)
        return plural ? "days" : "day";
    return plural ? "weeks" : "week";
}

const char *op_period_Word(op_period period, int plural)
{
    if (period == OP_PERIOD_DAY)
        return plural ? "Days" : "Day";
    return plural ? "Weeks" : "Week";
}

int op_period_of_week(op_period period, int week, int start)
{
    if (period != OP_PERIOD_DAY || week <= 0)
        return week;
    return start ? (week - 1) * OP_DAYS_PER_WEEK + 1 : week * OP_DAYS_PER_WEEK;
}

void op_plan_set_first_week(op_plan *p, int first) { p->first_week = first > 1 ? first : 1; }
int op_plan_first_week(const op_plan *p) { return p->first_week > 1 ? p->first_week : 1; }
int op_plan_history_week(const op_plan *p) { return op_plan_first_week(p) > 1 ? op_plan_first_week(p) - 1 : 1; }

void op_plan_set_progress(op_plan *p, int i, int done, int started, double remaining)
{
    p->items[i].done = done;
    p->items[i].started = started && !done;
    p->items[i].remaining = done ? 0 : remaining;
}

int op_plan_item_count(const op_plan *p) { return p->nitems; }
int op_plan_role_count(const op_plan *p) { return p->nroles; }
int op_plan_gate_count(const op_plan *p) { return p->ngates; }
int op_plan_team_row_count(const op_plan *p) { return p->nrows; }
const op_item *op_plan_item(const op_plan *p, int i) { return &p->items[i]; }
const op_role *op_plan_role(const op_plan *p, int r) { return &p->roles[r]; }
const op_gate *op_plan_gate(const op_plan *p, int g) { return &p->gates[g]; }
const op_team_row *op_plan_team_row(const op_plan *p, int k) { return &p->rows[k]; }
int op_plan_find_item(const op_plan *p, const char *id) { return mdl_map_find(&p->item_ix, id); }
int op_plan_find_role(const op_plan *p, const char *name) { return mdl_map_find(&p->role_ix, name); }
int op_plan_find_gate(const op_plan *p, const char *id) { return mdl_map_find(&p->gate_ix, id); }
int op_plan_last_capacity_week(const op_plan *p) { return p->last_week; }
int op_plan_max_deadline(const op_plan *p) { return p->max_deadline; }

/* Marks gate g and, through requires, every gate it needs. */
static void mark_gates(const op_plan *p, int g, char *gates)
{
    if (gates[g])
        return;
    gates[g] = 1;
    const op_gate *ga = &p->gates[g];
    for (int k = 0; k < ga->nrequires; k++)
        mark_gates(p, ga->requires[k].index, gates);
}

void op_plan_gate_needs(const op_plan *p, int g, char *gates, char *items)
{
    memset(gates, 0, (size_t)p->ngates);
    mark_gates(p, g, gates);
    if (!items)
        return;
    memset(items, 0, (size_t)p->nitems);
    for (int h = 0; h < p->ngates; h++)
        for (int k = 0; gates[h] && k < p->gates[h].nitems; k++)
            items[p->gates[h].items[k].index] = 1;
    /* dependencies: topological order puts them first, so sweep backwards */
    for (int k = p->nitems - 1; k >= 0; k--) {
        int i = p->topo[k];
        for (int d = 0; items[i] && d < p->items[i].ndeps; d++)
            items[p->items[i].deps[d].index] = 1;
    }
}

int op_plan_natural_horizon(const op_plan *p)
{
    int last = op_plan_last_capacity_week(p), due = op_plan_last_due_week(p);
    int h = last < OP_MAX_WEEK ? last : 0;
    return due > h ? due : h;
}

int op_plan_last_due_week(const op_plan *p)
{
    int w = p->max_deadline;
    for (int i = 0; i < p->nitems; i++)
        if (p->items[i].due_week > w)
            w = p->items[i].due_week;
    return w;
}
const int *op_plan_topo_order(const op_plan *p) { return p->topo; }
const int *op_plan_gate_order(const op_plan *p) { return p->gate_topo; }

double op_plan_capacity(const op_plan *p, int r, int week)
{
    if (!p->cap || r < 0 || r >= p->nroles || week < 1 || week > OP_MAX_WEEK)
        return 0.0;
    return p->cap[(size_t)r * OP_MAX_WEEK + (size_t)(week - 1)];
}

double op_plan_person_hours(const op_plan *p, int r, int week)
{
    if (!p->phours || r < 0 || r >= p->nroles || week < 1 || week > OP_MAX_WEEK)
        return 0.0;
    return p->phours[(size_t)r * OP_MAX_WEEK + (size_t)(week - 1)];
}

double op_plan_item_week_cap(const op_plan *p, int i, int week)
{
    const op_item *it = &p->items[i];
    double c = op_plan_capacity(p, it->role.index, week);
    double m = it->max_people * op_plan_person_hours(p, it->role.index, week);
    return m < c ? m : c;
}

/* ---- holidays ------------------------------------------------------- */

/* The period holiday h falls in; 0 when it takes nothing away (no start
   date, a Saturday or Sunday, a date outside periods 1..OP_MAX_WEEK). */
static int holiday_period(const op_plan *p, const op_holiday *h)
{
    if (p->settings.start == OP_DATE_NONE || op_date_weekday(h->date) >= OP_DAYS_PER_WEEK)
        return 0;
    int t = op_period_of_date(p->period, p->settings.start, h->date, 1);
    return t >= 1 && t <= OP_MAX_WEEK ? t : 0;
}

/* The hours one person of row works in a working day. */
static double row_day_hours(const op_plan *p, const op_team_row *row)
{
    return p->period == OP_PERIOD_DAY ? row->hours_per_week
                                      : row->hours_per_week / OP_DAYS_PER_WEEK;
}

/* Whether row covers period t and holiday h applies to its role (a
   holiday whose role did not resolve applies to none). */
static int holiday_hits(const op_team_row *row, const op_holiday *h, int t)
{
    int last = row->to_week ? row->to_week : OP_MAX_WEEK;
    if (t < row->from_week || t > last)
        return 0;
    return h->role.name[0] ? h->role.index == row->role.index : 1;
}

typedef struct holiday_key {
    op_date date;
    int k;
} holiday_key;

static int by_date(const void *a, const void *b)
{
    const holiday_key *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->k < y->k ? -1 : (x->k > y->k);
}

/* Takes the holidays of dates a..b-1 of order (one date, in period t) out
   of cap: each person loses the sum of the hours the date's holidays give
   their role, at most the whole working day (whole[r]: some holiday takes
   it all). sum and whole hold a slot per role. */
static void cut_date(op_plan *p, const holiday_key *order, int a, int b, int t, double *sum,
                     char *whole)
{
    memset(sum, 0, (size_t)p->nroles * sizeof *sum);
    memset(whole, 0, (size_t)p->nroles);
    for (int k = a; k < b; k++) {
        const op_holiday *h = &p->holidays[order[k].k];
        for (int r = 0; r < p->nroles; r++) {
            if (h->role.name[0] && h->role.index != r)
                continue;
            if (h->hours < 0)
                whole[r] = 1;
            else
                sum[r] += h->hours;
        }
    }
    for (int k = 0; k < p->nrows; k++) {
        const op_team_row *row = &p->rows[k];
        int r = row->role.index, last = row->to_week ? row->to_week : OP_MAX_WEEK;
        if (t < row->from_week || t > last || (!whole[r] && sum[r] <= 0))
            continue;
        double day = row_day_hours(p, row);
        double off = whole[r] || sum[r] > day ? day : sum[r];
        p->cap[(size_t)r * OP_MAX_WEEK + (size_t)(t - 1)] -= row->headcount * off;
    }
}

/* Lowers cap by every holiday, date by date; OP_OK or OP_ENOMEM. */
static op_status apply_holidays(op_plan *p)
{
    if (!p->nholidays || !p->nroles)
        return OP_OK;
    holiday_key *order = malloc((size_t)p->nholidays * sizeof *order);
    double *sum = malloc((size_t)p->nroles * sizeof *sum);
    char *whole = malloc((size_t)p->nroles);
    op_status st = order && sum && whole ? OP_OK : OP_ENOMEM;
    for (int k = 0; k < p->nholidays && st == OP_OK; k++)
        order[k] = (holiday_key){p->holidays[k].date, k};
    if (st == OP_OK)
        qsort(order, (size_t)p->nholidays, sizeof *order, by_date);
    for (int a = 0, b; a < p->nholidays && st == OP_OK; a = b) {
        for (b = a; b < p->nholidays && order[b].date == order[a].date;)
            b++;
        int t = holiday_period(p, &p->holidays[order[a].k]);
        if (t)
            cut_date(p, order, a, b, t, sum, whole);
    }
    free(order);
    free(sum);
    free(whole);
    return st;
}

/* A holiday's hours may not pass the working day of the people it applies
   to (the longest, when their days differ): more is a typing error. */
static op_status check_holidays(const op_plan *p, op_diag *d)
{
    op_status st = OP_OK;
    for (int k = 0; k < p->nholidays; k++) {
        const op_holiday *h = &p->holidays[k];
        int t = holiday_period(p, h);
        if (h->hours < 0 || !t || (h->role.name[0] && h->role.index < 0))
            continue;
        double most = 0;
        const char *who = "";
        for (int j = 0; j < p->nrows; j++) {
            const op_team_row *row = &p->rows[j];
            if (holiday_hits(row, h, t) && row->headcount > 0 && row_day_hours(p, row) > most) {
                most = row_day_hours(p, row);
                who = row->role.name;
            }
        }
        if (most > 0 && h->hours > most + 1e-9) {
            op_diag_error(d, OP_EDATA, &h->hours_loc,
                          "hours: %g h is more than a working day (%g h of %s in %s %d)",
                          h->hours, most, who, op_period_word(p->period, 0), t);
            st = OP_EDATA;
        }
    }
    return st;
}

/* ---- validation ---------------------------------------------------- */

/* Fills the capacity and hours per person of each role and week from the team rows (of roles
   already indexed); OP_OK or OP_ENOMEM. */
static op_status fill_capacity(op_plan *p)
{
    free(p->cap);
    free(p->phours);
    size_t n = (size_t)(p->nroles ? p->nroles : 1) * OP_MAX_WEEK;
    p->cap = calloc(n, sizeof *p->cap);
    p->phours = calloc(n, sizeof *p->phours);
    if (!p->cap || !p->phours)
        return OP_ENOMEM;
    double *maxh = calloc((size_t)p->nroles + 1, sizeof *maxh);
    if (!maxh)
        return OP_ENOMEM;
    for (int k = 0; k < p->nrows; k++) {
        const op_team_row *row = &p->rows[k];
        int r = row->role.index;
        int last = row->to_week ? row->to_week : OP_MAX_WEEK;
        if (row->hours_per_week > maxh[r])
            maxh[r] = row->hours_per_week;
        for (int t = row->from_week; t <= last && t <= OP_MAX_WEEK; t++) {
            size_t ix = (size_t)r * OP_MAX_WEEK + (size_t)(t - 1);
            p->cap[ix] += row->headcount * row->hours_per_week;
            if (row->headcount > 0 && row->hours_per_week > p->phours[ix])
                p->phours[ix] = row->hours_per_week;
        }
    }
    if (apply_holidays(p) != OP_OK) {
        free(maxh);
        return OP_ENOMEM;
    }
    /* what-if rows and holidays may lower capacity, never below zero */
    for (size_t k = 0; k < (size_t)p->nroles * OP_MAX_WEEK; k++)
        if (p->cap[k] < 0)
            p->cap[k] = 0;
    for (int r = 0; r < p->nroles; r++)
        for (int t = 0; t < OP_MAX_WEEK; t++)
            if (p->phours[(size_t)r * OP_MAX_WEEK + (size_t)t] == 0)
                p->phours[(size_t)r * OP_MAX_WEEK + (size_t)t] = maxh[r];
    free(maxh);
    return OP_OK;
}

static op_status resolve(op_ref *ref, const struct name_map *m, const char *what,
                         const char *where, op_diag *d);

/* Indexes the team's roles (name, cost, last week) and their capacity by week, reporting bad
   rows; OP_OK, OP_EDATA or OP_ENOMEM (not reported). */
static op_status build_roles(op_plan *p, op_diag *d)
{
    free(p->roles);
    mdl_map_free(&p->role_ix);
    memset(&p->role_ix, 0, sizeof p->role_ix);
    p->roles = calloc((size_t)p->nrows + 1, sizeof *p->roles);
    if (!p->roles)
        return OP_ENOMEM;
    p->nroles = 0;
    p->last_week = 0;
    op_status st = OP_OK;
    for (int k = 0; k < p->nrows; k++) {
        op_team_row *row = &p->rows[k];
        if (row->to_week && row->to_week < row->from_week) {
            op_loc l = row->loc;
            op_diag_error(d, OP_EDATA, &l, "to_week %d is before from_week %d", row->to_week,
                          row->from_week);
            st = OP_EDATA;
        }
        int r = mdl_map_find(&p->role_ix, row->role.name);
        if (r < 0) {
            if (p->nroles >= OP_MAX_ROLES) {
                op_diag_error(d, OP_EDATA, &row->role.loc, "too many roles (limit %d)",
                              OP_MAX_ROLES);
                return OP_EDATA;
            }
            r = p->nroles++;
            p->roles[r].name = row->role.name;
            p->roles[r].cost_per_hour = -1;
            if (mdl_map_put(&p->role_ix, row->role.name, r))
                return OP_ENOMEM;
        }
        row->role.index = r;
        op_role *ro = &p->roles[r];
        if (row->cost_per_hour >= 0) {
            if (ro->cost_per_hour >= 0 && ro->cost_per_hour != row->cost_per_hour) {
                op_diag_error(d, OP_EDATA, &row->cost_loc,
                              "role \"%s\" has two different cost_per_hour values", ro->name);
                st = OP_EDATA;
            }
            ro->cost_per_hour = row->cost_per_hour;
        }
        int last = row->to_week ? row->to_week : OP_MAX_WEEK;
        if (last > ro->last_week)
            ro->last_week = last;
        if (last > p->last_week)
            p->last_week = last;
    }
    for (int k = 0; k < p->nholidays; k++)
        if (p->holidays[k].role.name[0] &&
            resolve(&p->holidays[k].role, &p->role_ix, "role", " (not a role of the team)", d))
            st = OP_EDATA;
    if (p->nrows == 0) {
        op_diag_error(d, OP_EDATA, NULL, "the team has no rows: no capacity to plan with");
        st = OP_EDATA;
    }
    op_status cs = fill_capacity(p);
    return cs != OP_OK ? cs : st;
}

static const op_ref *item_edges(const void *ctx, int v, int *n)
{
    const op_plan *p = ctx;
    *n = p->items[v].ndeps;
    return p->items[v].deps;
}
static const op_ref *gate_edges(const void *ctx, int v, int *n)
{
    const op_plan *p = ctx;
    *n = p->gates[v].nrequires;
    return p->gates[v].requires;
}
static const char *item_name(const void *ctx, int v)
{
    return ((const op_plan *)ctx)->items[v].id;
}
static const char *gate_name(const void *ctx, int v)
{
    return ((const op_plan *)ctx)->gates[v].id;
}


/* Resolves ref among the names of m; an unknown name is reported with the
   closest known one as a hint. Hints are looked for only while diagnostics
   are kept (OP_MAX_ERRORS), so thousands of unknown names stay cheap. */
static op_status resolve(op_ref *ref, const name_map *m, const char *what, const char *where,
                         op_diag *d)
{
    ref->index = mdl_map_find(m, ref->name);
    if (ref->index >= 0)
        return OP_OK;
    int near = -1;
    if (op_diag_count(d) < OP_MAX_ERRORS && m->cap <= (size_t)INT32_MAX)
        near = op_closest_name(ref->name, m->keys, (int)m->cap);
    if (near >= 0)
        op_diag_error(d, OP_EDATA, &ref->loc, "unknown %s \"%s\"%s; did you mean \"%s\"?", what,
                      ref->name, where, m->keys[near]);
    else
        op_diag_error(d, OP_EDATA, &ref->loc, "unknown %s \"%s\"%s", what, ref->name, where);
    return OP_EDATA;
}

/* Resolves crew role cr and checks the team can ever field it; OP_OK or OP_EDATA (reported). */
static op_status check_crew(op_plan *p, op_crew *cr, op_diag *d)
{
    if (resolve(&cr->role, &p->role_ix, "role", " in crew (not a role of the team)", d))
        return OP_EDATA;
    double most = 0;
    for (int t = 1; t <= OP_MAX_WEEK; t++) {
        double ph = op_plan_person_hours(p, cr->role.index, t);
        double c = ph > 0 ? op_plan_capacity(p, cr->role.index, t) / ph : 0;
        if (c > most)
            most = c;
    }
    if (cr->count > most + 1e-9) {
        op_diag_error(d, OP_EDATA, &cr->role.loc,
                      "crew needs %g %s, more than the team ever has (%g)", cr->count,
                      cr->role.name, most);
        return OP_EDATA;
    }
    return OP_OK;
}

/* Resolves and checks item i, reporting each problem; st is the validation so far (a
   fixed-duration item gets its effort only while it is OP_OK). Returns the updated st. */
static op_status check_item(op_plan *p, int i, op_status st, op_diag *d)
{
    op_item *it = &p->items[i];
    if (resolve(&it->role, &p->role_ix, "role", " (not a role of the team)", d))
        st = OP_EDATA;
    for (int k = 0; k < it->ndeps; k++) {
        if (resolve(&it->deps[k], &p->item_ix, "item", " in depends_on", d))
            st = OP_EDATA;
        else if (it->deps[k].index == i) {
            op_diag_error(d, OP_EDATA, &it->deps[k].loc, "item \"%s\" depends on itself", it->id);
            st = OP_EDATA;
        }
    }
    for (int k = 0; k < it->ncrew; k++)
        if (check_crew(p, &it->crew[k], d))
            st = OP_EDATA;
    if (it->duration && st == OP_OK) {
        /* a fixed-duration item's effort is its crew's hours */
        double e = 0;
        for (int k = 0; k < it->ncrew; k++)
            e += it->crew[k].count * op_plan_person_hours(p, it->crew[k].role.index, 1) *
                 it->duration;
        it->effort = it->remaining = e;
    }
    if (it->earliest_week && it->due_week && it->earliest_week > it->due_week) {
        op_diag_error(d, OP_EDATA, &it->due_loc, "due_week %d is before earliest_week %d",
                      it->due_week, it->earliest_week);
        st = OP_EDATA;
    }
    return st;
}

/* Resolves the gates' requires and items, reporting each problem, and sets max_deadline;
   OP_OK or OP_EDATA. */
static op_status check_gates(op_plan *p, op_diag *d)
{
    op_status st = OP_OK;
    p->max_deadline = 0;
    for (int g = 0; g < p->ngates; g++) {
        op_gate *ga = &p->gates[g];
        if (ga->deadline_week > p->max_deadline)
            p->max_deadline = ga->deadline_week;
        for (int k = 0; k < ga->nrequires; k++) {
            if (resolve(&ga->requires[k], &p->gate_ix, "gate", " in requires", d))
                st = OP_EDATA;
            else if (ga->requires[k].index == g) {
                op_diag_error(d, OP_EDATA, &ga->requires[k].loc, "gate \"%s\" requires itself",
                              ga->id);
                st = OP_EDATA;
            }
        }
        for (int k = 0; k < ga->nitems; k++)
            if (resolve(&ga->items[k], &p->item_ix, "item", " in gate items", d))
                st = OP_EDATA;
    }
    return st;
}

/* Orders items and gates topologically, reporting dependency and requires cycles; OP_OK,
   OP_EDATA or OP_ENOMEM (not reported). */
static op_status order_graphs(op_plan *p, op_diag *d)
{
    free(p->topo);
    free(p->gate_topo);
    p->topo = malloc(((size_t)p->nitems + 1) * sizeof *p->topo);
    p->gate_topo = malloc(((size_t)p->ngates + 1) * sizeof *p->gate_topo);
    if (!p->topo || !p->gate_topo)
        return OP_ENOMEM;
    mdl_graph gi = {p, p->nitems, item_edges, item_name};
    mdl_graph gg = {p, p->ngates, gate_edges, gate_name};
    op_status s1 = mdl_find_cycles(&gi, p->topo, "depends_on", d);
    op_status s2 = mdl_find_cycles(&gg, p->gate_topo, "requires", d);
    if (s1 == OP_ENOMEM || s2 == OP_ENOMEM)
        return OP_ENOMEM;
    if (s1 != OP_OK || s2 != OP_OK)
        return OP_EDATA;
    return OP_OK;
}

op_status op_plan_validate(op_plan *p, op_diag *d)
{
    op_status st = build_roles(p, d);
    if (st == OP_ENOMEM)
        goto nomem;
    if (p->nitems == 0) {
        op_diag_error(d, OP_EDATA, NULL, "the plan has no items");
        st = OP_EDATA;
    }
    if (check_holidays(p, d) != OP_OK)
        st = OP_EDATA;
    for (int i = 0; i < p->nitems; i++)
        st = check_item(p, i, st, d);
    if (check_gates(p, d) != OP_OK)
        st = OP_EDATA;
    if (st != OP_OK)
        return st;
    st = order_graphs(p, d);
    if (st == OP_ENOMEM)
        goto nomem;
    if (st != OP_OK)
        return st;
    p->validated = 1;
    return OP_OK;
nomem:
    op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    return OP_ENOMEM;
}
