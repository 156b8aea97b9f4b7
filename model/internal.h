/* internal.h - private to model/: the name map behind lookups by name, and growing arrays */
#ifndef OPTPLAN_MODEL_INTERNAL_H
#define OPTPLAN_MODEL_INTERNAL_H

#include <stddef.h>

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

#endif
