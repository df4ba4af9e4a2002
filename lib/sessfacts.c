/*
 * What a firm user's session statement read of the user and the firm,
 * kept by a FastCGI process (issue 13).  The statement that joined the
 * session, its user, its firm and the firm's stamps cost mariadbd 42 us a
 * page; the session and the stamps alone, 26.  The user's email, name,
 * role and being active, and the firm's name, logo, zone, slug and
 * users_stamp, are kept per user under the firm's facts_stamp, which
 * triggers move in every writer's transaction when any of them changes
 * (sql/031_session_facts.sql).  The session's statement reads the stamp
 * with the session on every request, so a deactivated user, a changed
 * role or a renamed firm shows on the very next one; the session's own row
 * (revoked, expired) is read every time as before.
 *
 * Memory: COPIES copies, each a block of its strings (under 1 KB).
 */
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "sessfacts.h"

#define COPIES	8

/* The strings kept, in this order. */
enum { FIRM_NAME, USER_EMAIL, USER_NAME, ROLE, LOGO, ZONE, SLUG, STRINGS };

struct copy {
	int64_t		 firm, user, facts_stamp, users_stamp;
	char		*str[STRINGS];	/* in block; NULL stays NULL */
	char		*block;
	unsigned long	 used;
};

static struct copy	 copies[COPIES];
static unsigned long	 ticks;

void
vl_sess_facts_forget(void)
{
	size_t	 i;

	for (i = 0; i < COPIES; i++)
		free(copies[i].block);
	memset(copies, 0, sizeof(copies));
}

/* The session's strings, in the order of the enum. */
static void
strings_of(const struct vl_sess *s, const char *v[STRINGS])
{
	v[FIRM_NAME] = s->firm_name;
	v[USER_EMAIL] = s->user_email;
	v[USER_NAME] = s->user_name;
	v[ROLE] = s->role;
	v[LOGO] = s->firm_logo;
	v[ZONE] = s->firm_zone;
	v[SLUG] = s->firm_slug;
}

int
vl_sess_facts_get(struct vl_pool *pool, struct vl_sess *s, int64_t facts_stamp)
{
	struct copy	*k;
	char		*v[STRINGS];
	size_t		 i;

	if (facts_stamp == 0)
		return 0;
	for (i = 0; i < COPIES; i++) {
		k = &copies[i];
		if (k->block != NULL && k->firm == s->firm_id && k->user == s->user_id &&
		    k->facts_stamp == facts_stamp)
			break;
	}
	if (i == COPIES)
		return 0;
	k->used = ++ticks;
	for (i = 0; i < STRINGS; i++)
		v[i] = k->str[i] != NULL ? vl_pool_strdup(pool, k->str[i]) : NULL;
	s->firm_name = v[FIRM_NAME];
	s->user_email = v[USER_EMAIL];
	s->user_name = v[USER_NAME];
	s->role = v[ROLE];
	s->firm_logo = v[LOGO];
	s->firm_zone = v[ZONE];
	s->firm_slug = v[SLUG];
	s->users_stamp = k->users_stamp;
	return 1;
}

void
vl_sess_facts_put(const struct vl_sess *s, int64_t facts_stamp)
{
	const char	*v[STRINGS];
	struct copy	*k = NULL;
	size_t		 i, size = 0, at = 0;

	if (facts_stamp == 0 || s->firm_id == 0 || s->user_id == 0)
		return;
	strings_of(s, v);
	for (i = 0; i < COPIES && k == NULL; i++)
		if (copies[i].block != NULL && copies[i].firm == s->firm_id &&
		    copies[i].user == s->user_id)
			k = &copies[i];
	if (k == NULL) {
		k = &copies[0];
		for (i = 1; i < COPIES; i++)
			if (copies[i].used < k->used)
				k = &copies[i];
	}
	free(k->block);
	memset(k, 0, sizeof(*k));
	for (i = 0; i < STRINGS; i++)
		size += v[i] != NULL ? strlen(v[i]) + 1 : 0;
	k->block = vl_xcalloc(1, size + 1);
	for (i = 0; i < STRINGS; i++) {
		if (v[i] == NULL)
			continue;
		k->str[i] = k->block + at;
		memcpy(k->str[i], v[i], strlen(v[i]) + 1);
		at += strlen(v[i]) + 1;
	}
	k->firm = s->firm_id;
	k->user = s->user_id;
	k->facts_stamp = facts_stamp;
	k->users_stamp = s->users_stamp;
	k->used = ++ticks;
}
