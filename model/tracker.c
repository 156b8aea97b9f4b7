/* tracker.c - an issue tracker's issues (import-jira, export-jira): store, links checked */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "internal.h"

typedef struct str_node {
    struct str_node *next;
    char s[];
} str_node;

typedef struct version {
    const char *name;
    op_date release;
    op_loc loc; /* its first mention */
} version;

typedef struct key_ix {
    const char *key;
    int issue;
} key_ix;

struct op_tracker {
    op_issue *issues;
    int nissues, cap;
    version *versions;
    int nversions, vcap;
    key_ix *sorted; /* keys in order (op_tracker_check) */
    str_node *strs;
};

op_tracker *op_tracker_new(void)
{
    return calloc(1, sizeof(op_tracker));
}

void op_tracker_free(op_tracker *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->nissues; i++) {
        free(t->issues[i].deps);
        free(t->issues[i].versions);
    }
    free(t->issues);
    free(t->versions);
    free(t->sorted);
    while (t->strs) {
        str_node *n = t->strs->next;
        free(t->strs);
        t->strs = n;
    }
    free(t);
}

const char *op_tracker_intern(op_tracker *t, const char *s)
{
    size_t n = strlen(s) + 1;
    str_node *node = malloc(sizeof *node + n);
    if (!node)
        return NULL;
    memcpy(node->s, s, n);
    node->next = t->strs;
    t->strs = node;
    return node->s;
}

int op_tracker_add_issue(op_tracker *t, const op_issue *is, op_diag *d)
{
    if (t->nissues >= OP_MAX_ITEMS) {
        op_diag_error(d, OP_EDATA, &is->loc, "too many issues (limit %d)", OP_MAX_ITEMS);
        return -1;
    }
    if (mdl_grow(&t->issues, &t->cap, t->nissues, sizeof *t->issues))
        return -1;
    op_issue c = *is;
    c.key = op_tracker_intern(t, is->key ? is->key : "");
    c.title = op_tracker_intern(t, is->title ? is->title : "");
    c.type = op_tracker_intern(t, is->type ? is->type : "");
    c.role = op_tracker_intern(t, is->role ? is->role : "");
    if (!c.key || !c.title || !c.type || !c.role)
        return -1;
    c.deps = NULL;
    c.ndeps = 0;
    c.versions = NULL;
    c.nversions = 0;
    t->issues[t->nissues] = c;
    return t->nissues++;
}

int op_tracker_add_dep(op_tracker *t, int i, const op_ref *ref)
{
    op_issue *is = &t->issues[i];
    int cap = is->ndeps; /* grown one at a time: issues have few links */
    op_ref r = *ref;
    r.index = -1;
    if (!(r.name = op_tracker_intern(t, ref->name)))
        return -1;
    op_ref *nd = realloc(is->deps, (size_t)(cap + 1) * sizeof *nd);
    if (!nd)
        return -1;
    nd[is->ndeps++] = r;
    is->deps = nd;
    return 0;
}

int op_tracker_add_version(op_tracker *t, int i, const char *name, op_loc loc)
{
    op_issue *is = &t->issues[i];
    int v;
    for (v = 0; v < t->nversions && strcmp(t->versions[v].name, name) != 0; v++)
        ;
    if (v == t->nversions) {
        if (mdl_grow(&t->versions, &t->vcap, t->nversions, sizeof *t->versions))
            return -1;
        const char *s = op_tracker_intern(t, name);
        if (!s)
            return -1;
        t->versions[t->nversions++] = (version){s, OP_DATE_NONE, loc};
    }
    for (int k = 0; k < is->nversions; k++)
        if (is->versions[k] == t->versions[v].name)
            return 0; /* named twice on one issue */
    const char **nv = realloc(is->versions, (size_t)(is->nversions + 1) * sizeof *nv);
    if (!nv)
        return -1;
    nv[is->nversions++] = t->versions[v].name;
    is->versions = nv;
    return 0;
}

int op_tracker_set_version_date(op_tracker *t, const char *name, op_date day)
{
    for (int v = 0; v < t->nversions; v++)
        if (strcmp(t->versions[v].name, name) == 0) {
            t->versions[v].release = day;
            return 0;
        }
    return -1;
}

int op_tracker_issue_count(const op_tracker *t) { return t->nissues; }
const op_issue *op_tracker_issue(const op_tracker *t, int i) { return &t->issues[i]; }
int op_tracker_version_count(const op_tracker *t) { return t->nversions; }

const char *op_tracker_version(const op_tracker *t, int v, op_date *release)
{
    if (release)
        *release = t->versions[v].release;
    return t->versions[v].name;
}

