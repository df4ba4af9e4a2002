/*
 * The Messages pages a page at a time (issue 13): the latest VL_FEED_PAGE
 * messages, then "Earlier messages" by keyset on (created_at, id).  An
 * OFFSET would make the database walk every newer message to reach an old
 * page; the keyset starts where the last page stopped, through the
 * messages_portal index.  The cursor is in the link, not looked up: a
 * forged one only moves the window inside a feed the query already
 * restricts to the caller's firm and portal.
 */
#include <stdio.h>
#include <string.h>

#include "vellum.h"
#include "feed.h"

/* Room for one more row in f (rows arrive newest first, at most a page and one). */
static struct vl_feed_msg *
slot(struct vl_ctx *c, struct vl_feed *f)
{
	if (f->msg == NULL)
		f->msg = vl_pool_calloc(c->pool, VL_FEED_PAGE + 1, sizeof(*f->msg));
	return &f->msg[f->n++];
}

/* Rows came newest first, one more than a page when earlier ones exist. */
static void
settle(struct vl_feed *f)
{
	struct vl_feed_msg	 t;
	size_t			 i;

	if (f->n > VL_FEED_PAGE) {
		f->earlier = 1;
		f->n = VL_FEED_PAGE;
	}
	for (i = 0; i < f->n / 2; i++) {
		t = f->msg[i];
		f->msg[i] = f->msg[f->n - 1 - i];
		f->msg[f->n - 1 - i] = t;
	}
	if (f->n > 0) {
		f->oldest.us = f->msg[0].us;
		f->oldest.id = f->msg[0].id;
		f->newest.us = f->msg[f->n - 1].us;
		f->newest.id = f->msg[f->n - 1].id;
	}
}

static const struct vl_feed_cursor none;

/* Seconds of a time in microseconds since the epoch (the feed's times are later). */
static int64_t
seconds(int64_t us)
{
	return us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000);
}

enum vl_rc
vl_feed_firm(struct vl_ctx *c, int64_t portal, const struct vl_feed_cursor *before,
    struct vl_feed *f)
{
	struct vl_feed_msg	*m, row;
	struct vl_rows		*rows;
	char			*who, *body, *dname, *fname, *readers;
	int64_t			 client;
	int			 got;

	memset(f, 0, sizeof(*f));
	if (before == NULL)
		before = &none;
	if (vl_db_query(c->pool, STMT_MSGPAGE_FEED_FIRM, &rows, "iiiiiii", c->firm_id, portal,
	    before->id, before->us, before->us, before->id, (int64_t)VL_FEED_PAGE + 1) != VL_OK)
		return VL_ERR;
	memset(&row, 0, sizeof(row));
	while ((got = vl_db_next(rows, "iisisisiss", &row.id, &row.us, &who, &client, &body,
	    &row.doc_id, &dname, &row.folder_id, &fname, &readers)) > 0) {
		m = slot(c, f);
		*m = row;
		m->when = seconds(row.us);
		m->who = who;
		m->body = body;
		m->doc_name = dname != NULL ? dname : "";
		m->folder_name = fname != NULL ? fname : "";
		m->readers = readers != NULL ? readers : "";
		m->from_client = client != 0;
	}
	if (got < 0)
		return VL_ERR;
	settle(f);
	return VL_OK;
}

enum vl_rc
vl_feed_client(struct vl_ctx *c, int64_t portal, const struct vl_feed_cursor *before,
    struct vl_feed *f)
{
	struct vl_feed_msg	*m, row;
	struct vl_rows		*rows;
	char			*who, *body, *dname, *fname;
	int64_t			 me = c->contact_id, mine, unread;
	int			 got;

	memset(f, 0, sizeof(*f));
	if (me == 0)
		return VL_FORBIDDEN;
	if (before == NULL)
		before = &none;
	if (vl_db_query(c->pool, STMT_MSGPAGE_FEED_CLIENT, &rows, "iiiiiiiiii", me, me, me,
	    c->firm_id, portal, before->id, before->us, before->us, before->id,
	    (int64_t)VL_FEED_PAGE + 1) != VL_OK)
		return VL_ERR;
	memset(&row, 0, sizeof(row));
	while ((got = vl_db_next(rows, "iisisisisi", &row.id, &row.us, &who, &mine, &body,
	    &row.doc_id, &dname, &row.folder_id, &fname, &unread)) > 0) {
		m = slot(c, f);
		*m = row;
		m->when = seconds(row.us);
		m->who = who;
		m->body = body;
		m->doc_name = dname != NULL ? dname : "";
		m->folder_name = fname != NULL ? fname : "";
		m->readers = "";
		m->mine = mine != 0;
		m->unread = unread != 0;
	}
	if (got < 0)
		return VL_ERR;
	settle(f);
	return VL_OK;
}

