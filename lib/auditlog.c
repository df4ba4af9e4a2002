/*
 * The audit log as a hash chain.  Each firm's rows are numbered 1, 2, ...
 * (seq) and each stores SHA-256(previous hash, own canonical content), so a
 * row edited, deleted or slipped in by hand breaks the chain at that row,
 * and `vellumctl audit verify` names it.  The firm's head (audit_heads:
 * last seq and hash) is locked by the row that extends it, inside the
 * transaction that inserts it: two requests at once queue on the lock and
 * never both extend the same hash.  Anyone who can write the database can
 * still recompute the whole chain from any row on; the head hash that
 * verify prints, kept somewhere else, is what tells that apart
 * (docs/security.md).
 *
 * Also the log's page (filters, keyset paging) and its CSV.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auditlog.h"
#include "audit.h"
#include "tz.h"

static const char zero_hash[65] =
    "0000000000000000000000000000000000000000000000000000000000000000";

const char *const vl_audit_fields[VL_AF__MAX] = { "", "user", "matter", "from", "to" };

/* Length-prefixed, so no text can pass for a field boundary. */
static void
add_text(struct vl_buf *b, const char *s)
{
	vl_buf_addf(b, "%zu:%s\n", strlen(s), s);
}

void
vl_auditlog_hash(const char *prev_hex, const struct vl_audit_row *r, char out[65])
{
	struct vl_buf	 b = VL_BUF_INIT;
	unsigned char	 md[32];

	vl_buf_adds(&b, "vellum-audit-1\n");
	add_text(&b, prev_hex);
	vl_buf_addf(&b, "%lld\n%lld\n%lld\n%lld\n", (long long)r->seq, (long long)r->firm,
	    (long long)r->user, (long long)r->contact);
	add_text(&b, r->action ? r->action : "");
	add_text(&b, r->item ? r->item : "");
	vl_buf_addf(&b, "%lld\n%lld\n", (long long)r->item_id, (long long)r->matter);
	add_text(&b, r->ip ? r->ip : "");
	vl_buf_addf(&b, "%lld\n", (long long)r->at_us);
	vl_sha256(b.buf, b.len, md);
	vl_hex(md, sizeof(md), out);
	vl_buf_release(&b);
}

