/*
 * The client's Messages page's head kept by a FastCGI process (issue 13).
 * The page's first statement joined eight tables (the session, the
 * contact, the firm, every participation of the contact with its portal,
 * matter and stamps: 130 us of mariadbd).  What it read besides the
 * session's own row changes rarely; it is kept per client under three
 * stamps of the firm that triggers move in every writer's transaction:
 *   - facts_stamp: the firm's name, slug, logo, zone, users (sql/031);
 *   - clients_stamp: any participant, portal or permission of the firm,
 *     a contact's name, login email or removal (sql/033);
 *   - matters_stamp: a matter's number or description (sql/028).
 * MSGPAGE_CLIENT_CHECK reads them with the session on every request, so a
 * removed participant, a permission turned off or a renamed client shows
 * on the very next one; the session's row is read every time.  A copy is
 * kept only when the joined statement found the client (a row), under
 * stamps read before it: rows newer than their stamps only cost a read.
 *
 * Memory: COPIES copies, each one block (the strings and the switcher),
 * at most COPY_MAX bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "clientcopy.h"

#define COPIES		8
#define COPY_MAX	(64 * 1024)

enum { FIRM_NAME, FIRM_SLUG, EMAIL, NAME, LOGO, ZONE, STRINGS };

struct copy {
	int64_t			 firm, contact, users_stamp;
	struct vl_client_stamps	 st;
	char			*str[STRINGS];	/* in block; NULL stays NULL */
	struct vl_client_matter	*list;		/* in block, its strings too */
	size_t			 n;
	char			*block;
	unsigned long		 used;
};

static struct copy	 copies[COPIES];
static unsigned long	 ticks;

void
vl_client_copy_forget(void)
{
	size_t	 i;

	for (i = 0; i < COPIES; i++)
		free(copies[i].block);
	memset(copies, 0, sizeof(copies));
}

static int
stamps_known(const struct vl_client_stamps *st)
{
	return st->facts != 0 && st->clients != 0 && st->matters != 0;
}

static char *
dup_or_null(struct vl_pool *pool, const char *s)
{
	return s != NULL ? vl_pool_strdup(pool, s) : NULL;
}

int
vl_client_copy_get(struct vl_pool *pool, struct vl_sess *s, const struct vl_client_stamps *st,
    struct vl_client_matter **list, size_t *n)
{
	struct copy	*k = NULL;
	size_t		 i;

	if (!stamps_known(st))
		return 0;
	for (i = 0; i < COPIES && k == NULL; i++)
		if (copies[i].block != NULL && copies[i].firm == s->firm_id &&
		    copies[i].contact == s->contact_id && copies[i].st.facts == st->facts &&
		    copies[i].st.clients == st->clients && copies[i].st.matters == st->matters)
			k = &copies[i];
	if (k == NULL)
		return 0;
	k->used = ++ticks;
	s->firm_name = dup_or_null(pool, k->str[FIRM_NAME]);
	s->firm_slug = dup_or_null(pool, k->str[FIRM_SLUG]);
	s->user_email = dup_or_null(pool, k->str[EMAIL]);
	s->user_name = dup_or_null(pool, k->str[NAME]);
	s->firm_logo = dup_or_null(pool, k->str[LOGO]);
	s->firm_zone = dup_or_null(pool, k->str[ZONE]);
	s->users_stamp = k->users_stamp;
	*n = k->n;
	*list = vl_pool_calloc(pool, k->n + 1, sizeof(**list));
	for (i = 0; i < k->n; i++) {
		(*list)[i] = k->list[i];
		(*list)[i].m.number = vl_pool_strdup(pool, k->list[i].m.number);
		(*list)[i].m.description = vl_pool_strdup(pool, k->list[i].m.description);
	}
	return 1;
}

/* s into the block at *at (NULL stays NULL). */
static char *
put(char *block, size_t *at, const char *s)
{
	char	*to;

	if (s == NULL)
		return NULL;
	to = block + *at;
	memcpy(to, s, strlen(s) + 1);
	*at += strlen(s) + 1;
	return to;
}

void
vl_client_copy_put(const struct vl_sess *s, const struct vl_client_stamps *st,
    const struct vl_client_matter *list, size_t n)
{
	const char	*v[STRINGS] = { s->firm_name, s->firm_slug, s->user_email, s->user_name,
			    s->firm_logo, s->firm_zone };
	struct copy	*k = NULL;
	size_t		 i, size = n * sizeof(*list), at;

	if (!stamps_known(st) || s->firm_id == 0 || s->contact_id == 0 || n == 0)
		return;
	for (i = 0; i < STRINGS; i++)
		size += v[i] != NULL ? strlen(v[i]) + 1 : 0;
	for (i = 0; i < n && size <= COPY_MAX; i++)
		size += strlen(list[i].m.number ? list[i].m.number : "") + 1 +
		    strlen(list[i].m.description ? list[i].m.description : "") + 1;
	if (size > COPY_MAX)
		return;
	for (i = 0; i < COPIES && k == NULL; i++)
		if (copies[i].block != NULL && copies[i].firm == s->firm_id &&
		    copies[i].contact == s->contact_id)
			k = &copies[i];
	if (k == NULL) {
		k = &copies[0];
		for (i = 1; i < COPIES; i++)
			if (copies[i].used < k->used)
				k = &copies[i];
	}
	free(k->block);
	memset(k, 0, sizeof(*k));
	k->block = vl_xcalloc(1, size + 1);
	k->list = (struct vl_client_matter *)(void *)k->block;
	at = n * sizeof(*list);
	for (i = 0; i < n; i++) {
		k->list[i] = list[i];
		k->list[i].m.number = put(k->block, &at, list[i].m.number ? list[i].m.number : "");
		k->list[i].m.description = put(k->block, &at,
		    list[i].m.description ? list[i].m.description : "");
	}
	for (i = 0; i < STRINGS; i++)
		k->str[i] = put(k->block, &at, v[i]);
	k->n = n;
	k->firm = s->firm_id;
	k->contact = s->contact_id;
	k->users_stamp = s->users_stamp;
	k->st = *st;
	k->used = ++ticks;
}
