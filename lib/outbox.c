/*
 * The outbox, the mailer's side: claim a batch of due emails (each a single
 * row, or every due row of one recipient's coalesced window) under a short
 * lease, make sure right before each email goes out that its rows are still
 * held, record each outcome as it comes.
 *
 * Each email's rows carry a lease owner of their own, "OWNER/n": the
 * mailer's name (host, pid and a random word) and the email's number in
 * that mailer's life.  It is the fence: another mailer that claims the rows
 * after a lease ran out writes its own owner, so whatever this one records
 * later changes nothing; and no two claims ever share one.
 *
 * Why batches stay small and each email is checked before it goes: the
 * lease is taken at the claim, for the whole batch.  The caller sizes a
 * batch so that it is sent well inside the lease; right before each send
 * vl_outbox_hold counts the rows still held (a cancellation parks them as
 * dead: a removed participant's invitation) and, once the batch is older
 * than a third of the lease, renews the lease instead, so a send (which
 * takes at most two thirds of it) always ends inside a lease.  A mailer
 * killed mid-batch leaves its rows in 'sending' until their lease runs
 * out; then they are due again (MAIL_DUE) and another mailer, or this one
 * restarted, claims them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "mail.h"

/* Due rows read to find a batch's emails, per email wanted: a window's
 * rows come together in the due order, so this finds whole windows of up
 * to 16 items at once; a larger window is simply fewer emails a batch. */
#define ROWS_PER_EMAIL	16
#define ROWS_MAX	1024
/* Tries when other mailers keep winning the rows, or a claim deadlocks. */
#define CLAIM_TRIES	8

static int64_t
backoff(int64_t attempts)
{
	int64_t	 d = vl_conf.mail_backoff_base;
	int64_t	 i;

	for (i = 1; i < attempts && d < 3600; i++)
		d *= 2;
	if (d > 3600)
		d = 3600;
	/* Jitter in [d/2, d] so retries from many rows spread out. */
	return d / 2 + (int64_t)randombytes_uniform((uint32_t)(d / 2 + 1));
}

int64_t
vl_outbox_now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One candidate email of a batch while it is being claimed. */
struct cand {
	const char	*key;		/* "" for a single row */
	int64_t		 id;		/* the single row */
	char		*lease;
};

static int
by_key(const void *a, const void *b)
{
	const struct cand *x = *(const struct cand *const *)a, *y = *(const struct cand *const *)b;

	return strcmp(x->key, y->key);
}

/* The due rows' emails in due order, at most max: windows once each. */
static enum vl_rc
pick(struct vl_pool *pool, size_t max, struct cand **out, size_t *n)
{
	struct vl_rows	*rows;
	struct cand	*c;
	size_t		 want = max * ROWS_PER_EMAIL, i;
	int64_t		 id;
	char		*key;
	int		 r, dup;

	if (want > ROWS_MAX)
		want = ROWS_MAX;
	*n = 0;
	if (vl_db_query(pool, STMT_MAILER2_DUE, &rows, "iiii", (int64_t)want, (int64_t)want,
	    (int64_t)want, (int64_t)want) != VL_OK)
		return VL_ERR;
	c = vl_pool_calloc(pool, max, sizeof(*c));
	while (*n < max && (r = vl_db_next(rows, "is", &id, &key)) > 0) {
		dup = 0;
		/* Rows of one window are next to each other; max is small. */
		for (i = 0; *key != '\0' && i < *n && !dup; i++)
			dup = strcmp(c[i].key, key) == 0;
		if (dup)
			continue;
		c[*n].key = key;
		c[*n].id = id;
		(*n)++;
	}
	if (vl_db_rows_failed(rows))
		return VL_ERR;
	*out = c;
	return VL_OK;
}

/* The JSON arrays of the claim: [key, lease] of the windows sorted by key
 * (two mailers then lock windows in the same order), [id, lease] of the
 * single rows; NULL for an empty one. */