/* HEX() gives upper case; the chain hashes lower case. */
static void
lower(char *s)
{
	for (; s != NULL && *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

enum vl_rc
vl_auditlog_append(struct vl_ctx *c, int64_t firm, int64_t user, int64_t contact,
    const char *action, const char *item, int64_t item_id, int64_t matter)
{
	struct vl_audit_row	 row;
	char			*prev = NULL, hash[65];
	int64_t			 seq = 0, now = 0, found;
	int			 own = !vl_db_in_tx();
	enum vl_rc		 rc;

	if (own && vl_db_begin() != VL_OK)
		return VL_ERR;
	item = item != NULL ? item : "";
	if (matter == 0 && item_id != 0) {
		rc = vl_db_row(c->pool, STMT_AUDIT_ITEM_MATTER, "iisiisiisiis", "i",
		    firm, item_id, item, firm, item_id, item, firm, item_id, item,
		    firm, item_id, item, &found);
		if (rc == VL_OK)
			matter = found;
		else if (rc != VL_DECLINED)
			goto fail;
	}
	if (vl_db_exec(STMT_AUDIT_HEAD_ENSURE, NULL, NULL, "is", firm, zero_hash) != VL_OK ||
	    vl_db_row(c->pool, STMT_AUDIT_HEAD_LOCK, "i", "isi", firm, &seq, &prev, &now) != VL_OK ||
	    prev == NULL || strlen(prev) != 64)
		goto fail;
	lower(prev);
	/* Stored as hashed: the columns' sizes, whole characters. */
	row.seq = seq + 1;
	row.firm = firm;
	row.user = user;
	row.contact = contact;
	row.action = vl_utf8_clean(c->pool, action, 64);
	row.item = vl_utf8_clean(c->pool, item, 64);
	row.item_id = item_id;
	row.matter = matter;
	row.ip = vl_utf8_clean(c->pool, c->remote, 64);
	row.at_us = now;
	vl_auditlog_hash(prev, &row, hash);
	if (vl_db_exec(STMT_AUDIT_APPEND, NULL, NULL, "iiissiisiis", firm, user, contact,
	    row.action, row.item, item_id, matter, row.ip, now, row.seq, hash) != VL_OK ||
	    vl_db_exec(STMT_AUDIT_HEAD_SET, NULL, NULL, "isi", row.seq, hash, firm) != VL_OK)
		goto fail;
	if (own && vl_db_commit() != VL_OK)
		return VL_ERR;
	return VL_OK;
fail:
	if (own)
		vl_db_rollback();
	return VL_ERR;
}

void
vl_audit_in(struct vl_ctx *c, int64_t matter, const char *action, const char *item,
    int64_t item_id)
{
	if (c->firm_id == 0)
		return;
	if (vl_auditlog_append(c, c->firm_id, c->user_id, c->contact_id, action, item, item_id,
	    matter) != VL_OK)
		vl_err("audit %s %s %lld not recorded", action, item ? item : "",
		    (long long)item_id);
}

static enum vl_rc
bad(struct vl_audit_check *chk, int64_t id, const char *what)
{
	chk->bad_id = id;
	chk->what = what;
	return VL_CONFLICT;
}

enum vl_rc
vl_auditlog_verify(struct vl_pool *pool, int64_t firm, struct vl_audit_check *chk)
{
	struct vl_audit_row	 row;
	struct vl_rows		*rows;
	char			 prev[65], want[65], *action, *item, *ip, *hash, *head = NULL;
	int64_t			 id, last = 0, first, after, head_seq = 0;
	int			 got, n;
	enum vl_rc		 rc;

	memset(chk, 0, sizeof(*chk));
	memcpy(prev, zero_hash, sizeof(prev));
	if (vl_db_row(pool, STMT_AUDIT_FIRST_CHAINED, "i", "i", firm, &first) != VL_OK)
		return VL_ERR;
	/* With no chained row yet, every row predates the chain. */
	if (vl_db_row(pool, STMT_AUDIT_UNCHAINED, "iii", "ii", first ? first : INT64_MAX,
	    first ? first : INT64_MAX, firm, &chk->legacy, &after) != VL_OK)
		return VL_ERR;
	do {
		if (vl_db_query(pool, STMT_AUDIT_CHAIN_ROWS, &rows, "ii", firm, last) != VL_OK)
			return VL_ERR;
		n = 0;
		rc = VL_OK;
		while (rc == VL_OK && (got = vl_db_next(rows, "iiiissiisis", &id, &row.seq,
		    &row.user, &row.contact, &action, &item, &row.item_id, &row.matter, &ip,
		    &row.at_us, &hash)) > 0) {
			n++;
			if (row.seq != last + 1) {
				rc = bad(chk, id, vl_pool_printf(pool, "row %lld of the chain is"
				    " missing (deleted); the next one is %lld", (long long)(last + 1),
				    (long long)row.seq));
				break;
			}
			row.firm = firm;
			row.action = action;
			row.item = item;
			row.ip = ip;
			vl_auditlog_hash(prev, &row, want);
			lower(hash);
			if (hash == NULL || strcmp(hash, want) != 0) {
				rc = bad(chk, id, vl_pool_printf(pool, "row %lld of the chain (id %lld)"
				    " does not match its hash: edited, inserted or moved",
				    (long long)row.seq, (long long)id));
				break;
			}
			memcpy(prev, want, sizeof(prev));
			last = row.seq;
			chk->rows++;
		}
		if (rc != VL_OK)
			return rc;
		if (got < 0)
			return VL_ERR;
	} while (n > 0);
	memcpy(chk->head, prev, sizeof(chk->head));
	if (after != 0)
		return bad(chk, after, vl_pool_printf(pool, "row id %lld is outside the chain"
		    " (inserted)", (long long)after));
	rc = vl_db_row(pool, STMT_AUDIT_HEAD_GET, "i", "is", firm, &head_seq, &head);
	if (rc == VL_DECLINED && last == 0)
		return VL_OK;
	if (rc != VL_OK && rc != VL_DECLINED)
		return VL_ERR;
	lower(head);
	if (rc == VL_DECLINED || head_seq != last || head == NULL || strcmp(head, prev) != 0)
		return bad(chk, 0, vl_pool_printf(pool, "the chain ends at row %lld but its"
		    " head says %lld: the last rows were deleted", (long long)last,
		    (long long)head_seq));
	return VL_OK;
}

/* A whole date, YYYY-MM-DD, as a broken-down day; 0 if it is none. */
static int
parse_day(const char *s, struct tm *tm)
{
	int	 y, m, d, ndays;
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    strspn(s, "0123456789") != 4 || strspn(s + 5, "0123456789") != 2 ||
	    strspn(s + 8, "0123456789") != 2)
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1970 || m < 1 || m > 12)
		return 0;
	ndays = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d < 1 || d > ndays)
		return 0;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_isdst = -1;
	return 1;
}

