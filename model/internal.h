/* internal.h - private to model/: the name map behind lookups by name, growing arrays, cycle search */
#ifndef OPTPLAN_MODEL_INTERNAL_H
#define OPTPLAN_MODEL_INTERNAL_H

#include <stddef.h>

#include "model.h"

/* Open-addressing string -> index map; the keys are interned strings that
   outlive it (the plan's string store). Zeroed memory is an empty map. */
typedef struct name_map {
    const char **keys;
    int *vals;
    size_t cap, used;
} name_map;

/* The value of key, -1 when absent. */
int mdl_map_find(const name_map *m, const char *key);
/* Adds key -> val (key is kept, not copied); -1 on ENOMEM. */
int mdl_map_put(name_map *m, const char *key, int val);
void mdl_map_free(name_map *m);

/* Room for one more element in the array *arrp points to (n used of *cap,
   sz bytes each; doubled, 16 at first): 0, or -1 on ENOMEM (the array is
   left as it was). arrp is the address of the array's pointer. */
int mdl_grow(void *arrp, int *cap, int n, size_t sz);

/* A graph over nodes 0..n-1 of ctx (a plan, a tracker): each node's
   edges (references resolved to indices; an index < 0 is skipped) and
   name. */
typedef struct mdl_graph {
    const void *ctx;
    int n;
    const op_ref *(*edges)(const void *ctx, int v, int *n);
    const char *(*name)(const void *ctx, int v);
} mdl_graph;

/* Depth-first search: reports the first cycle found as "WHAT cycle: a -> b
   -> a" at the edge that closes it (OP_EDATA); else fills order (when not
   NULL, n entries) with a topological order, dependencies first, and
   returns OP_OK; OP_ENOMEM when memory runs out. */
op_status mdl_find_cycles(const mdl_graph *g, int *order, const char *what, op_diag *d);

#endif
