/*
 * The Messages pages' heads (issue 13): what each page reads besides the
 * feed, in one statement.  The firm's page read the matter, its portal,
 * the user's mute and the responsible users in four statements after the
 * session's; now one, with the session checked inside it on a GET
 * (vl_sess_join).  The client's page read its matters for the switcher and
 * then the current matter's portal with the same joins: now the switcher's
 * rows carry each portal's permissions.
 */
#include <string.h>

#include "vellum.h"
#include "internal.h"
#include "tz.h"
#include "msgpage.h"
#include "clientcopy.h"
#include "firmcopy.h"
#include "sessfacts.h"

/* Splits names joined by \x1e into a pool array. */
static void
split_names(struct vl_pool *pool, char *s, char ***out, size_t *n)
{
	char	**v, *p;
	size_t	 k = 1, i = 0;

	*out = NULL;
	*n = 0;
	if (s == NULL || *s == '\0')
		return;
	for (p = s; *p; p++)
		if (*p == '\x1e')
			k++;
	v = vl_pool_calloc(pool, k, sizeof(*v));
	for (p = s; i < k; i++) {
		v[i] = p;
		if ((p = strchr(p, '\x1e')) == NULL)
			break;
		*p++ = '\0';
	}
	*out = v;
	*n = k;
}

/* The permissions from their bits (MSGPAGE_PERMS). */
static void
perms(int *perm, int64_t bits)
{
	size_t	 i;

	for (i = 0; i < VL_PERM__MAX; i++)
		perm[i] = (bits >> i & 1) != 0;
}

static void
settle_firm(struct vl_ctx *c, struct vl_msgpage_firm *h, int64_t bits, int64_t muted,
    char *names)
{
	perms(h->perm, bits);
	h->muted = muted != 0;
	h->matter.opened = "";
	split_names(c->pool, names, &h->responsible, &h->nresponsible);
}

/*
 * A FastCGI process's first look at the firm's page: the session and the
 * stamps alone (MSGPAGE_FIRM_CHECK), and the session's columns, the head
 * and the panels from its copies while those stamps hold (lib/sessfacts.c,
 * lib/firmcopy.c).  *done when that answers the page: VL_OK from the
 * copy, or VL_DECLINED for no session at all (found stays 0 and
 * vl_sess_joined refuses); otherwise h->st has the stamps to keep the full
 * statements' answers under.
 */
static enum vl_rc
firm_kept(struct vl_ctx *c, int64_t id, struct vl_msgpage_firm *h, int *done)
{
	struct vl_sess_join	*j = c->join;
	struct vl_sess		*s = j->s;
	struct vl_firm_stamps	*st = &h->st;
	int64_t			 portal;
	enum vl_rc		 rc;

	*done = 0;
	/* A copy of the matter, anyone's, names its portal: one join fewer. */
	portal = vl_firm_copy_portal(id);
	rc = vl_db_row(c->pool, portal != 0 ? STMT_MSGPAGE_FIRM_CHECK_PORTAL :
	    STMT_MSGPAGE_FIRM_CHECK, "iibii", "iiiiiii", j->touch, portal != 0 ? portal : id,
	    j->hash, sizeof(j->hash), j->idle, j->max, &s->firm_id, &s->user_id, &j->stale,
	    &st->matters, &st->facts, &st->clients, &st->portal);
	if (rc == VL_DECLINED) {
		*done = 1;
		return VL_DECLINED;
	}
	if (rc != VL_OK)
		return VL_ERR;
	if (!vl_sess_facts_get(c->pool, s, st->facts) ||
	    !vl_firm_copy_get(c->pool, s->firm_id, s->user_id, id, st, h))
		return VL_OK;
	*done = 1;
	j->found = 1;
	s->matters_stamp = st->matters;
	s->facts_stamp = st->facts;
	return VL_OK;
}

