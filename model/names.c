/* names.c - the closest known name to a misspelt one, for "did you mean" hints */
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* Names longer than this (in characters) are matched only ignoring case. */
#define NAME_CHARS 64
#define MAX_EDITS 2

/* Splits s into characters, ASCII letters folded to lower case: each UTF-8
   character becomes one number (its bytes), so an edit of "é" costs one.
   Returns the count, or -1 when s has more than max characters. */
static int chars_of(const char *s, unsigned long *out, int max)
{
    const unsigned char *p = (const unsigned char *)s;
    int n = 0;
    while (*p) {
        if (n == max)
            return -1;
        unsigned long c = *p++;
        if (c >= 0xC0)
            for (int k = 0; k < 3 && (*p & 0xC0) == 0x80; k++)
                c = c << 8 | *p++;
        else if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        out[n++] = c;
    }
    return n;
}

static int min2(int a, int b) { return a < b ? a : b; }

/* The optimal-string-alignment (restricted Damerau-Levenshtein) distance of
   a and b: insertions, deletions, substitutions and swaps of two neighbours.
   Only the band |i - j| <= k is computed, so any distance above k is k + 1. */
static int edit_distance(const unsigned long *a, int na, const unsigned long *b, int nb, int k)
{
    if (abs(na - nb) > k)
        return k + 1;
    int rows[3][NAME_CHARS + 1];
    int *two = rows[0], *prev = rows[1], *cur = rows[2];
    const int far = k + 1;
    for (int j = 0; j <= nb; j++)
        prev[j] = j <= k ? j : far;
    for (int i = 1; i <= na; i++) {
        int lo = i - k > 1 ? i - k : 1, hi = i + k < nb ? i + k : nb;
        /* cells just outside the band read as "too far" */
        for (int j = lo - 1; j <= hi + 1 && j <= nb; j++)
            cur[j] = far;
        cur[0] = i <= k ? i : far;
        int best = cur[0];
        for (int j = lo; j <= hi; j++) {
            int v = min2(prev[j] + 1, cur[j - 1] + 1);
            v = min2(v, prev[j - 1] + (a[i - 1] != b[j - 1]));
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = min2(v, two[j - 2] + 1);
            cur[j] = min2(v, far);
            best = min2(best, cur[j]);
        }
        if (best > k)
            return far;
        int *t = two;
        two = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

/* Equal but for the case of ASCII letters. */
static int same_ignoring_case(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + ('a' - 'A'));
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + ('a' - 'A'));
        if (x != y)
            return 0;
        if (!x)
            return 1;
    }
}

int op_closest_name(const char *name, const char *const *names, int n)
{
    unsigned long a[NAME_CHARS], b[NAME_CHARS];
    int na = chars_of(name, a, NAME_CHARS);
    /* edits allowed: at most MAX_EDITS, and at most a third of the name */
    int k = na < 0 ? 0 : min2(MAX_EDITS, na / 3);
    /* score: 0 the name itself, 1 the same ignoring case, 2 + edits */
    int best = -1, best_score = k + 3, ties = 0;
    for (int i = 0; i < n; i++) {
        const char *s = names[i];
        if (!s)
            continue;
        int score;
        if (same_ignoring_case(name, s)) {
            score = strcmp(name, s) != 0;
        } else {
            int nb = k > 0 ? chars_of(s, b, NAME_CHARS) : -1;
            int edits = nb < 0 ? k + 1 : edit_distance(a, na, b, nb, k);
            if (edits > k)
                continue;
            score = 2 + edits;
        }
        if (score < best_score) {
            best = i;
            best_score = score;
            ties = 0;
        } else if (score == best_score) {
            ties++;
        }
    }
    return ties ? -1 : best;
}