enum vl_rc
vl_feed_events(struct vl_ctx *c, int64_t portal, const struct vl_feed *f,
    const struct vl_feed_cursor *before, struct vl_feed_event **ev, size_t *n)
{
	struct vl_feed_event	*list = NULL, *grown;
	struct vl_rows		*rows;
	struct vl_feed_event	 e;
	char			*kind, *who, *detail;
	size_t			 cap = 0;
	int			 got;

	*ev = NULL;
	*n = 0;
	if (before == NULL)
		before = &none;
	/* The earliest page takes every older event; a later one starts at
	 * its oldest message, where the page before it stopped. */
	if (vl_db_query(c->pool, STMT_PERF_EVENTS_RANGE, &rows, "iiiii", c->firm_id, portal,
	    f->earlier ? f->oldest.us : (int64_t)0, before->id, before->us) != VL_OK)
		return VL_ERR;
	while ((got = vl_db_next(rows, "iisss", &e.us, &e.when, &kind, &who, &detail)) > 0) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			grown = vl_pool_calloc(c->pool, cap, sizeof(*grown));
			if (*n > 0)
				memcpy(grown, list, *n * sizeof(*grown));
			list = grown;
		}
		e.kind = kind;
		e.who = who;
		e.detail = detail;
		list[(*n)++] = e;
	}
	*ev = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_feed_bills(struct vl_ctx *c, int64_t portal, const struct vl_feed *f,
    const struct vl_feed_cursor *before, struct vl_feed_bill **b, size_t *n)
{
	struct vl_feed_bill	*list = NULL, *grown;
	struct vl_rows		*rows;
	struct vl_feed_bill	 e;
	int64_t			 trust;
	char			*number;
	size_t			 cap = 0;
	int			 got;

	*b = NULL;
	*n = 0;
	if (before == NULL)
		before = &none;
	/* The same span as the page's events (vl_feed_events). */
	if (vl_db_query(c->pool, STMT_FEED_CLIENT_BILLS, &rows, "iiiii", c->firm_id, portal,
	    f->earlier ? f->oldest.us : (int64_t)0, before->id, before->us) != VL_OK)
		return VL_ERR;
	while ((got = vl_db_next(rows, "iiisi", &e.us, &e.when, &e.id, &number, &trust)) > 0) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			grown = vl_pool_calloc(c->pool, cap, sizeof(*grown));
			if (*n > 0)
				memcpy(grown, list, *n * sizeof(*grown));
			list = grown;
		}
		e.number = number;
		e.trust = trust != 0;
		list[(*n)++] = e;
	}
	*b = list;
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_feed_read(struct vl_ctx *c, int64_t portal, const struct vl_feed *f)
{
	int64_t		 me = c->contact_id;
	unsigned	 err;
	int		 attempt;
	enum vl_rc	 rc;

	if (me == 0)
		return VL_FORBIDDEN;
	if (f->n == 0)
		return VL_OK;
	for (attempt = 0;; attempt++) {
		if ((rc = vl_db_begin()) != VL_OK)
			return rc;
		/* The events first: they name the messages not yet read. */
		if ((rc = vl_db_exec(STMT_PERF_FEED_READ_EVENTS, NULL, NULL, "iiiiiiiiiii", me,
		    c->firm_id, portal, me, me, f->oldest.us, f->oldest.us, f->oldest.id,
		    f->newest.us, f->newest.us, f->newest.id)) == VL_OK &&
		    (rc = vl_db_exec(STMT_PERF_FEED_READS, NULL, NULL, "iiiiiiiiii", me, c->firm_id,
		    portal, me, f->oldest.us, f->oldest.us, f->oldest.id, f->newest.us, f->newest.us,
		    f->newest.id)) == VL_OK)
			return vl_db_commit();
		err = vl_db_errno();
		vl_db_rollback();
		/* Views recording receipts at once (two tabs of one client; new
		 * messages' receipts all go to the end of item_reads_item, whose
		 * last gap each statement's subquery locks) can end one of them
		 * with a deadlock: once the other has committed, this one finds
		 * those messages read and records the rest (no event twice).
		 * Still losing, the page is shown all the same: the receipts are
		 * recorded by the next view. */
		if (err != 1213 /* ER_LOCK_DEADLOCK */)
			return rc;
		if (attempt >= 2) {
			vl_warn("feed receipts: deadlock again; left to the next view");
			return VL_OK;
		}
	}
}
