/*
 * The Messages pages' latest feed without its statement on every view
 * (issue 13).  A feed's statement joins five to seven tables and MariaDB
 * plans it again at every execution (about 400 us for 20 messages, most of
 * a Messages page); the latest page changes only when something is written
 * to the portal.  A process keeps a few copies, each for one firm, portal
 * and viewer (the firm's view, or one client's, which has its own unread
 * marks and attachments), with the stamps it was read under:
 *   - the portal's row of portal_stamps, moved by triggers on every write
 *     to its messages, receipts and shares and to its matter's documents
 *     and folders (sql/029_portal_stamps.sql);
 *   - the firm's users_stamp and matters_stamp, moved by every renaming of
 *     a user or a contact (authors and readers: sql/023_perf.sql, 028).
 * The page's first statement reads them with the session and the portal
 * (lib/msgpage.c), so a copy is used only while it is still the database's
 * answer.  A copy is kept under stamps read before its rows: rows newer
 * than their stamps only cost a needless read, never a stale page.
 *
 * Memory: at most COPIES copies of at most COPY_MAX bytes each.
 */
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "feedcopy.h"

#define COPIES		4
#define COPY_MAX	(128 * 1024)

struct copy {
	int64_t			 firm, portal, contact;	/* contact 0: the firm's view */
	int64_t			 feed_stamp, users_stamp, matters_stamp;
	struct vl_feed		 feed;		/* msg and its strings in block */
	char			*block;
	unsigned long		 used;		/* when last read, for the choice of a slot */
	/* A client's copy: the bills shared into the page's span, once read
	 * (vl_feed_latest_bills), in bills_block with their numbers. */
	int			 bills_known;
	struct vl_feed_bill	*bills;
	size_t			 nbills;
	char			*bills_block;
};

static struct copy	 copies[COPIES];
static unsigned long	 clock_ticks;

void
vl_feed_copies_forget(void)
{
	size_t	 i;

	for (i = 0; i < COPIES; i++) {
		free(copies[i].block);
		free(copies[i].bills_block);
	}
	memset(copies, 0, sizeof(copies));
}

/* The bytes a copy of f takes (messages, then their strings), or 0 past
 * COPY_MAX. */
static size_t
size_of(const struct vl_feed *f)
{
	const struct vl_feed_msg	*m;
	size_t				 n = f->n * sizeof(*f->msg), i;

	for (i = 0; i < f->n && n <= COPY_MAX; i++) {
		m = &f->msg[i];
		n += strlen(m->who ? m->who : "") + strlen(m->body ? m->body : "") +
		    strlen(m->doc_name ? m->doc_name : "") +
		    strlen(m->folder_name ? m->folder_name : "") +
		    strlen(m->readers ? m->readers : "") + 5;
	}
	return n <= COPY_MAX ? n : 0;
}

/* s into the block at *at, or into the pool when there is no block. */
static const char *
put(struct vl_pool *pool, char *block, size_t *at, const char *s)
{
	size_t	 len = strlen(s ? s : "");
	char	*to;

	if (block == NULL)
		return vl_pool_strndup(pool, s ? s : "", len);
	to = block + *at;
	memcpy(to, s ? s : "", len + 1);
	*at += len + 1;
	return to;
}

/* from's messages, strings and all, into block (size_of bytes) or, when
 * block is NULL, into the pool. */
static void
feed_copy(struct vl_pool *pool, char *block, const struct vl_feed *from, struct vl_feed *to)
{
	struct vl_feed_msg	*m;
	size_t			 i, at = from->n * sizeof(*from->msg);

	*to = *from;
	to->msg = block != NULL ? (struct vl_feed_msg *)(void *)block :
	    vl_pool_calloc(pool, from->n + 1, sizeof(*to->msg));
	for (i = 0; i < from->n; i++) {
		m = &to->msg[i];
		*m = from->msg[i];
		m->who = put(pool, block, &at, from->msg[i].who);
		m->body = put(pool, block, &at, from->msg[i].body);
		m->doc_name = put(pool, block, &at, from->msg[i].doc_name);
		m->folder_name = put(pool, block, &at, from->msg[i].folder_name);
		m->readers = put(pool, block, &at, from->msg[i].readers);
	}
}

static struct copy *
find(int64_t firm, int64_t portal, int64_t contact)
{
	size_t	 i;

	for (i = 0; i < COPIES; i++)
		if (copies[i].block != NULL && copies[i].firm == firm &&
		    copies[i].portal == portal && copies[i].contact == contact)
			return &copies[i];
	return NULL;
}

/* Keeps f under the stamps, in the slot of the same key or the one least
 * recently read. */