op_status op_tracker_check_versions(const op_tracker *t, op_diag *d)
{
    op_status st = OP_OK;
    for (int v = 0; v < t->nversions; v++) {
        size_t len = 0; /* its issues as one gates.csv cell "A-1;A-2" */
        for (int i = 0; i < t->nissues; i++)
            for (int k = 0; k < t->issues[i].nversions; k++)
                if (t->issues[i].versions[k] == t->versions[v].name)
                    len += strlen(t->issues[i].key) + 1;
        if (len > OP_MAX_CELL + 1) {
            op_diag_error(d, OP_EDATA, &t->versions[v].loc,
                          "fix version \"%s\" has too many issues for one gates.csv cell "
                          "(%zu bytes of keys, at most %d)",
                          t->versions[v].name, len - 1, OP_MAX_CELL);
            st = OP_EDATA;
        }
        if (t->versions[v].release == OP_DATE_NONE) {
            op_diag_error(d, OP_EDATA, &t->versions[v].loc,
                          "fix version \"%s\" has no release date: give --version-date "
                          "'%s=YYYY-MM-DD'",
                          t->versions[v].name, t->versions[v].name);
            st = OP_EDATA;
        }
    }
    return st;
}

/* qsort by key; equal keys by row, so a duplicate is reported after its first. */
static int by_key(const void *a, const void *b)
{
    const key_ix *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->issue > y->issue) - (x->issue < y->issue);
}

int op_tracker_find(const op_tracker *t, const char *key)
{
    int lo = 0, hi = t->sorted ? t->nissues - 1 : -1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(t->sorted[mid].key, key);
        if (c == 0)
            return t->sorted[mid].issue;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Removes dependency k of issue is, keeping the order of the rest. */
static void drop_dep(op_issue *is, int k)
{
    memmove(&is->deps[k], &is->deps[k + 1], (size_t)(is->ndeps - k - 1) * sizeof *is->deps);
    is->ndeps--;
}

/* Resolves every link: unknown keys and links of started work to unfinished
   work handled as op_tracker_check says. */
static void resolve_links(op_tracker *t, int drop_unknown, op_diag *d, op_diag *warn)
{
    static const char *const state_word[] = {"todo", "doing", "done"};
    for (int i = 0; i < t->nissues; i++) {
        op_issue *is = &t->issues[i];
        for (int k = 0; k < is->ndeps; k++) {
            op_ref *r = &is->deps[k];
            r->index = op_tracker_find(t, r->name);
            if (r->index == i) {
                op_diag_error(d, OP_EDATA, &r->loc, "%s depends on itself", is->key);
            } else if (r->index < 0 && !drop_unknown) {
                op_diag_error(d, OP_EDATA, &r->loc,
                              "%s depends on %s, which is not in the export (export it too, "
                              "or use --unknown-links drop)",
                              is->key, r->name);
            } else if (r->index < 0) {
                op_diag_error(warn, OP_EDATA, &r->loc,
                              "warning: %s depends on %s, which is not in the export: link "
                              "dropped",
                              is->key, r->name);
                drop_dep(is, k--);
            } else if (is->state != OP_ISSUE_TODO &&
                       t->issues[r->index].state != OP_ISSUE_DONE) {
                op_diag_error(warn, OP_EDATA, &r->loc,
                              "warning: %s is %s but %s, which it depends on, is not done: link "
                              "dropped",
                              is->key, state_word[is->state], r->name);
                drop_dep(is, k--);
            }
        }
        size_t len = 0;
        for (int k = 0; k < is->ndeps; k++)
            len += strlen(is->deps[k].name) + 1;
        if (len > OP_MAX_CELL + 1)
            op_diag_error(d, OP_EDATA, &is->loc, "%s has too many links for one depends_on cell "
                          "(%zu bytes of keys, at most %d)", is->key, len - 1, OP_MAX_CELL);
    }
}

static const op_ref *issue_edges(const void *ctx, int v, int *n)
{
    const op_tracker *t = ctx;
    *n = t->issues[v].ndeps;
    return t->issues[v].deps;
}

static const char *issue_key(const void *ctx, int v)
{
    return ((const op_tracker *)ctx)->issues[v].key;
}

/* Reports the first dependency cycle found (an error at the link that closes it); OP_OK
   when there is none. */
static op_status find_cycle(const op_tracker *t, op_diag *d)
{
    mdl_graph g = {t, t->nissues, issue_edges, issue_key};
    return mdl_find_cycles(&g, NULL, "dependency", d);
}

op_status op_tracker_check(op_tracker *t, int drop_unknown, op_diag *d, op_diag *warn)
{
    int before = op_diag_count(d);
    free(t->sorted);
    t->sorted = malloc(((size_t)t->nissues + 1) * sizeof *t->sorted);
    if (!t->sorted) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    for (int i = 0; i < t->nissues; i++)
        t->sorted[i] = (key_ix){t->issues[i].key, i};
    qsort(t->sorted, (size_t)t->nissues, sizeof *t->sorted, by_key);
    for (int k = 1; k < t->nissues; k++) {
        const op_issue *a = &t->issues[t->sorted[k - 1].issue], *b = &t->issues[t->sorted[k].issue];
        if (strcmp(a->key, b->key) == 0)
            op_diag_error(d, OP_EDATA, &b->loc, "issue key %s appears twice (first on line %u)",
                          b->key, a->loc.line);
    }
    if (op_diag_count(d) > before)
        return OP_EDATA;
    resolve_links(t, drop_unknown, d, warn);
    if (op_diag_count(d) > before)
        return OP_EDATA;
    op_status st = find_cycle(t, d);
    if (st == OP_ENOMEM)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    return st;
}
