/* jira.c - reads Jira's "Export CSV (all fields)" into a tracker, and a plan's dates back */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"

/* What a column of the export is to the importer; repeated columns of the
   multi-valued kinds (components, labels, links, fix versions) all count. */
enum {
    K_NONE = 0, K_KEY, K_SUMMARY, K_TYPE, K_STATUS, K_CATEGORY, K_PRIORITY, K_ORIGINAL,
    K_REMAINING, K_SPENT, K_DUE, K_SINGLE_END, /* kinds above: one column at most */
    K_ROLE = K_SINGLE_END, K_LINK, K_VERSION
};

static const char *const single_names[K_SINGLE_END] = {
    NULL, "Issue key", "Summary", "Issue Type", "Status", "Status Category", "Priority",
    "Original Estimate", "Remaining Estimate", "Time Spent", "Due date"};

typedef struct jira_ctx {
    const op_jira_opts *o;
    op_tracker *t;
    op_diag *d;
    unsigned char *kind; /* per field */
    unsigned nfields;
    unsigned col[K_SINGLE_END]; /* field index + 1 of each single kind, 0: absent */
    int unestimated;
} jira_ctx;

void op_jira_opts_init(op_jira_opts *o)
{
    memset(o, 0, sizeof *o);
    o->role_from = OP_JIRA_ROLE_COMPONENT;
    o->depends_column = "Inward issue link (Blocks)";
}

/* The kind of header name h under the options. */
static int column_kind(const op_jira_opts *o, const char *h)
{
    for (int k = 1; k < K_SINGLE_END; k++)
        if (strcasecmp(h, single_names[k]) == 0)
            return k;
    if (strcasecmp(h, o->depends_column) == 0)
        return K_LINK;
    if (strcasecmp(h, "Fix Version/s") == 0 || strcasecmp(h, "Fix versions") == 0)
        return K_VERSION;
    if ((o->role_from == OP_JIRA_ROLE_COMPONENT &&
         (strcasecmp(h, "Component/s") == 0 || strcasecmp(h, "Components") == 0)) ||
        (o->role_from == OP_JIRA_ROLE_LABEL && strcasecmp(h, "Labels") == 0) ||
        (o->role_from == OP_JIRA_ROLE_FIELD && strcasecmp(h, o->role_arg) == 0))
        return K_ROLE;
    return K_NONE;
}

static int on_header(void *ctx, const row_view *h)
{
    jira_ctx *c = ctx;
    c->nfields = h->ncells;
    c->kind = calloc(h->ncells + 1, 1);
    if (!c->kind) {
        op_diag_error(c->d, OP_ENOMEM, NULL, "out of memory");
        return -1;
    }
    int bad = 0;
    for (unsigned f = 0; f < h->ncells; f++) {
        int k = column_kind(c->o, h->cell[f]);
        c->kind[f] = (unsigned char)k;
        if (k > K_NONE && k < K_SINGLE_END) {
            if (c->col[k]) {
                op_loc l = {h->file, h->line, f + 1};
                op_diag_error(c->d, OP_EDATA, &l, "column \"%s\" appears twice (first in field %u)",
                              single_names[k], c->col[k]);
                bad = 1;
            }
            c->col[k] = f + 1;
        }
    }
    op_loc l = {h->file, h->line, 0};
    if (!c->col[K_KEY] || !c->col[K_SUMMARY]) {
        op_diag_error(c->d, OP_EDATA, &l, "missing column \"%s\": is this Jira's CSV export "
                      "(all fields)?", !c->col[K_KEY] ? "Issue key" : "Summary");
        bad = 1;
    }
    if (!c->col[K_CATEGORY] && !c->col[K_STATUS]) {
        op_diag_error(c->d, OP_EDATA, &l, "missing column \"Status Category\" (or \"Status\")");
        bad = 1;
    }
    return bad;
}

/* The text of single column k, "" when the export has none. */
static const char *cell_of(const jira_ctx *c, const row_view *r, int k)
{
    return c->col[k] ? r->cell[c->col[k] - 1] : "";
}

