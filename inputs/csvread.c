/* csvread.c - libcsv driver that keeps FILE:LINE:FIELD for every cell */
#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csvread.h"

#define MAX_FIELDS 256 /* fields kept per record; more is an error */
#define RAW_MAX_FIELDS 2048 /* the same for csvread_all: a tracker's export has many columns */

typedef struct reader {
    const char *file;
    const col_spec *spec;
    int nspec;
    int raw;             /* csvread_all: every field as it is, no column names checked */
    unsigned maxfields;  /* MAX_FIELDS, or RAW_MAX_FIELDS when raw */
    int (*on_header)(void *, const row_view *);
    op_diag *d;
    int (*on_row)(void *, const row_view *);
    void *ctx;
    unsigned line;       /* physical line being parsed */
    unsigned nfields;    /* fields seen in the current record */
    unsigned rec_line;   /* line where the current record's first field ended */
    unsigned next_line;  /* first line after the last complete record */
    unsigned field_line; /* line where the last field ended */
    char *cells[RAW_MAX_FIELDS];
    unsigned fieldno[RAW_MAX_FIELDS]; /* raw: fieldno[f] = f + 1 */
    int header_done;
    int col_of_field[MAX_FIELDS]; /* spec index of header field f, -1 unknown */
    unsigned nheader;
    unsigned rows;
    int structural;      /* structural errors seen */
    int row_bad;         /* a cell of the current record was unreadable */
    int stop;            /* ENOMEM or too many rows: ignore the rest */
    int has_text;        /* a cell of the current record is not blank */
    int encoding_told;   /* the Windows-1252 hint was given for this file */
} reader;

/* Returns the byte offset of the first invalid UTF-8 sequence, or -1. */
static long bad_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            min = 0x10000;
        } else {
            return (long)i;
        }
        if (i + len > n)
            return (long)i;
        unsigned cp = c & (0x7F >> len);
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return (long)i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return (long)i;
        i += len;
    }
    return -1;
}

/* The character byte b (0x80..0xFF) stands for in Windows-1252, as UTF-8 in
   out (at least 4 bytes); "" for an invisible one (no-break space, soft
   hyphen). Returns 0 when b is none in Windows-1252 (a C1 control in
   Latin-1, unlikely in text). */
static int cp1252_char(unsigned char b, char *out)
{
    /* 0x80..0x9F; 0 where Windows-1252 defines nothing */
    static const unsigned short c1[32] = {
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
    unsigned cp = b < 0xA0 ? c1[b - 0x80] : b;
    out[0] = 0;
    if (!cp)
        return 0;
    if (cp == 0xA0 || cp == 0xAD)
        return 1;
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        out[2] = 0;
    } else {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        out[3] = 0;
    }
    return 1;
}

/* A structural problem: the rows of this file will not be converted. */
static void error_at(reader *r, unsigned line, unsigned field, const char *what, const char *name)
{
    op_loc l = {r->file, line, field};
    if (name)
        op_diag_error(r->d, OP_EDATA, &l, "%s \"%s\"", what, name);
    else
        op_diag_error(r->d, OP_EDATA, &l, "%s", what);
    r->structural++;
}

/* An unreadable cell: its row is reported and skipped, the file goes on. */
static void cell_bad(reader *r, unsigned field, const char *what)
{
    op_loc l = {r->file, r->line, field};
    op_diag_error(r->d, OP_EDATA, &l, "%s", what);
    r->row_bad = 1;
}

static void free_cells(reader *r)
{
    for (unsigned f = 0; f < r->nfields && f < r->maxfields; f++) {
        free(r->cells[f]);
        r->cells[f] = NULL;
    }
    r->nfields = 0;
    r->row_bad = 0;
    r->has_text = 0;
}

/* Reports the cell's first invalid UTF-8 byte, with the hint that the file
   is in Windows-1252 (or Latin-1) when the byte reads as a character there:
   in full the first time in a file, then as the character alone. */