enum vl_rc
vl_auditlog_day(const char *date, const char *zone, int64_t *utc)
{
	struct tm	 tm;
	char		*saved = NULL;
	const char	*old = getenv("TZ");
	time_t		 t;

	if (!parse_day(date, &tm))
		return VL_INVALID;
	if (!vl_tz_valid(zone))
		zone = "UTC";
	/* mktime reads TZ: set the firm's zone, then put back exactly what was
	 * there (lib/tz.c keeps the zone it set last). */
	if (old != NULL)
		saved = vl_xstrdup(old);
	setenv("TZ", zone, 1);
	tzset();
	t = mktime(&tm);
	if (saved != NULL) {
		setenv("TZ", saved, 1);
		free(saved);
	} else
		unsetenv("TZ");
	tzset();
	if (t == (time_t)-1)
		return VL_INVALID;
	*utc = (int64_t)t;
	return VL_OK;
}

enum vl_rc
vl_auditlog_filter(struct vl_ctx *c, struct vl_audit_filter *f, enum vl_audit_field *badf)
{
	struct vl_rows	*rows;
	char		*name;
	int64_t		 id, found = 0;
	int		 got;
	enum vl_rc	 rc;

	*badf = VL_AF_NONE;
	f->user_id = f->matter_id = 0;
	f->from_utc = 0;
	f->to_utc = INT64_C(253402214400);	/* 9999-12-31, the last DATETIME day */
	if (f->user != NULL && *f->user != '\0') {
		if (vl_strtonum(f->user, 1, INT64_MAX, &id) != VL_OK) {
			*badf = VL_AF_USER;
			return VL_INVALID;
		}
		if (vl_db_query(c->pool, STMT_AUDIT_USERS, &rows, "i", c->firm_id) != VL_OK)
			return VL_ERR;
		while ((got = vl_db_next(rows, "is", &found, &name)) > 0 && found != id)
			;
		if (got < 0)
			return VL_ERR;
		if (got == 0) {
			*badf = VL_AF_USER;
			return VL_INVALID;
		}
		f->user_id = id;
	}
	if (f->matter != NULL && *f->matter != '\0') {
		rc = vl_db_row(c->pool, STMT_AUDIT_MATTER_BY_NUMBER, "is", "i", c->firm_id,
		    f->matter, &f->matter_id);
		if (rc == VL_DECLINED) {
			*badf = VL_AF_MATTER;
			return VL_INVALID;
		}
		if (rc != VL_OK)
			return VL_ERR;
	}
	if (f->from != NULL && *f->from != '\0' &&
	    vl_auditlog_day(f->from, vl_tz_firm(c), &f->from_utc) != VL_OK) {
		*badf = VL_AF_FROM;
		return VL_INVALID;
	}
	if (f->to != NULL && *f->to != '\0') {
		struct tm	 tm;
		char		 next[16];
		/* Up to the end of that day: the next day's midnight, which
		 * mktime finds from day + 1 (month and year roll over). */
		if (!parse_day(f->to, &tm)) {
			*badf = VL_AF_TO;
			return VL_INVALID;
		}
		tm.tm_mday++;
		if (timegm(&tm) == (time_t)-1 || snprintf(next, sizeof(next), "%04d-%02d-%02d",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) != 10 ||
		    vl_auditlog_day(next, vl_tz_firm(c), &f->to_utc) != VL_OK ||
		    f->to_utc <= f->from_utc) {
			*badf = VL_AF_TO;
			return VL_INVALID;
		}
	}
	return VL_OK;
}