static op_loc loc_of(const jira_ctx *c, const row_view *r, int k)
{
    op_loc l = {r->file, r->line, c->col[k]};
    return l;
}

/* A cell used as optplan text: at most OP_MAX_CELL bytes (raw cells may be longer). */
static int too_long(const jira_ctx *c, const row_view *r, unsigned f, const char *what)
{
    if (strlen(r->cell[f]) <= OP_MAX_CELL)
        return 0;
    op_loc l = {r->file, r->line, f + 1};
    op_diag_error(c->d, OP_EDATA, &l, "%s: longer than %d bytes", what, OP_MAX_CELL);
    return 1;
}

/* Estimate column k in hours (Jira exports seconds): 0 with *hours set (< 0: empty), -1 when
   reported as not a number. */
static int seconds(const jira_ctx *c, const row_view *r, int k, double *hours)
{
    const char *s = cell_of(c, r, k);
    *hours = -1;
    if (!s[0])
        return 0;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !isfinite(v) || v < 0 || v / 3600 > OP_MAX_NUMBER ||
        !isdigit((unsigned char)s[0])) {
        op_loc l = loc_of(c, r, k);
        op_diag_error(c->d, OP_EDATA, &l, "%s: expected seconds (a number >= 0), got \"%.60s\"",
                      single_names[k], s);
        return -1;
    }
    *hours = v / 3600;
    return 0;
}

int op_inputs_jira_date(const char *s, op_date *out)
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    char iso[OP_DATE_LEN];
    int day, year, n = 0;
    char mon[4];
    if (strlen(s) >= 10 && s[4] == '-' && s[7] == '-') { /* ISO, maybe with a time */
        memcpy(iso, s, 10);
        iso[10] = 0;
        return (s[10] && s[10] != ' ' && s[10] != 'T') ? -1 : op_date_parse(iso, out);
    }
    if (sscanf(s, "%2d/%3[A-Za-z]/%4d%n", &day, mon, &year, &n) != 3 || strlen(mon) != 3 ||
        !isdigit((unsigned char)s[n - 1]))
        return -1;
    const char *rest = s + n;
    int digits = 0;
    for (const char *y = strrchr(s, '/') + 1; isdigit((unsigned char)*y); y++)
        digits++;
    if (digits != 2 && digits != 4)
        return -1;
    if (*rest) { /* " h:mm AM": the time is not a day of its own, but must be one */
        int hh, mm, m = 0;
        char ampm[3] = "";
        if (sscanf(rest, " %2d:%2d%n", &hh, &mm, &m) != 2 || hh > 23 || mm > 59)
            return -1;
        rest += m;
        if (*rest && (sscanf(rest, " %2[APMapm]%n", ampm, &m) != 1 || rest[m] ||
                      (strcasecmp(ampm, "AM") && strcasecmp(ampm, "PM"))))
            return -1;
    }
    char lower[4];
    for (int k = 0; k < 4; k++)
        lower[k] = (char)tolower((unsigned char)mon[k]);
    const char *at = strstr(months, lower);
    if (!at || (at - months) % 3)
        return -1;
    char buf[40];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", digits == 2 ? 2000 + year : year,
             (int)(at - months) / 3 + 1, day);
    return op_date_parse(buf, out);
}

/* todo/doing/done from Status Category, or without it from common Status names; -1 reported. */
static int state_of(const jira_ctx *c, const row_view *r)
{
    static const char *const cats[] = {"To Do", "In Progress", "Done"};
    static const struct {
        const char *name;
        int state;
    } statuses[] = {{"To Do", 0},       {"Open", 0},     {"Backlog", 0},  {"New", 0},
                    {"Reopened", 0},    {"Selected for Development", 0},
                    {"In Progress", 1}, {"In Review", 1}, {"Review", 1},  {"Testing", 1},
                    {"Done", 2},        {"Closed", 2},   {"Resolved", 2}, {"Complete", 2}};
    int k = c->col[K_CATEGORY] ? K_CATEGORY : K_STATUS;
    const char *s = cell_of(c, r, k);
    for (int v = 0; k == K_CATEGORY && v < 3; v++)
        if (strcasecmp(s, cats[v]) == 0)
            return v;
    for (size_t v = 0; k == K_STATUS && v < sizeof statuses / sizeof *statuses; v++)
        if (strcasecmp(s, statuses[v].name) == 0)
            return statuses[v].state;
    op_loc l = loc_of(c, r, k);
    if (k == K_CATEGORY)
        op_diag_error(c->d, OP_EDATA, &l, "Status Category: expected To Do, In Progress or Done, "
                      "got \"%.60s\"", s);
    else
        op_diag_error(c->d, OP_EDATA, &l, "Status: \"%.60s\" is not a status optplan knows; "
                      "export the Status Category column too", s);
    return -1;
}