static enum vl_rc
claim_arrays(struct vl_pool *pool, struct cand *c, size_t n, char **windows, char **singles)
{
	struct cand	**w;
	json_t		*aw, *as, *e;
	size_t		 i, nw = 0;
	enum vl_rc	 rc = VL_ERR;

	*windows = *singles = NULL;
	w = vl_pool_calloc(pool, n > 0 ? n : 1, sizeof(*w));
	for (i = 0; i < n; i++)
		if (*c[i].key != '\0')
			w[nw++] = &c[i];
	qsort(w, nw, sizeof(*w), by_key);
	aw = json_array();
	as = json_array();
	if (aw == NULL || as == NULL)
		goto out;
	/* A key that is not UTF-8 (never from MariaDB's utf8mb4) is left out:
	 * its window would not be claimed, the others still are. */
	for (i = 0; i < nw; i++)
		if ((e = json_pack("[ss]", w[i]->key, w[i]->lease)) == NULL)
			vl_err("outbox: the window \"%s\" cannot be claimed", w[i]->key);
		else if (json_array_append_new(aw, e) != 0)
			goto out;
	for (i = 0; i < n; i++)
		if (*c[i].key == '\0' &&
		    json_array_append_new(as, json_pack("[Is]", (json_int_t)c[i].id, c[i].lease)) != 0)
			goto out;
	rc = VL_OK;
	if (json_array_size(aw) > 0 && (*windows = json_dumps(aw, JSON_COMPACT)) == NULL)
		rc = VL_ERR;
	if (json_array_size(as) > 0 && (*singles = json_dumps(as, JSON_COMPACT)) == NULL)
		rc = VL_ERR;
out:
	json_decref(aw);
	json_decref(as);
	return rc;
}

/* Loads the rows the claim won, an email's rows together (leases is the
 * JSON array of every candidate's lease, in due order). */
static enum vl_rc
load(struct vl_pool *pool, const char *leases, size_t max, struct vl_outbox_batch *b)
{
	struct vl_rows		*rows;
	struct vl_outbox_mail	*m = NULL;
	struct vl_outbox_row	 r;
	char			*lease, *kind, *to, *pl, *msgid, *firm, *logo, *key;
	size_t			 cap;
	int			 got;

	if (vl_db_query(pool, STMT_MAILER2_LOAD, &rows, "s", leases) != VL_OK)
		return VL_ERR;
	cap = vl_db_count(rows);
	b->mails = vl_pool_calloc(pool, max, sizeof(*b->mails));
	while ((got = vl_db_next(rows, "sissssisss", &lease, &r.id, &kind, &to, &pl, &msgid,
	    &r.attempts, &firm, &logo, &key)) > 0) {
		r.payload = pl;
		if (m == NULL || strcmp(m->lease, lease) != 0) {
			if (b->n == max)	/* cannot happen: one lease an email */
				break;
			m = &b->mails[b->n++];
			*m = (struct vl_outbox_mail){ lease, kind, to, msgid, firm, logo, key,
			    vl_pool_calloc(pool, cap, sizeof(*m->rows)), 0 };
		}
		m->rows[m->n++] = r;
	}
	return got < 0 ? VL_ERR : VL_OK;
}

enum vl_rc
vl_outbox_claim(struct vl_pool *pool, const char *owner, uint64_t *seq, size_t max,
    struct vl_outbox_batch *b)
{
	struct cand	*c;
	json_t		*all;
	char		*windows, *singles, *leases;
	uint64_t	 got, won;
	size_t		 n, i;
	enum vl_rc	 rc;
	unsigned	 err;
	int		 try;

	memset(b, 0, sizeof(*b));
	if (max == 0)
		return VL_DECLINED;
	for (try = 0; try < CLAIM_TRIES; try++) {
		/* Before the claim: the lease runs from no earlier than this. */
		b->claimed_ms = vl_outbox_now_ms();
		if ((rc = pick(pool, max, &c, &n)) != VL_OK)
			return rc;
		if (n == 0)
			return VL_DECLINED;
		if ((all = json_array()) == NULL)
			return VL_ERR;
		for (i = 0; i < n; i++) {
			c[i].lease = vl_pool_printf(pool, "%s/%llu", owner,
			    (unsigned long long)++*seq);
			(void)json_array_append_new(all, json_string(c[i].lease));
		}
		leases = json_dumps(all, JSON_COMPACT);
		json_decref(all);
		if (leases == NULL || claim_arrays(pool, c, n, &windows, &singles) != VL_OK) {
			free(leases);
			return VL_ERR;
		}
		/* One transaction, one log flush, for the whole batch. */
		won = 0;
		err = 0;
		rc = vl_db_begin();
		if (rc == VL_OK && windows != NULL &&
		    (rc = vl_db_exec(STMT_MAILER2_CLAIM_WINDOWS, &got, NULL, "si", windows,
		    vl_conf.mail_lease)) == VL_OK)
			won += got;
		if (rc == VL_OK && singles != NULL &&
		    (rc = vl_db_exec(STMT_MAILER2_CLAIM_SINGLES, &got, NULL, "si", singles,
		    vl_conf.mail_lease)) == VL_OK)
			won += got;
		if (rc == VL_OK)
			rc = vl_db_commit();
		else {
			err = vl_db_errno();
			vl_db_rollback();
		}
		free(windows);
		free(singles);
		if (rc == VL_OK && won > 0) {
			rc = load(pool, leases, n, b);
			free(leases);
			/* Claimed but not loaded: the lease runs out, then they are due. */
			return rc == VL_OK && b->n > 0 ? VL_OK : VL_ERR;
		}
		free(leases);
		/* A deadlock or a lock wait given up: the claim was rolled back. */
		if (rc != VL_OK && err != 1213 && err != 1205)
			return rc;
		/* Otherwise another mailer claimed them first: pick again. */
	}
	return VL_DECLINED;
}