static void bad_encoding(reader *r, unsigned field, unsigned char b)
{
    char what[160], ch[4];
    int known = cp1252_char(b, ch);
    if (!known)
        snprintf(what, sizeof what, "invalid UTF-8 byte 0x%02X", b);
    else if (r->encoding_told)
        snprintf(what, sizeof what, "invalid UTF-8 byte 0x%02X%s%s%s", b,
                 ch[0] ? " (\"" : "", ch, ch[0] ? "\" in Windows-1252)" : "");
    else
        snprintf(what, sizeof what,
                 "invalid UTF-8 byte 0x%02X (the file looks like Windows-1252 or Latin-1%s%s%s: "
                 "save it as UTF-8)",
                 b, ch[0] ? ", where it is \"" : "", ch, ch[0] ? "\"" : "");
    r->encoding_told |= known;
    cell_bad(r, field, what);
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    unsigned f = r->nfields++;
    if (f == 0)
        r->rec_line = r->line;
    r->field_line = r->line;
    const char *txt = s ? s : "";
    for (size_t k = 0; k < len && !r->has_text; k++)
        r->has_text = !isspace((unsigned char)txt[k]);
    if (r->stop || f >= r->maxfields)
        return;
    long bad;
    if (memchr(txt, '\0', len)) {
        cell_bad(r, f + 1, "NUL byte in cell");
        len = 0;
    } else if (len > OP_MAX_CELL && !r->raw) { /* raw: the caller checks the cells it uses */
        cell_bad(r, f + 1, "cell longer than 4096 bytes");
        len = 0;
    } else if ((bad = bad_utf8((const unsigned char *)txt, len)) >= 0) {
        bad_encoding(r, f + 1, (unsigned char)txt[bad]);
        len = 0;
    }
    while (len && isspace((unsigned char)txt[0])) {
        txt++;
        len--;
    }
    while (len && isspace((unsigned char)txt[len - 1]))
        len--;
    /* optplan's CSV output defuses spreadsheet formulas with a leading
       apostrophe ('=x); reading such a cell back undoes it */
    if (!r->raw && len >= 2 && txt[0] == '\'' && strchr("=+-@\t\r", txt[1])) {
        txt++;
        len--;
    }
    char *c = malloc(len + 1);
    if (!c) {
        op_diag_error(r->d, OP_ENOMEM, NULL, "out of memory");
        r->stop = 1;
        return;
    }
    memcpy(c, txt, len);
    c[len] = 0;
    r->cells[f] = c;
}

/* Whether the header is one cell that splits at sep into column names of
   the format, as when a spreadsheet saved ';'- or tab-separated values: then
   it is reported once, showing the first two names, and the file is not read
   further. */