/* P0..P3 from the Priority name: the --priority-map entries first, then the defaults. */
static int priority_of(const jira_ctx *c, const row_view *r)
{
    static const struct {
        const char *name;
        int p;
    } defaults[] = {{"Highest", 0}, {"High", 1},    {"Medium", 2},   {"Low", 3},
                    {"Lowest", 3},  {"Blocker", 0}, {"Critical", 1}, {"Major", 2},
                    {"Minor", 3},   {"Trivial", 3}};
    const char *s = cell_of(c, r, K_PRIORITY);
    if (!s[0])
        return 1;
    for (int k = 0; k < c->o->npriorities; k++)
        if (strlen(s) == c->o->priorities[k].len &&
            strncasecmp(s, c->o->priorities[k].name, c->o->priorities[k].len) == 0)
            return c->o->priorities[k].priority;
    for (size_t k = 0; k < sizeof defaults / sizeof *defaults; k++)
        if (strcasecmp(s, defaults[k].name) == 0)
            return defaults[k].p;
    op_loc l = loc_of(c, r, K_PRIORITY);
    op_diag_error(c->d, OP_EDATA, &l, "Priority: \"%.60s\" is not mapped to P0..P3: add "
                  "--priority-map '%.60s=P1' (say which)", s, s);
    return -1;
}

/* The role: the first non-empty role column's text (with --role-from label:PREFIX, the rest
   of the first label starting with PREFIX); "" when none. */
static const char *role_of(const jira_ctx *c, const row_view *r, unsigned *field)
{
    size_t plen = c->o->role_from == OP_JIRA_ROLE_LABEL ? strlen(c->o->role_arg) : 0;
    for (unsigned f = 0; f < c->nfields; f++) {
        const char *s = r->cell[f];
        if (c->kind[f] != K_ROLE || !s[0])
            continue;
        if (plen && (strncmp(s, c->o->role_arg, plen) != 0 || !s[plen]))
            continue;
        *field = f;
        return s + plen;
    }
    return "";
}

/* The issue's effort: Original Estimate, else the hours logged and left, else
   --default-effort; -1 (reported) when none. */
static double effort_of(jira_ctx *c, const row_view *r, const op_issue *is, double orig)
{
    if (orig > 0)
        return orig;
    double logged = (is->spent > 0 ? is->spent : 0) + (is->remaining > 0 ? is->remaining : 0);
    if (logged > 0)
        return logged;
    if (c->o->default_effort > 0)
        return c->o->default_effort;
    op_loc l = c->col[K_ORIGINAL] ? loc_of(c, r, K_ORIGINAL) : (op_loc){r->file, r->line, 0};
    op_diag_error(c->d, OP_EDATA, &l, "%s has no estimate (Original Estimate empty or 0): "
                  "estimate it in Jira, or give --default-effort H", is->key);
    c->unestimated++;
    return -1;
}

