/*
 * The firm's portal page's head and panels kept by a FastCGI process
 * (issue 13).  Besides the feed, the page read three statements a view
 * (the head with the session, the participants, what a message can
 * attach: about 300 us of mariadbd).  What they read changes rarely; it is
 * kept per user and matter under four stamps that triggers move in every
 * writer's transaction:
 *   - facts_stamp: the firm's users, their names among them (sql/031);
 *   - matters_stamp: the matter's columns and its client's name (sql/028),
 *     its responsible users (sql/034);
 *   - clients_stamp: the portal and its permissions, the participants,
 *     their names, accounts and addresses (sql/033, 034);
 *   - the portal's stamp: the acting user's mute, the matter's documents
 *     and folders (sql/029, 034), and every message.
 * MSGPAGE_FIRM_CHECK reads them with the session on every request, so a
 * change shows on the very next one; the session's row is read every time.
 * A copy is kept only when the full statements found the matter, under
 * stamps read before them: rows newer than their stamps only cost a read.
 *
 * Memory: COPIES copies, each in a pool of its own of about its weight, at
 * most COPY_MAX bytes of text and arrays (a matter with thousands of
 * documents is read every time instead).
 */
#include <string.h>

#include "vellum.h"
#include "firmcopy.h"

#define COPIES		8
#define COPY_MAX	(64 * 1024)

struct copy {
	int64_t			 firm, user;
	struct vl_msgpage_firm	 h;	/* in pool */
	struct vl_pool		*pool;
	unsigned long		 used;
};

static struct copy	 copies[COPIES];
static unsigned long	 ticks;

static void
drop(struct copy *k)
{
	vl_pool_free(k->pool);
	memset(k, 0, sizeof(*k));
}

void
vl_firm_copy_forget(void)
{
	size_t	 i;

	for (i = 0; i < COPIES; i++)
		if (copies[i].pool != NULL)
			drop(&copies[i]);
}

static int
stamps_known(const struct vl_firm_stamps *st)
{
	return st->facts != 0 && st->matters != 0 && st->clients != 0 && st->portal != 0;
}

static int
same_stamps(const struct vl_firm_stamps *a, const struct vl_firm_stamps *b)
{
	return a->facts == b->facts && a->matters == b->matters && a->clients == b->clients &&
	    a->portal == b->portal;
}

static size_t
len(const char *s)
{
	return s != NULL ? strlen(s) + 1 : 0;
}

/* About the bytes a copy of h takes: its texts and arrays. */
static size_t
weight(const struct vl_msgpage_firm *h)
{
	const struct vl_matter	*m = &h->matter;
	size_t			 n, i, j;

	n = len(m->number) + len(m->description) + len(m->status) + len(m->client) +
	    len(m->opened) + h->nresponsible * sizeof(char *);
	for (i = 0; i < h->nresponsible; i++)
		n += len(h->responsible[i]);
	n += h->people.nin * sizeof(*h->people.in);
	for (i = 0; i < h->people.nin; i++) {
		n += len(h->people.in[i].name) + h->people.in[i].naddr * (sizeof(char *) + sizeof(int));
		for (j = 0; j < h->people.in[i].naddr; j++)
			n += len(h->people.in[i].addr[j]);
	}
	n += (h->ndocs + h->nfolders) * sizeof(struct vl_pick);
	for (i = 0; i < h->ndocs; i++)
		n += len(h->docs[i].name);
	for (i = 0; i < h->nfolders; i++)
		n += len(h->folders[i].name);
	return n;
}

static struct vl_pick *
clone_picks(struct vl_pool *pool, const struct vl_pick *from, size_t n)
{
	struct vl_pick	*to = vl_pool_calloc(pool, n + 1, sizeof(*to));
	size_t		 i;

	for (i = 0; i < n; i++) {
		to[i].id = from[i].id;
		to[i].name = vl_pool_strdup(pool, from[i].name);
	}
	return to;
}

static void
clone_people(struct vl_pool *pool, const struct vl_portal_people *from,
    struct vl_portal_people *to)
{
	struct vl_portal_person	*p;
	size_t			 i, j;

