/*
 * The audit log: a hash chain per firm, its page and CSV, its check.
 * See docs/administration.md for the action names and docs/security.md
 * for what the chain does and does not detect.
 */
#ifndef VL_AUDITLOG_H
#define VL_AUDITLOG_H

#include "vellum.h"

/* One row as the chain hashes it. */
struct vl_audit_row {
	int64_t		 seq, firm, user, contact, item_id, matter;
	int64_t		 at_us;		/* created_at, microseconds since 1970 */
	const char	*action, *item, *ip;
};

/* The row's hash: SHA-256 of prev_hex (64 lower-case hex digits; 64 zeros
 * for a firm's first row) and the row's canonical content (every field,
 * each text with its length), as 64 lower-case hex digits in out. */
void	 vl_auditlog_hash(const char *prev_hex, const struct vl_audit_row *r, char out[65]);

/*
 * Appends a row to firm's chain: the acting user (0: none) or client
 * contact (0: none), action, item and its id; matter (0: found from the
 * item when it is a matter, document, folder or message).  Locks the
 * firm's chain head, inserts the row and moves the head in one
 * transaction: the caller's when one is open (the row commits or rolls
 * back with the change it records), else its own.  VL_OK or VL_ERR.
 */
enum vl_rc vl_auditlog_append(struct vl_ctx *, int64_t firm, int64_t user, int64_t contact,
	    const char *action, const char *item, int64_t item_id, int64_t matter);


/* What a walk of a firm's chain found. */
struct vl_audit_check {
	int64_t		 rows;		/* chained rows checked */
	int64_t		 legacy;	/* rows written before the chain began */
	int64_t		 bad_id;	/* the first bad row's id, or 0 */
	char		 head[65];	/* the last hash (record it elsewhere) */
	const char	*what;		/* what is wrong, for people; NULL if nothing */
};
/* Walks firm's chain in order, recomputing every hash.  VL_OK when intact;
 * VL_CONFLICT with the first bad row (edited, deleted, inserted) in *chk;
 * VL_ERR. */
enum vl_rc vl_auditlog_verify(struct vl_pool *, int64_t firm, struct vl_audit_check *chk);

/* The page's filter, as typed (NULL or "": off) and as the query takes it. */
struct vl_audit_filter {
	const char	*user, *matter, *from, *to;	/* as typed */
	int64_t		 user_id, matter_id;		/* 0: any */
	int64_t		 from_utc, to_utc;		/* [from, to) in seconds */
};
/* Which typed field is wrong (VL_AF_NONE: none). */
enum vl_audit_field { VL_AF_NONE, VL_AF_USER, VL_AF_MATTER, VL_AF_FROM, VL_AF_TO, VL_AF__MAX };
extern const char *const vl_audit_fields[VL_AF__MAX];
/* Reads the typed filter for the acting firm: a user of the firm, a
 * matter's number, dates YYYY-MM-DD in the firm's zone (to: the whole day).
 * VL_OK; VL_INVALID with *bad naming the field; VL_ERR. */
enum vl_rc vl_auditlog_filter(struct vl_ctx *, struct vl_audit_filter *f,
	    enum vl_audit_field *bad);
/* Midnight starting date (YYYY-MM-DD, a real day from 1970 to 9999) in
 * zone, as seconds since 1970 into *utc.  VL_OK or VL_INVALID. */
enum vl_rc vl_auditlog_day(const char *date, const char *zone, int64_t *utc);

/* One row of the page. */
struct vl_audit_entry {
	int64_t		 id, at, item_id, matter;
	char		*user, *client, *action, *item, *number, *ip;
};
#define VL_AUDIT_PAGE 50
/* Up to VL_AUDIT_PAGE rows matching f, newest first, older than row id
 * before (0: from the newest), into rows[] (in c's pool); *more is 1 when
 * older rows follow.  VL_OK or VL_ERR. */
enum vl_rc vl_auditlog_page(struct vl_ctx *, const struct vl_audit_filter *f, int64_t before,
	    struct vl_audit_entry **rows, size_t *n, int *more);
/* Every row matching f, newest first, as CSV (a header line, then one
 * line a row, CRLF), times in the firm's zone.  VL_OK or VL_ERR. */
enum vl_rc vl_auditlog_csv(struct vl_ctx *, const struct vl_audit_filter *f, struct vl_buf *out);
/* Appends s as one CSV field: quoted when it holds a comma, quote, CR or
 * LF (quotes doubled); a cell that a spreadsheet would read as a formula
 * (starting with =, +, -, @, tab or CR) gets a leading '. */
void	 vl_csv_field(struct vl_buf *, const char *s);

#endif