/* The scalar fields of one row into *is; 0, or -1 when a cell was reported. */
static int read_fields(jira_ctx *c, const row_view *r, op_issue *is, double *orig)
{
    int bad = 0;
    memset(is, 0, sizeof *is);
    is->loc = (op_loc){r->file, r->line, 0};
    is->start = is->due = OP_DATE_NONE;
    is->key = cell_of(c, r, K_KEY);
    is->title = cell_of(c, r, K_SUMMARY);
    is->type = cell_of(c, r, K_TYPE);
    if (!is->key[0]) {
        op_loc l = loc_of(c, r, K_KEY);
        op_diag_error(c->d, OP_EDATA, &l, "Issue key: empty");
        return -1;
    }
    bad |= too_long(c, r, c->col[K_KEY] - 1, "Issue key") ||
           too_long(c, r, c->col[K_SUMMARY] - 1, "Summary") ||
           (c->col[K_TYPE] && too_long(c, r, c->col[K_TYPE] - 1, "Issue Type"));
    int st = state_of(c, r), pr = priority_of(c, r);
    bad |= st < 0 || pr < 0;
    is->state = st < 0 ? OP_ISSUE_TODO : (op_issue_state)st;
    is->priority = pr;
    bad |= seconds(c, r, K_ORIGINAL, orig) | seconds(c, r, K_REMAINING, &is->remaining) |
           seconds(c, r, K_SPENT, &is->spent);
    const char *due = cell_of(c, r, K_DUE);
    if (due[0] && op_inputs_jira_date(due, &is->due)) {
        op_loc l = loc_of(c, r, K_DUE);
        op_diag_error(c->d, OP_EDATA, &l, "Due date: expected a date like 14/Jan/27 5:00 PM or "
                      "2027-01-14, got \"%.60s\"", due);
        bad = 1;
    }
    if (is->state == OP_ISSUE_DONE)
        is->due = OP_DATE_NONE; /* history: a past due date would only be in the way */
    unsigned rf = 0;
    is->role = role_of(c, r, &rf);
    bad |= is->role[0] && too_long(c, r, rf, "role");
    if (!is->role[0] && !bad) {
        op_loc l = {r->file, r->line, 0};
        op_diag_error(c->d, OP_EDATA, &l, "%s has no role: %s", is->key,
                      c->o->role_from == OP_JIRA_ROLE_COMPONENT ? "give it a component"
                      : c->o->role_from == OP_JIRA_ROLE_LABEL   ? "give it a label with the prefix"
                                                                 : "fill in the role field");
        bad = 1;
    }
    return bad ? -1 : 0;
}

/* Adds each key of link cell f (one key, or several separated by spaces, commas or
   semicolons) as a dependency of issue i, and each fix version; -1 on ENOMEM. */
static int add_lists(jira_ctx *c, const row_view *r, int i)
{
    for (unsigned f = 0; f < c->nfields; f++) {
        const char *s = r->cell[f];
        if (!s[0] || (c->kind[f] != K_LINK && c->kind[f] != K_VERSION))
            continue;
        if (too_long(c, r, f, c->kind[f] == K_LINK ? "link" : "Fix Version/s"))
            continue;
        if (c->kind[f] == K_VERSION) {
            if (op_tracker_add_version(c->t, i, s, (op_loc){r->file, r->line, f + 1}))
                return -1;
            continue;
        }
        char key[OP_MAX_CELL + 1];
        while (*s) {
            size_t n = strcspn(s, " ,;\t");
            if (n) {
                memcpy(key, s, n);
                key[n] = 0;
                op_ref ref = {key, -1, {r->file, r->line, f + 1}};
                if (op_tracker_add_dep(c->t, i, &ref))
                    return -1;
            }
            s += n + (s[n] != 0);
        }
    }
    return 0;
}

static int on_row(void *ctx, const row_view *r)
{
    jira_ctx *c = ctx;
    op_issue is;
    double orig;
    if (read_fields(c, r, &is, &orig))
        return 0;
    is.effort = effort_of(c, r, &is, orig);
    if (is.effort < 0)
        return 0;
    double left = is.remaining >= 0 ? is.remaining
                  : is.spent >= 0   ? is.effort - is.spent
                                    : is.effort; /* as status.csv reads it back */
    if (is.state == OP_ISSUE_DOING && left <= 0) {
        op_loc l = loc_of(c, r, is.remaining >= 0 ? K_REMAINING : K_SPENT);
        op_diag_error(c->d, OP_EDATA, &l, "%s is in progress with no time remaining: estimate "
                      "what is left in Jira, or resolve it", is.key);
        return 0;
    }
    int before = op_diag_count(c->d);
    int i = op_tracker_add_issue(c->t, &is, c->d);
    if (i < 0 || add_lists(c, r, i)) {
        if (op_diag_count(c->d) == before) /* not a limit, already said */
            op_diag_error(c->d, OP_ENOMEM, NULL, "out of memory");
        return -1;
    }
    return 0;
}