static void
keep(struct vl_ctx *c, int64_t portal, int64_t contact, int64_t feed_stamp,
    const struct vl_feed *f)
{
	struct copy	*k;
	size_t		 size, i;

	if ((size = size_of(f)) == 0 && f->n > 0)
		return;
	if ((k = find(c->firm_id, portal, contact)) == NULL) {
		k = &copies[0];
		for (i = 1; i < COPIES; i++)
			if (copies[i].used < k->used)
				k = &copies[i];
	}
	free(k->block);
	free(k->bills_block);
	memset(k, 0, sizeof(*k));
	k->block = vl_xcalloc(1, size ? size : 1);
	feed_copy(NULL, k->block, f, &k->feed);
	k->firm = c->firm_id;
	k->portal = portal;
	k->contact = contact;
	k->feed_stamp = feed_stamp;
	k->users_stamp = c->users_stamp;
	k->matters_stamp = c->matters_stamp;
	k->used = ++clock_ticks;
}

/* A stamp of 0 (none read, no row yet) never keeps nor matches. */
static int
stamps_known(const struct vl_ctx *c, int64_t feed_stamp)
{
	return c->firm_id != 0 && feed_stamp != 0 && c->users_stamp != 0 && c->matters_stamp != 0;
}

/* The copy for this viewer while every stamp it was kept under is the one
 * read with the session; NULL otherwise. */
static struct copy *
current(struct vl_ctx *c, int64_t portal, int64_t contact, int64_t feed_stamp)
{
	struct copy	*k;

	if (!stamps_known(c, feed_stamp))
		return NULL;
	if ((k = find(c->firm_id, portal, contact)) == NULL || k->feed_stamp != feed_stamp ||
	    k->users_stamp != c->users_stamp || k->matters_stamp != c->matters_stamp)
		return NULL;
	return k;
}

enum vl_rc
vl_feed_latest(struct vl_ctx *c, int64_t portal, int64_t feed_stamp, int client,
    struct vl_feed *f)
{
	int64_t		 contact = client ? c->contact_id : 0;
	struct copy	*k;
	enum vl_rc	 rc;

	if (client && contact == 0)
		return VL_FORBIDDEN;
	if ((k = current(c, portal, contact, feed_stamp)) != NULL) {
		k->used = ++clock_ticks;
		feed_copy(c->pool, NULL, &k->feed, f);
		return VL_OK;
	}
	rc = client ? vl_feed_client(c, portal, NULL, f) : vl_feed_firm(c, portal, NULL, f);
	if (rc == VL_OK && stamps_known(c, feed_stamp))
		keep(c, portal, contact, feed_stamp, f);
	return rc;
}

/* The bills' numbers into one block, the list's own pointers into it. */
static void
bills_keep(struct copy *k, const struct vl_feed_bill *b, size_t n)
{
	size_t	 size = n * sizeof(*b), at, i;

	for (i = 0; i < n; i++)
		size += strlen(b[i].number ? b[i].number : "") + 1;
	if (size > COPY_MAX)
		return;
	k->bills_block = vl_xcalloc(1, size ? size : 1);
	k->bills = (struct vl_feed_bill *)(void *)k->bills_block;
	at = n * sizeof(*b);
	for (i = 0; i < n; i++) {
		k->bills[i] = b[i];
		k->bills[i].number = put(NULL, k->bills_block, &at, b[i].number);
	}
	k->nbills = n;
	k->bills_known = 1;
}

enum vl_rc
vl_feed_latest_bills(struct vl_ctx *c, int64_t portal, int64_t feed_stamp,
    const struct vl_feed *f, struct vl_feed_bill **b, size_t *n)
{
	struct copy	*k;
	enum vl_rc	 rc;
	size_t		 i;

	if (c->contact_id == 0)
		return VL_FORBIDDEN;
	k = current(c, portal, c->contact_id, feed_stamp);
	if (k != NULL && k->bills_known) {
		*n = k->nbills;
		*b = vl_pool_calloc(c->pool, k->nbills + 1, sizeof(**b));
		for (i = 0; i < k->nbills; i++) {
			(*b)[i] = k->bills[i];
			(*b)[i].number = vl_pool_strdup(c->pool, k->bills[i].number);
		}
		return VL_OK;
	}
	rc = vl_feed_bills(c, portal, f, NULL, b, n);
	/* Kept with the page they were read for: the copy's own. */
	if (rc == VL_OK && k != NULL && !k->bills_known && f->n == k->feed.n &&
	    f->oldest.id == k->feed.oldest.id && f->oldest.us == k->feed.oldest.us &&
	    f->earlier == k->feed.earlier)
		bills_keep(k, *b, *n);
	return rc;
}