static int wrong_separator(reader *r, char sep, const char *sep_name)
{
    const char *h = r->cells[0];
    const char seps[2] = {sep, 0};
    if (r->nfields != 1 || r->row_bad || !strchr(h, sep))
        return 0;
    int known = 0;
    for (const char *s = h; !known; s++) {
        size_t len = strcspn(s, seps);
        const char *a = s, *b = s + len;
        while (a < b && isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            b--;
        for (int k = 0; k < r->nspec && !known; k++)
            known = strlen(r->spec[k].name) == (size_t)(b - a) &&
                    strncasecmp(a, r->spec[k].name, (size_t)(b - a)) == 0;
        s += len;
        if (!*s)
            break;
    }
    if (!known)
        return 0;
    char shown[100];
    size_t n = 0;
    int seen = 0;
    const char *s;
    for (s = h; *s && seen < 2 && (n < 60 || ((unsigned char)*s & 0xC0) == 0x80); s++) {
        seen += *s == sep;
        if (*s == '\t')
            shown[n++] = '\\', shown[n++] = 't';
        else
            shown[n++] = *s;
    }
    snprintf(shown + n, sizeof shown - n, "%s", *s ? "..." : "");
    op_loc l = {r->file, r->rec_line, 1};
    op_diag_error(r->d, OP_EDATA, &l,
                  "the header is one cell \"%s\": the file looks %s-separated; save it as "
                  "comma-separated CSV",
                  shown, sep_name);
    r->structural++;
    r->stop = 1;
    return 1;
}

/* An unknown column name, with the closest one the format knows as a hint.
   Returns the spec index of the hint, -1 when none. */
static int unknown_column(reader *r, unsigned field, const char *name)
{
    const char *names[MAX_FIELDS];
    int n = r->nspec < MAX_FIELDS ? r->nspec : MAX_FIELDS;
    for (int k = 0; k < n; k++)
        names[k] = r->spec[k].name;
    int near = op_closest_name(name, names, n);
    op_loc l = {r->file, r->rec_line, field};
    if (near >= 0)
        op_diag_error(r->d, OP_EDATA, &l, "unknown column \"%s\"; did you mean \"%s\"?", name,
                      names[near]);
    else
        op_diag_error(r->d, OP_EDATA, &l, "unknown column \"%s\"", name);
    r->structural++;
    return near;
}

/* csvread_all's header: every name handed to on_header as they are. */
static void read_raw_header(reader *r)
{
    r->nheader = r->nfields < r->maxfields ? r->nfields : r->maxfields;
    if (r->nfields > r->maxfields) {
        error_at(r, r->rec_line, r->maxfields + 1, "too many columns", NULL);
        return;
    }
    if (r->row_bad)
        return;
    row_view rv = {r->file, r->rec_line, (const char *const *)r->cells, r->fieldno, r->nheader};
    if (r->on_header(r->ctx, &rv)) {
        r->structural++;
        r->stop = 1;
    }
}

static void read_header(reader *r)
{
    r->header_done = 1;
    if (r->raw) {
        read_raw_header(r);
        return;
    }
    r->nheader = r->nfields < MAX_FIELDS ? r->nfields : MAX_FIELDS;
    if (wrong_separator(r, ';', "semicolon") || wrong_separator(r, '\t', "tab"))
        return;
    int *seen = calloc((size_t)r->nspec, sizeof *seen);
    if (!seen) {
        r->stop = 1;
        return;
    }
    for (unsigned f = 0; f < r->nheader; f++) {
        const char *name = r->cells[f];
        r->col_of_field[f] = -1;
        if (!name[0]) {
            if (!r->row_bad) /* an unreadable name was reported already */
                error_at(r, r->rec_line, f + 1, "empty column name in header", NULL);
            continue;
        }
        int k;
        for (k = 0; k < r->nspec; k++)
            if (strcasecmp(name, r->spec[k].name) == 0)
                break;
        if (k == r->nspec) {
            /* a misspelt required column is not reported missing as well */
            int near = unknown_column(r, f + 1, name);
            if (near >= 0 && !seen[near])
                seen[near] = -1;
            continue;
        }
        if (seen[k] > 0) {
            error_at(r, r->rec_line, f + 1, "duplicate column", r->spec[k].name);
            continue;
        }
        seen[k] = (int)f + 1;
        r->col_of_field[f] = k;
    }
    for (int k = 0; k < r->nspec; k++) {
        if (!r->spec[k].required || seen[k])
            continue;
        int waived = 0;
        for (int j = 0; r->spec[k].unless && j < r->nspec; j++)
            waived |= seen[j] && strcmp(r->spec[j].name, r->spec[k].unless) == 0;
        if (!waived)
            error_at(r, r->rec_line, 0, "missing required column", r->spec[k].name);
    }
    if (r->nfields > MAX_FIELDS)
        error_at(r, r->rec_line, MAX_FIELDS + 1, "too many columns", NULL);
    free(seen);
}

static void on_record(int c, void *data)
{
    (void)c;
    reader *r = data;
    r->next_line = r->line + 1;
    /* rows of empty cells (",,,," of a spreadsheet export, blank lines) are
       not data: skipped anywhere, before the header too */
    if (r->stop || !r->has_text) {
        free_cells(r);
        return;
    }
    if (!r->header_done) {
        read_header(r);
        if (r->row_bad)
            r->structural++;
        free_cells(r);
        return;
    }
    if (++r->rows > OP_MAX_ROWS) {
        op_loc l = {r->file, r->rec_line, 0};
        op_diag_error(r->d, OP_EDATA, &l, "too many rows (limit %d)", OP_MAX_ROWS);
        r->structural++;
        r->stop = 1;
        free_cells(r);
        return;
    }
    if (r->nfields != r->nheader) {
        op_loc l = {r->file, r->rec_line, r->nfields > r->nheader ? r->nheader + 1 : r->nfields};
        op_diag_error(r->d, OP_EDATA, &l, "row has %u fields, the header has %u", r->nfields,
                      r->nheader);
        r->structural++;
        free_cells(r);
        return;
    }
    if (r->structural || r->row_bad) { /* header unusable or row unreadable */
        free_cells(r);
        return;
    }
    if (r->raw) {
        row_view raw = {r->file, r->rec_line, (const char *const *)r->cells, r->fieldno, r->nheader};
        if (r->on_row(r->ctx, &raw))
            r->stop = 1;
        free_cells(r);
        return;
    }
    const char *cell[MAX_FIELDS];
    unsigned field[MAX_FIELDS];
    for (int k = 0; k < r->nspec; k++) {
        cell[k] = "";
        field[k] = 0;
    }
    for (unsigned f = 0; f < r->nheader; f++) {
        int k = r->col_of_field[f];
        if (k >= 0) {
            cell[k] = r->cells[f];
            field[k] = f + 1;
        }
    }
    row_view rv = {r->file, r->rec_line, cell, field, (unsigned)r->nspec};
    if (r->on_row(r->ctx, &rv))
        r->stop = 1;
    free_cells(r);
}

/* Reads the whole file, refusing more than OP_MAX_FILE bytes. */
static char *slurp(const char *path, size_t *len, op_diag *d)
{
    op_loc l = {path, 0, 0};
    FILE *f = fopen(path, "rb");
    if (!f) {
        op_diag_error(d, OP_ENOINPUT, &l, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        op_diag_error(d, OP_ENOINPUT, &l, "is a directory, not a file");
        fclose(f);
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > (size_t)OP_MAX_FILE) {
            op_diag_error(d, OP_EDATA, &l, "file larger than %ld MiB", OP_MAX_FILE >> 20);
            free(buf);
            fclose(f);
            return NULL;
        }
        if (got == 0)
            break;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (!buf) {
        op_diag_error(d, OP_ENOMEM, &l, "out of memory");
        fclose(f);
        return NULL;
    }
    if (ferror(f)) {
        op_diag_error(d, OP_EIO, &l, "read error: %s", strerror(errno));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Refuses UTF-16 text (a spreadsheet's "Unicode text": every cell would hold NULs); 1 when s
   is that and it was reported. */
static int refuse_utf16(const char *path, const char *s, size_t len, op_diag *d)
{
    if (len < 2 || (memcmp(s, "\xFF\xFE", 2) != 0 && memcmp(s, "\xFE\xFF", 2) != 0))
        return 0;
    op_loc l = {path, 1, 0};
    op_diag_error(d, OP_EDATA, &l,
                  "the file is UTF-16 text (it starts with bytes 0x%02X 0x%02X): save it as "
                  "UTF-8 comma-separated CSV",
                  (unsigned char)s[0], (unsigned char)s[1]);
    return 1;
}

/* Feeds s to p one physical line per csv_parse call, so r knows the line, and reports
   malformed CSV where the broken field began (counted in r->structural). */
static void parse_lines(reader *r, struct csv_parser *p, const char *s, size_t len)
{
    size_t off = 0;
    int parse_error = 0;
    while (off < len && !r->stop) {
        /* a line ends at LF, CRLF or a lone CR */
        size_t chunk = 0;
        while (off + chunk < len && s[off + chunk] != '\n' && s[off + chunk] != '\r')
            chunk++;
        if (off + chunk < len) {
            if (s[off + chunk] == '\r' && off + chunk + 1 < len && s[off + chunk + 1] == '\n')
                chunk++;
            chunk++;
        }
        r->line++;
        if (csv_parse(p, s + off, chunk, on_field, on_record, r) != chunk) {
            parse_error = csv_error(p);
            break;
        }
        off += chunk;
    }
    if (!parse_error && !r->stop && csv_fini(p, on_field, on_record, r) != 0)
        parse_error = CSV_EPARSE;
    if (parse_error) {
        /* the broken field began where the previous field or record ended */
        unsigned start = r->nfields ? r->field_line : r->next_line ? r->next_line : 1;
        op_loc l = {r->file, start ? start : 1, r->nfields + 1};
        if (parse_error == CSV_EPARSE)
            op_diag_error(r->d, OP_EDATA, &l, "malformed CSV: %s",
                          off >= len ? "unterminated quoted field" : "stray quote in field");
        else
            op_diag_error(r->d, OP_EDATA, &l, "malformed CSV: %s", csv_strerror(parse_error));
        r->structural++;
        csv_fini(p, NULL, NULL, NULL);
    }
}

/* Reads path with r set up (file, spec or raw, callbacks); the rest as csvread_table. */
static op_status read_file(reader *r, const char *path, int allow_empty, op_diag *d)
{
    size_t len;
    int before = op_diag_count(d);
    char *buf = slurp(path, &len, d);
    if (!buf)
        return op_diag_status(d) ? op_diag_status(d) : OP_EIO;
    const char *s = buf;
    if (refuse_utf16(path, s, len, d)) {
        free(buf);
        return OP_EDATA;
    }
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        len -= 3;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(buf);
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    parse_lines(r, &p, s, len);
    free_cells(r);
    csv_free(&p);
    free(buf);
    if (!r->structural && !r->header_done) {
        op_loc l = {path, 1, 0};
        op_diag_error(d, OP_EDATA, &l, "empty file: expected a header line");
    } else if (!r->structural && r->rows == 0 && !allow_empty) {
        op_loc l = {path, 2, 0};
        op_diag_error(d, OP_EDATA, &l, "no data rows after the header");
    }
    return op_diag_count(d) > before ? (op_diag_status(d) ? op_diag_status(d) : OP_EDATA) : OP_OK;
}

op_status csvread_table(const char *path, const col_spec *spec, int nspec, int allow_empty,
                        int (*on_row)(void *, const row_view *), void *ctx, op_diag *d)
{
    reader *r = calloc(1, sizeof *r);
    if (!r) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    *r = (reader){.file = path, .spec = spec, .nspec = nspec, .maxfields = MAX_FIELDS,
                  .d = d, .on_row = on_row, .ctx = ctx};
    op_status st = read_file(r, path, allow_empty, d);
    free(r);
    return st;
}

op_status csvread_all(const char *path, int (*on_header)(void *, const row_view *),
                      int (*on_row)(void *, const row_view *), void *ctx, op_diag *d)
{
    reader *r = calloc(1, sizeof *r);
    if (!r) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    *r = (reader){.file = path, .raw = 1, .maxfields = RAW_MAX_FIELDS, .d = d,
                  .on_header = on_header, .on_row = on_row, .ctx = ctx};
    for (unsigned f = 0; f < RAW_MAX_FIELDS; f++)
        r->fieldno[f] = f + 1;
    op_status st = read_file(r, path, 1, d);
    free(r);
    return st;
}

op_loc csvread_loc(const row_view *r, int k)
{
    op_loc l = {r->file, r->line, r->field[k]};
    return l;
}

static void cell_error(const row_view *r, int k, op_diag *d, const char *col, const char *what)
{
    op_loc l = csvread_loc(r, k);
    op_diag_error(d, OP_EDATA, &l, "%s: %s, got \"%.60s\"", col, what, r->cell[k]);
}

int csvread_number(const row_view *r, int k, const char *col, double min, int min_open,
                   double dflt, double *out, op_diag *d)
{
    const char *s = r->cell[k];
    *out = dflt;
    if (!s[0])
        return 0;
    for (const char *c = s; *c; c++)
        if (!isdigit((unsigned char)*c) && !strchr(".+-eE", *c)) {
            const char *w = s + (s[0] == '+' || s[0] == '-');
            if (strcasecmp(w, "nan") == 0 || strcasecmp(w, "inf") == 0 ||
                strcasecmp(w, "infinity") == 0)
                cell_error(r, k, d, col, "expected a finite number");
            else
                cell_error(r, k, d, col, "expected a number");
            return -1;
        }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || end == s) {
        cell_error(r, k, d, col, "expected a number");
        return -1;
    }
    if (errno == ERANGE || !isfinite(v) || fabs(v) > OP_MAX_NUMBER) {
        cell_error(r, k, d, col, "number out of range (at most 1e7)");
        return -1;
    }
    if (min_open ? v <= min : v < min) {
        char what[64];
        snprintf(what, sizeof what, "expected a number %s %g", min_open ? ">" : ">=", min);
        cell_error(r, k, d, col, what);
        return -1;
    }
    *out = v;
    return 0;
}

int csvread_int(const row_view *r, int k, const char *col, int min, int max, int dflt, int *out,
                op_diag *d)
{
    const char *s = r->cell[k];
    *out = dflt;
    if (!s[0])
        return 0;
    const char *c = s;
    if (*c == '+' || *c == '-')
        c++;
    if (!*c) {
        cell_error(r, k, d, col, "expected a whole number");
        return -1;
    }
    for (; *c; c++)
        if (!isdigit((unsigned char)*c)) {
            cell_error(r, k, d, col, "expected a whole number");
            return -1;
        }
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno == ERANGE || v < min || v > max) {
        char what[64];
        snprintf(what, sizeof what, "expected a whole number from %d to %d", min, max);
        cell_error(r, k, d, col, what);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int csvread_week(const row_view *r, int k, const char *col, int dflt, int *out, op_diag *d)
{
    return csvread_int(r, k, col, 1, OP_MAX_WEEK, dflt, out, d);
}

int csvread_date(const row_view *r, int k, const char *col, op_date *out, op_diag *d)
{
    if (op_date_parse(r->cell[k], out) == 0)
        return 0;
    cell_error(r, k, d, col,
               op_date_looks_like(r->cell[k]) ? "no such date (YYYY-MM-DD, years 1900 to 2999)"
                                              : "expected a date YYYY-MM-DD");
    return -1;
}

int csvread_date_period(const row_view *r, int k, const char *col, op_date start, op_period per,
                        int next, int *out, op_diag *d)
{
    op_date day;
    if (csvread_date(r, k, col, &day, d))
        return -1;
    op_loc l = csvread_loc(r, k);
    if (start == OP_DATE_NONE) {
        op_diag_error(d, OP_EDATA, &l, "%s: a date needs --start (or start in settings.csv)", col);
        return -1;
    }
    char a[OP_DATE_LEN], b[OP_DATE_LEN];
    op_date_format(start, a);
    if (day < start) {
        op_diag_error(d, OP_EDATA, &l, "%s: %s is before the start date %s (week 1)", col,
                      r->cell[k], a);
        return -1;
    }
    *out = op_period_of_date(per, start, day, next);
    if (*out > OP_MAX_WEEK) {
        op_date_format(op_period_date(start, per, OP_MAX_WEEK, 1), b);
        op_diag_error(d, OP_EDATA, &l, "%s: %s is past %s %d, the last a plan holds (%s)", col,
                      r->cell[k], op_period_word(per, 0), OP_MAX_WEEK, b);
        return -1;
    }
    return 0;
}

int csvread_enum(const row_view *r, int k, const char *col, const char *const *words, int nwords,
                 int dflt, op_diag *d)
{
    const char *s = r->cell[k];
    if (!s[0])
        return dflt;
    for (int w = 0; w < nwords; w++)
        if (strcasecmp(s, words[w]) == 0)
            return w;
    char what[160];
    size_t n = (size_t)snprintf(what, sizeof what, "expected one of");
    for (int w = 0; w < nwords && n < sizeof what; w++)
        n += (size_t)snprintf(what + n, sizeof what - n, "%s%s", w ? ", " : " ", words[w]);
    cell_error(r, k, d, col, what);
    return -1;
}

int csvread_list(const row_view *r, int k, int (*fn)(void *, const char *, op_loc), void *ctx)
{
    const char *s = r->cell[k];
    char entry[OP_MAX_CELL + 1];
    op_loc l = csvread_loc(r, k);
    while (*s) {
        const char *semi = strchr(s, ';');
        size_t n = semi ? (size_t)(semi - s) : strlen(s);
        const char *a = s, *b = s + n;
        while (a < b && isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            b--;
        if (b > a) {
            memcpy(entry, a, (size_t)(b - a));
            entry[b - a] = 0;
            if (fn(ctx, entry, l))
                return -1;
        }
        s += n;
        if (*s == ';')
            s++;
    }
    return 0;
}