op_status op_inputs_load_jira(const char *path, const op_jira_opts *o, op_tracker *t,
                              op_diag *d)
{
    jira_ctx c = {.o = o, .t = t, .d = d};
    int before = op_diag_count(d);
    op_status st = csvread_all(path, on_header, on_row, &c, d);
    free(c.kind);
    if (st == OP_OK && op_diag_count(d) == before && op_tracker_issue_count(t) == 0) {
        op_loc l = {path, 2, 0};
        op_diag_error(d, OP_EDATA, &l, "no issues after the header");
        st = OP_EDATA;
    }
    if (st != OP_OK || op_diag_count(d) > before)
        return st != OP_OK ? st : OP_EDATA;
    return OP_OK;
}

/* ---- export-jira: a report directory's planned dates ------------------ */

typedef struct dates_ctx {
    op_tracker *t;
    op_diag *d;
    unsigned id, title, start, end, hours; /* field index + 1, 0: absent */
} dates_ctx;

static int dates_header(void *ctx, const row_view *h)
{
    dates_ctx *c = ctx;
    for (unsigned f = 0; f < h->ncells; f++) {
        unsigned *col = strcmp(h->cell[f], "id") == 0           ? &c->id
                        : strcmp(h->cell[f], "title") == 0      ? &c->title
                        : strcmp(h->cell[f], "start_date") == 0 ? &c->start
                        : strcmp(h->cell[f], "end_date") == 0   ? &c->end
                        : strcmp(h->cell[f], "hours") == 0      ? &c->hours
                                                                : NULL;
        if (col && !*col)
            *col = f + 1;
    }
    op_loc l = {h->file, h->line, 0};
    if (!c->id) {
        op_diag_error(c->d, OP_EDATA, &l, "no id column: not a schedule.csv optplan wrote");
        return -1;
    }
    if (!c->start || !c->end) {
        op_diag_error(c->d, OP_EDATA, &l, "the plan has no dates: solve it with --start DATE "
                      "(or start in settings.csv)");
        return -1;
    }
    return 0;
}

static int dates_row(void *ctx, const row_view *r)
{
    dates_ctx *c = ctx;
    op_issue is;
    memset(&is, 0, sizeof is);
    is.loc = (op_loc){r->file, r->line, 0};
    is.key = r->cell[c->id - 1];
    is.title = c->title ? r->cell[c->title - 1] : "";
    const char *a = r->cell[c->start - 1], *b = r->cell[c->end - 1];
    if ((!a[0] && !b[0]) || (c->hours && strcmp(r->cell[c->hours - 1], "0") == 0))
        return 0; /* not scheduled, or done before the plan: nothing to tell Jira */
    if (op_date_parse(a, &is.start) || op_date_parse(b, &is.due)) {
        op_loc l = {r->file, r->line, op_date_parse(a, &is.start) ? c->start : c->end};
        op_diag_error(c->d, OP_EDATA, &l, "expected a date YYYY-MM-DD");
        return 0;
    }
    int before = op_diag_count(c->d);
    if (op_tracker_add_issue(c->t, &is, c->d) < 0) {
        if (op_diag_count(c->d) == before)
            op_diag_error(c->d, OP_ENOMEM, NULL, "out of memory");
        return -1;
    }
    return 0;
}

op_status op_inputs_load_plan_dates(const char *dir, op_tracker *t, op_diag *d)
{
    char *path = op_path_join(dir, "schedule.csv");
    if (!path) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    dates_ctx c = {.t = t, .d = d};
    int before = op_diag_count(d);
    const char *kept = op_tracker_intern(t, path); /* the issues' locations point at it */
    free(path);
    if (!kept) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    op_status st = csvread_all(kept, dates_header, dates_row, &c, d);
    return st != OP_OK ? st : op_diag_count(d) > before ? OP_EDATA : OP_OK;
}
