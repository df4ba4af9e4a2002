/* The Messages pages a page at a time (keyset paging).  See docs/architecture.md. */
#ifndef VL_FEED_H
#define VL_FEED_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Messages a page shows: the latest, then "Earlier messages". */
#define VL_FEED_PAGE	50

/* A place in a portal's feed: the (created_at in microseconds, id) of a
 * message.  id 0 is no place (the latest page). */
struct vl_feed_cursor {
	int64_t	 us, id;
};

/* One message as a Messages page shows it; strings live in the pool. */
struct vl_feed_msg {
	int64_t		 id, us, when;		/* when: epoch seconds */
	int64_t		 doc_id, folder_id;	/* attachment, 0: none */
	const char	*who, *body, *doc_name, *folder_name;
	const char	*readers;		/* firm: stored readers, "" if none */
	int		 from_client;		/* firm: a client wrote it */
	int		 mine, unread;		/* client: the reader wrote it, not opened yet */
};

/* A page of a feed, oldest first. */
struct vl_feed {
	struct vl_feed_msg	*msg;
	size_t			 n;
	int			 earlier;	/* older messages exist */
	struct vl_feed_cursor	 oldest, newest;	/* of the messages shown; id 0 if none */
};

/* A portal event on the firm's page. */
struct vl_feed_event {
	int64_t		 us, when;
	const char	*kind, *who, *detail;
};

/* The last microsecond of 9999-12-31: a later cursor would overflow the
 * database's DATETIME and match nothing. */
#define VL_FEED_US_MAX	253402300799999999LL

/* Parses "US-ID" (two decimal integers, US in 1..VL_FEED_US_MAX, ID > 0)
 * into c; returns 0, or -1 (c zeroed) for anything else. */
int	 vl_feed_cursor_parse(const char *s, struct vl_feed_cursor *c);
/* "US-ID" of c, in the pool. */
char	*vl_feed_cursor_fmt(struct vl_pool *, const struct vl_feed_cursor *c);

/*
 * The page of the acting firm's portal that ends before `before` (NULL or id
 * 0: the latest), each message with its readers.  VL_OK with f filled (n may
 * be 0), VL_ERR.  Memory in c->pool.
 */
enum vl_rc vl_feed_firm(struct vl_ctx *c, int64_t portal, const struct vl_feed_cursor *before,
	    struct vl_feed *f);
/*
 * The same page as the acting client (c->contact_id) sees it: attachments
 * only while shared, its own messages and its unread ones marked.  The
 * caller has checked that the client takes part (vl_portal_of_client).
 */
enum vl_rc vl_feed_client(struct vl_ctx *c, int64_t portal, const struct vl_feed_cursor *before,
	    struct vl_feed *f);
/*
 * The portal's events that fall in the page f, which came from `before`:
 * from its oldest message (from the start when no earlier messages) up to
 * `before` (up to now when NULL or id 0), oldest first, in *ev (pool).
 */
enum vl_rc vl_feed_events(struct vl_ctx *c, int64_t portal, const struct vl_feed *f,
	    const struct vl_feed_cursor *before, struct vl_feed_event **ev, size_t *n);
/*
 * The acting client has seen the messages of page f: the first open of each
 * (between its oldest and newest, not older or newer ones) is recorded with
 * a portal event for the firm, in one transaction.  VL_OK (nothing to do
 * when f is empty), VL_FORBIDDEN when no client acts, VL_ERR.
 */
enum vl_rc vl_feed_read(struct vl_ctx *c, int64_t portal, const struct vl_feed *f);

/* A bill shared into the portal, as an entry of the client's feed. */
struct vl_feed_bill {
	int64_t		 us, when, id;
	const char	*number;
	int		 trust;		/* a funds request */
};
/* The bills shared live into the portal (Bills permission on) within the
 * span of page f, as vl_feed_events: oldest first, in *b (pool). */
enum vl_rc vl_feed_bills(struct vl_ctx *c, int64_t portal, const struct vl_feed *f,
	    const struct vl_feed_cursor *before, struct vl_feed_bill **b, size_t *n);

#ifdef __cplusplus
}
#endif

#endif
