/* util.c - the one clock, random generator, path join, priority name table and growing arrays */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model.h"
#include "internal.h"

int mdl_grow(void *arrp, int *cap, int n, size_t sz)
{
    void **a = arrp;
    if (n < *cap)
        return 0;
    int ncap = *cap ? *cap * 2 : 16;
    void *na = realloc(*a, (size_t)ncap * sz);
    if (!na)
        return -1;
    *a = na;
    *cap = ncap;
    return 0;
}

double op_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Knuth's MMIX multiplier: a full-period 64-bit LCG; the high bits are used. */
unsigned long long op_rng_next(op_rng *r)
{
    r->state = r->state * 6364136223846793005ULL + 1442695040888963407ULL;
    return r->state >> 11;
}

double op_rng_unit(op_rng *r)
{
    return (double)op_rng_next(r) / 9007199254740992.0; /* 2^53 */
}

char *op_path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *s = malloc(n);
    if (!s)
        return NULL;
    size_t dl = strlen(dir);
    if (dl && dir[dl - 1] == '/')
        snprintf(s, n, "%s%s", dir, name);
    else
        snprintf(s, n, "%s/%s", dir, name);
    return s;
}

size_t op_path_base(const char *path, size_t *len)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t k = n;
    while (k > 0 && path[k - 1] != '/')
        k--;
    *len = n - k;
    return k;
}

const char *op_priority_name(int priority)
{
    static const char *const names[] = {"P0", "P1", "P2", "P3"};
    return priority >= 0 && priority < 4 ? names[priority] : "P?";
}