enum vl_rc
vl_outbox_hold(struct vl_pool *pool, const struct vl_outbox_batch *b,
    const struct vl_outbox_mail *m)
{
	uint64_t	 got = 0;
	int64_t		 held = 0, young;
	enum vl_rc	 rc;

	/* The lease was taken at most this long ago; a send takes at most two
	 * thirds of it, and a second is left to record the outcome. */
	young = vl_conf.mail_lease * 1000 / 3 - 1000;
	if (vl_outbox_now_ms() - b->claimed_ms >= young) {
		rc = vl_db_exec(STMT_MAILER2_RENEW, &got, NULL, "is", vl_conf.mail_lease, m->lease);
		held = (int64_t)got;
	} else
		rc = vl_db_row(pool, STMT_MAILER2_HELD, "s", "i", m->lease, &held);
	if (rc != VL_OK)
		return VL_ERR;
	return held == (int64_t)m->n ? VL_OK : VL_CONFLICT;
}

void
vl_outbox_release(const struct vl_outbox_mail *m)
{
	(void)vl_db_exec(STMT_MAILER2_RELEASE, NULL, NULL, "s", m->lease);
}

static void
not_recorded(const struct vl_outbox_mail *m)
{
	vl_err("notification %lld: outcome not recorded; the lease will expire "
	    "and it will be tried again", (long long)m->rows[0].id);
}

/* The outcome on its way (vl_outbox_record_start), for its log line. */
static struct {
	const struct vl_outbox_mail *m;
	enum vl_mail_result	 res;
	const char		*err;
	int64_t			 delay;
	int			 dead;
} rec;

enum vl_rc
vl_outbox_record_start(const struct vl_outbox_mail *m, enum vl_mail_result res, const char *err)
{
	enum vl_rc	 rc;
	size_t		 i;

	rec.m = NULL;
	rec.dead = res == VL_MAIL_DEAD;
	rec.delay = 0;
	for (i = 0; i < m->n; i++)
		if (m->rows[i].attempts >= vl_conf.mail_max_attempts)
			rec.dead = 1;
	/* One statement for every row of the email: one transaction. */
	if (res == VL_MAIL_SENT)
		rc = vl_db_exec_start(STMT_MAILER2_SENT, "s", m->lease);
	else if (rec.dead)
		rc = vl_db_exec_start(STMT_MAILER2_DEAD, "ss", err, m->lease);
	else {
		rec.delay = backoff(m->rows[0].attempts);
		rc = vl_db_exec_start(STMT_MAILER2_RETRY, "iss", rec.delay, err, m->lease);
	}
	if (rc != VL_OK) {
		not_recorded(m);
		return rc;
	}
	rec.m = m;
	rec.res = res;
	rec.err = err;
	return VL_OK;
}

enum vl_rc
vl_outbox_record_end(void)
{
	const struct vl_outbox_mail *m = rec.m;

	if (m == NULL)
		return VL_ERR;	/* not started: said so already */
	rec.m = NULL;
	if (vl_db_exec_finish(NULL) != VL_OK) {
		not_recorded(m);
		return VL_ERR;
	}
	if (rec.res == VL_MAIL_SENT)
		vl_info("notification %lld (%s, %zu item(s)) sent to %s", (long long)m->rows[0].id,
		    m->kind, m->n, m->to);
	else if (rec.dead)
		vl_err("notification %lld parked after %lld attempts: %s",
		    (long long)m->rows[0].id, (long long)m->rows[0].attempts, rec.err);
	else
		vl_warn("notification %lld: attempt %lld failed (%s); next in %llds",
		    (long long)m->rows[0].id, (long long)m->rows[0].attempts, rec.err,
		    (long long)rec.delay);
	return VL_OK;
}

enum vl_rc
vl_outbox_record(const struct vl_outbox_mail *m, enum vl_mail_result res, const char *err)
{
	if (vl_outbox_record_start(m, res, err) != VL_OK)
		return VL_ERR;
	return vl_outbox_record_end();
}
