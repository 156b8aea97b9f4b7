/* namemap.c - the string -> index map behind the plan's lookups by name (FNV-1a, linear probing) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

int mdl_map_find(const name_map *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t i = (size_t)(hash_str(key) & (m->cap - 1));
    while (m->keys[i]) {
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return -1;
}

/* Doubles the table (64 slots at first), rehashing every key; -1 on ENOMEM. */
static int grow_map(name_map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    const char **nk = calloc(ncap, sizeof *nk);
    int *nv = calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return -1;
    }
    for (size_t k = 0; k < m->cap; k++) {
        if (!m->keys[k])
            continue;
        size_t i = (size_t)(hash_str(m->keys[k]) & (ncap - 1));
        while (nk[i])
            i = (i + 1) & (ncap - 1);
        nk[i] = m->keys[k];
        nv[i] = m->vals[k];
    }
    free(m->keys);
    free(m->vals);
    m->keys = nk;
    m->vals = nv;
    m->cap = ncap;
    return 0;
}

int mdl_map_put(name_map *m, const char *key, int val)
{
    if ((m->used + 1) * 2 > m->cap && grow_map(m))
        return -1;
    size_t i = (size_t)(hash_str(key) & (m->cap - 1));
    while (m->keys[i])
        i = (i + 1) & (m->cap - 1);
    m->keys[i] = key;
    m->vals[i] = val;
    m->used++;
    return 0;
}

void mdl_map_free(name_map *m)
{
    free(m->keys);
    free(m->vals);
}