enum vl_rc
vl_msgpage_firm_head(struct vl_ctx *c, int64_t id, struct vl_msgpage_firm *h)
{
	struct vl_sess_join	*j = c->join;
	struct vl_sess		*s;
	struct vl_matter	*m = &h->matter;
	int64_t			 bits, muted;
	char			*names;
	int			 done;
	enum vl_rc		 rc;

	memset(h, 0, sizeof(*h));
	m->id = id;
	if (id <= 0)
		return VL_DECLINED;
	if (j != NULL && !vl_db_is_once() &&
	    ((rc = firm_kept(c, id, h, &done)) != VL_OK || done))
		return rc;
	/* The firm's matters_stamp goes where the session's stamps are kept:
	 * the context, or the joined session that becomes its own. */
	if (j == NULL) {
		rc = vl_db_row(c->pool, STMT_MSGPAGE_FIRM_HEAD, "iii", "sssisiiiisii",
		    c->user_id, c->firm_id, id, &m->number, &m->description, &m->status,
		    &m->client_id, &m->client, &h->created, &h->portal, &bits, &muted, &names,
		    &h->feed_stamp, &c->matters_stamp);
	} else {
		s = j->s;
		rc = vl_db_row(c->pool, STMT_MSGPAGE_FIRM_HEAD_SESS, "ibiii",
		    "iissssisssisssisiiiisii", j->touch, j->hash, sizeof(j->hash), j->idle,
		    j->max, id, &s->firm_id, &s->user_id, &s->firm_name, &s->user_email,
		    &s->user_name, &s->role, &j->stale, &s->firm_logo, &s->firm_zone, &s->firm_slug,
		    &s->users_stamp, &m->number, &m->description, &m->status, &m->client_id,
		    &m->client, &h->created, &h->portal, &bits, &muted, &names, &h->feed_stamp,
		    &s->matters_stamp);
		if (rc == VL_OK) {
			j->found = 1;
			s->facts_stamp = h->st.facts;
			if (!vl_db_is_once()) {
				vl_sess_facts_put(s, h->st.facts);
				vl_firm_copy_portal_is(id, h->portal);
			}
		}
	}
	if (rc != VL_OK)
		return rc;
	settle_firm(c, h, bits, muted, names);
	return VL_OK;
}

enum vl_rc
vl_msgpage_firm_panels(struct vl_ctx *c, struct vl_msgpage_firm *h)
{
	if (h->kept)
		return VL_OK;
	if (vl_picks_portal_people(c, h->portal, &h->people) != VL_OK ||
	    vl_picks_attachable(c, h->matter.id, &h->docs, &h->ndocs, &h->folders,
	    &h->nfolders) != VL_OK)
		return VL_ERR;
	/* The stamps are read (h->st) only by a FastCGI process's GET. */
	vl_firm_copy_put(c->firm_id, c->user_id, h);
	return VL_OK;
}

void
vl_msgpage_firm_dates(struct vl_ctx *c, struct vl_msgpage_firm *h)
{
	h->matter.opened = vl_tz_date(c->pool, vl_tz_firm(c), h->created);
}

/* The next row of the client's matters, with the session's columns first
 * when it is checked in the same statement. */
static int
client_next(struct vl_ctx *c, struct vl_rows *rows, struct vl_msgpage_matter *row,
    int64_t *portal, int64_t *bits, int64_t *stamp)
{
	struct vl_sess_join	*j = c->join;
	struct vl_sess		*s;

	/* The firm's stamps go where the session's are kept (firm_head). */
	if (j == NULL)
		return vl_db_next(rows, "issiiiii", &row->id, &row->number, &row->description,
		    portal, bits, stamp, &c->users_stamp, &c->matters_stamp);
	s = j->s;
	return vl_db_next(rows, "iissssississiiiii", &s->firm_id, &s->contact_id, &s->firm_name,
	    &s->firm_slug, &s->user_email, &s->user_name, &j->stale, &s->firm_logo, &s->firm_zone,
	    &row->id, &row->number, &row->description, portal, bits, stamp, &s->users_stamp,
	    &s->matters_stamp);
}

/* The switcher as vl_msgpage_client gives it, from its rows with their
 * portals; the current matter's portal, permissions and feed stamp into cp. */
static struct vl_msgpage_matter *
switcher_of(struct vl_pool *pool, const struct vl_client_matter *all, size_t n,
    int64_t current, int64_t feed_stamp, struct vl_client_portal *cp)
{
	struct vl_msgpage_matter	*v = vl_pool_calloc(pool, n + 1, sizeof(*v));
	size_t				 i;

	for (i = 0; i < n; i++) {
		v[i] = all[i].m;
		if (all[i].m.id != current)
			continue;
		cp->portal = all[i].portal;
		cp->feed_stamp = feed_stamp;
		cp->matter = all[i].m.id;
		cp->number = all[i].m.number;
		cp->description = all[i].m.description;
		perms(cp->perm, all[i].bits);
	}
	return v;
}