	to->nin = from->nin;
	to->in = vl_pool_calloc(pool, from->nin + 1, sizeof(*to->in));
	for (i = 0; i < from->nin; i++) {
		p = &to->in[i];
		*p = from->in[i];
		p->name = vl_pool_strdup(pool, from->in[i].name);
		p->addr = vl_pool_calloc(pool, p->naddr + 1, sizeof(*p->addr));
		p->login = vl_pool_calloc(pool, p->naddr + 1, sizeof(*p->login));
		for (j = 0; j < p->naddr; j++) {
			p->addr[j] = vl_pool_strdup(pool, from->in[i].addr[j]);
			p->login[j] = from->in[i].login[j];
		}
	}
}

/* The head's and the panels' fields of from into to, their memory in pool. */
static void
clone(struct vl_pool *pool, const struct vl_msgpage_firm *from, struct vl_msgpage_firm *to)
{
	const struct vl_matter	*fm = &from->matter;
	struct vl_matter	*m = &to->matter;
	size_t			 i;

	m->id = fm->id;
	m->client_id = fm->client_id;
	m->number = vl_pool_strdup(pool, fm->number);
	m->description = vl_pool_strdup(pool, fm->description);
	m->status = vl_pool_strdup(pool, fm->status);
	m->client = vl_pool_strdup(pool, fm->client);
	m->opened = vl_pool_strdup(pool, fm->opened);
	to->created = from->created;
	to->portal = from->portal;
	to->feed_stamp = from->feed_stamp;
	memcpy(to->perm, from->perm, sizeof(to->perm));
	to->muted = from->muted;
	to->nresponsible = from->nresponsible;
	to->responsible = vl_pool_calloc(pool, from->nresponsible + 1, sizeof(*to->responsible));
	for (i = 0; i < from->nresponsible; i++)
		to->responsible[i] = vl_pool_strdup(pool, from->responsible[i]);
	clone_people(pool, &from->people, &to->people);
	to->docs = clone_picks(pool, from->docs, from->ndocs);
	to->ndocs = from->ndocs;
	to->folders = clone_picks(pool, from->folders, from->nfolders);
	to->nfolders = from->nfolders;
	to->st = from->st;
}

int
vl_firm_copy_get(struct vl_pool *pool, int64_t firm, int64_t user, int64_t matter,
    const struct vl_firm_stamps *st, struct vl_msgpage_firm *h)
{
	struct copy	*k = NULL;
	size_t		 i;

	if (!stamps_known(st))
		return 0;
	for (i = 0; i < COPIES && k == NULL; i++)
		if (copies[i].pool != NULL && copies[i].firm == firm && copies[i].user == user &&
		    copies[i].h.matter.id == matter && same_stamps(&copies[i].h.st, st))
			k = &copies[i];
	if (k == NULL)
		return 0;
	k->used = ++ticks;
	clone(pool, &k->h, h);
	h->kept = 1;
	return 1;
}

int64_t
vl_firm_copy_portal(int64_t matter)
{
	size_t	 i;

	for (i = 0; i < COPIES; i++)
		if (copies[i].pool != NULL && copies[i].h.matter.id == matter)
			return copies[i].h.portal;
	return 0;
}

void
vl_firm_copy_portal_is(int64_t matter, int64_t portal)
{
	size_t	 i;

	for (i = 0; i < COPIES; i++)
		if (copies[i].pool != NULL && copies[i].h.matter.id == matter &&
		    copies[i].h.portal != portal)
			drop(&copies[i]);
}

void
vl_firm_copy_put(int64_t firm, int64_t user, const struct vl_msgpage_firm *h)
{
	struct copy	*k = NULL;
	size_t		 i;

	vl_firm_copy_portal_is(h->matter.id, h->portal);
	/* The portal's stamp was read for the portal a copy named, or the
	 * matter's: kept only when it is the stamp of the portal the head
	 * read (stamps are UUID_SHORT()s, never two alike: sql/028). */
	if (!stamps_known(&h->st) || firm <= 0 || user <= 0 || h->portal == 0 ||
	    h->feed_stamp != h->st.portal || weight(h) > COPY_MAX)
		return;
	for (i = 0; i < COPIES && k == NULL; i++)
		if (copies[i].pool != NULL && copies[i].firm == firm && copies[i].user == user &&
		    copies[i].h.matter.id == h->matter.id)
			k = &copies[i];
	if (k == NULL) {
		k = &copies[0];
		for (i = 1; i < COPIES; i++)
			if (copies[i].used < k->used)
				k = &copies[i];
	}
	if (k->pool != NULL)
		drop(k);
	k->pool = vl_pool_new();
	clone(k->pool, h, &k->h);
	k->firm = firm;
	k->user = user;
	k->used = ++ticks;
}