/* One slice of rows, newest first, before row id before, at most max. */
static enum vl_rc
slice(struct vl_ctx *c, const struct vl_audit_filter *f, int64_t before, int64_t max,
    struct vl_rows **rows)
{
	return vl_db_query(c->pool, STMT_AUDIT_PAGE, rows, "iiiiiiiii", c->firm_id,
	    f->user_id, f->user_id, f->matter_id, f->matter_id, f->from_utc, f->to_utc,
	    before > 0 ? before : INT64_MAX, max);
}

static int
next_entry(struct vl_rows *rows, struct vl_audit_entry *e)
{
	return vl_db_next(rows, "iissssiiss", &e->id, &e->at, &e->user, &e->client, &e->action,
	    &e->item, &e->item_id, &e->matter, &e->number, &e->ip);
}

enum vl_rc
vl_auditlog_page(struct vl_ctx *c, const struct vl_audit_filter *f, int64_t before,
    struct vl_audit_entry **out, size_t *n, int *more)
{
	struct vl_rows		*rows;
	struct vl_audit_entry	*e;
	int			 got;

	*n = 0;
	*more = 0;
	/* One more than a page tells whether an older page exists. */
	if (slice(c, f, before, VL_AUDIT_PAGE + 1, &rows) != VL_OK)
		return VL_ERR;
	e = vl_pool_calloc(c->pool, VL_AUDIT_PAGE + 1, sizeof(*e));
	while ((got = next_entry(rows, &e[*n])) > 0) {
		if (*n == VL_AUDIT_PAGE) {
			*more = 1;
			break;
		}
		(*n)++;
	}
	if (got < 0)
		return VL_ERR;
	*out = e;
	return VL_OK;
}

void
vl_csv_field(struct vl_buf *b, const char *s)
{
	const char	*p;
	int		 formula, quote;

	s = s != NULL ? s : "";
	/* A spreadsheet runs a cell starting with these as a formula. */
	formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		vl_buf_addc(b, '"');
	if (formula)
		vl_buf_addc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			vl_buf_addc(b, '"');
		vl_buf_addc(b, *p);
	}
	if (quote)
		vl_buf_addc(b, '"');
}

enum vl_rc
vl_auditlog_csv(struct vl_ctx *c, const struct vl_audit_filter *f, struct vl_buf *out)
{
	struct vl_rows		*rows;
	struct vl_audit_entry	 e;
	int64_t			 before = 0;
	int			 got, n;

	vl_buf_adds(out, "id,time,user,client,action,item,item_id,matter,address\r\n");
	/* A thousand rows a query, so no one result holds the whole log. */
	do {
		if (slice(c, f, before, 1000, &rows) != VL_OK)
			return VL_ERR;
		n = 0;
		while ((got = next_entry(rows, &e)) > 0) {
			vl_buf_addf(out, "%lld,", (long long)e.id);
			vl_csv_field(out, vl_tz_when(c, e.at));
			vl_buf_addc(out, ',');
			vl_csv_field(out, e.user);
			vl_buf_addc(out, ',');
			vl_csv_field(out, e.client);
			vl_buf_addc(out, ',');
			vl_csv_field(out, e.action);
			vl_buf_addc(out, ',');
			vl_csv_field(out, e.item);
			vl_buf_addf(out, ",%lld,", (long long)e.item_id);
			vl_csv_field(out, e.number);
			vl_buf_addc(out, ',');
			vl_csv_field(out, e.ip);
			vl_buf_adds(out, "\r\n");
			before = e.id;
			n++;
		}
		if (got < 0)
			return VL_ERR;
	} while (n == 1000);
	return VL_OK;
}