/*
 * A FastCGI process's first look at the client's page: the session and the
 * stamps alone (MSGPAGE_CLIENT_CHECK), and the switcher and the session's
 * columns from its copy while those stamps hold (lib/clientcopy.c).  *done
 * when that answers the page (the copy, or no session at all: found stays
 * 0 and vl_sess_joined refuses); otherwise *st has the stamps to keep the
 * joined statement's answer under.
 */
static enum vl_rc
client_kept(struct vl_ctx *c, int64_t current, struct vl_msgpage_matter **list, size_t *n,
    struct vl_client_portal *cp, struct vl_client_stamps *st, int *done)
{
	struct vl_sess_join	*j = c->join;
	struct vl_sess		*s = j->s;
	struct vl_client_matter	*all;
	int64_t			 pstamp;
	size_t			 count;
	enum vl_rc		 rc;

	*done = 0;
	rc = vl_db_row(c->pool, STMT_MSGPAGE_CLIENT_CHECK, "iibii", "iiiiiii", j->touch, current,
	    j->hash, sizeof(j->hash), j->idle, j->max, &s->firm_id, &s->contact_id, &j->stale,
	    &st->matters, &st->facts, &st->clients, &pstamp);
	if (rc == VL_DECLINED) {
		*done = 1;
		return VL_OK;
	}
	if (rc != VL_OK)
		return VL_ERR;
	if (!vl_client_copy_get(c->pool, s, st, &all, &count))
		return VL_OK;
	*done = 1;
	j->found = 1;
	s->matters_stamp = st->matters;
	*list = switcher_of(c->pool, all, count, current, pstamp, cp);
	*n = count;
	return VL_OK;
}

enum vl_rc
vl_msgpage_client(struct vl_ctx *c, int64_t current, struct vl_msgpage_matter **list,
    size_t *n, struct vl_client_portal *cp)
{
	struct vl_client_matter		*all = NULL, *more;
	struct vl_msgpage_matter	 row;
	struct vl_client_stamps		 st = { 0, 0, 0 };
	struct vl_sess_join		*j = c->join;
	struct vl_rows			*rows;
	int64_t				 portal, bits, stamp, feed_stamp = 0;
	size_t				 cap = 0;
	int				 got, done, keep = j != NULL && !vl_db_is_once();
	enum vl_rc			 rc;

	*list = NULL;
	*n = 0;
	memset(cp, 0, sizeof(*cp));
	if (keep && ((rc = client_kept(c, current, list, n, cp, &st, &done)) != VL_OK || done))
		return rc;
	if (j != NULL)
		rc = vl_db_query(c->pool, STMT_MSGPAGE_CLIENT_MATTERS_SESS, &rows, "ibii", j->touch,
		    j->hash, sizeof(j->hash), j->idle, j->max);
	else if (c->contact_id == 0)
		return VL_FORBIDDEN;
	else
		rc = vl_db_query(c->pool, STMT_MSGPAGE_CLIENT_MATTERS, &rows, "ii", c->firm_id,
		    c->contact_id);
	if (rc != VL_OK)
		return VL_ERR;
	while ((got = client_next(c, rows, &row, &portal, &bits, &stamp)) > 0) {
		if (j != NULL)
			j->found = 1;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			more = vl_pool_calloc(c->pool, cap, sizeof(*more));
			if (*n > 0)
				memcpy(more, all, *n * sizeof(*more));
			all = more;
		}
		all[*n].m = row;
		all[*n].portal = portal;
		all[*n].bits = bits;
		/* Only the current matter's portal stamp is used. */
		if (row.id == current)
			feed_stamp = stamp;
		(*n)++;
	}
	if (got < 0)
		return VL_ERR;
	*list = switcher_of(c->pool, all, *n, current, feed_stamp, cp);
	if (keep && j->found)
		vl_client_copy_put(j->s, &st, all, *n);
	return VL_OK;
}
