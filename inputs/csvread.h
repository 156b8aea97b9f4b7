/* csvread.h - private to inputs/: a header-driven CSV table reader over libcsv */
#ifndef OPTPLAN_CSVREAD_H
#define OPTPLAN_CSVREAD_H

#include "inputs.h"

/* One column a file format knows. */
typedef struct col_spec {
    const char *name; /* lower case */
    int required;
    const char *unless; /* a column whose presence waives "required" (or NULL) */
} col_spec;

/* One data row as the converters see it: cells by spec index. */
typedef struct row_view {
    const char *file;
    unsigned line;
    const char *const *cell; /* cell[k]: trimmed text, "" when the column is absent */
    const unsigned *field;   /* field[k]: 1-based field number, 0 when absent */
    unsigned ncells;         /* cells in cell[] (csvread_all: fields in the row) */
} row_view;

/* Reads path as a table with the given columns and calls on_row for every data
   row; rows whose cells are all blank are skipped wherever they are. Structural
   problems (file, encoding, separator, header, quoting, field counts) go to d,
   with a hint where one helps (a ';'- or tab-separated file, Windows-1252 or
   UTF-16 text, a misspelt column name); a file with a header and no rows is
   one unless allow_empty. on_row returns non-zero only on ENOMEM, which stops
   reading. Returns OP_OK when the file was read without any structural
   problem. */
op_status csvread_table(const char *path, const col_spec *spec, int nspec, int allow_empty,
                        int (*on_row)(void *ctx, const row_view *row), void *ctx, op_diag *d);

/* Reads path as csvread_table does (libcsv strict, a BOM skipped, UTF-8
   checked, blank rows skipped, equal field counts), but knowing no column
   names: on_header sees the header and on_row each data row with cell[f] the
   text of field f + 1 (trimmed, of any length: the caller checks what it
   uses), repeated names included. on_header returns non-zero to stop (its
   problem reported by it, or ENOMEM); on_row as in csvread_table. A file
   with no rows is not an error. */
op_status csvread_all(const char *path, int (*on_header)(void *ctx, const row_view *header),
                      int (*on_row)(void *ctx, const row_view *row), void *ctx, op_diag *d);

/* The location of column k of row r. */
op_loc csvread_loc(const row_view *r, int k);

/* Cell parsers: each reports "COLUMN: what is wrong" at the cell and returns
   -1 on a bad value, 0 with *out set otherwise. An empty cell yields dflt. */
int csvread_number(const row_view *r, int k, const char *col, double min, int min_open,
                   double dflt, double *out, op_diag *d);
int csvread_week(const row_view *r, int k, const char *col, int dflt, int *out, op_diag *d);
int csvread_int(const row_view *r, int k, const char *col, int min, int max, int dflt, int *out,
                op_diag *d);
/* A date YYYY-MM-DD (op_date_parse), reported as a bad cell otherwise. */
int csvread_date(const row_view *r, int k, const char *col, op_date *out, op_diag *d);
/* A week-valued cell given as a date: the period that holds it in a plan
   of period per starting at start (op_period_of_date; next: a first day).
   Reported: a bad date, no start date, a date before the start or past
   the last period a plan holds. */
int csvread_date_period(const row_view *r, int k, const char *col, op_date start, op_period per,
                        int next, int *out, op_diag *d);
/* Index of the cell's value among the (case-insensitive) words, dflt when the
   cell is empty, -1 (reported) when it is none of them. */
int csvread_enum(const row_view *r, int k, const char *col, const char *const *words, int nwords,
                 int dflt, op_diag *d);

/* Calls fn for each non-empty ';'-separated entry of cell k (trimmed). */
int csvread_list(const row_view *r, int k, int (*fn)(void *ctx, const char *entry, op_loc loc),
                 void *ctx);

/* Reads holidays.csv (date, role, hours) into p before it is validated
   (settings.c); problems go to d. */
void op_inputs_read_holidays(const char *path, op_plan *p, op_diag *d);

#endif
