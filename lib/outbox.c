/*
 * The outbox, the mailer's side: claim one email's rows (a single row, or
 * every due row of one recipient's coalesced window) under a short lease,
 * renew the lease right before the email goes out, record the outcome.
 * Every write after the claim is fenced by the lease owner and the row's
 * attempt number, so a mailer that lost its lease changes nothing.
 *
 * Why one email at a time: a lease held over a batch runs out while the
 * batch is still being sent (a slow SMTP server), and another mailer then
 * sends the same rows; and a killed mailer's batch would wait out the whole
 * lease.  Here a mailer holds one email's rows, for one send at most.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "mail.h"

/* Tries before giving way when other mailers keep winning the same rows. */
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

/* Loads the rows just claimed (by id, or every row of key we hold). */
static enum vl_rc
load(struct vl_pool *pool, const char *owner, int64_t id, struct vl_outbox_mail *m)
{
	struct vl_outbox_row	 first, r;
	struct vl_rows		*rows;
	size_t			 cap;
	char			*pl;
	enum vl_rc		 rc;

	memset(m, 0, sizeof(*m));
	rc = vl_db_row(pool, STMT_MAIL_GET, "is", "ssssisss", id, owner, &m->kind, &m->to,
	    &first.payload, &m->msgid, &first.attempts, &m->firm, &m->key, &m->logo);
	if (rc != VL_OK)
		return rc;
	first.id = id;
	if (*m->key == '\0') {
		m->rows = vl_pool_calloc(pool, 1, sizeof(*m->rows));
		m->rows[m->n++] = first;
		return VL_OK;
	}
	if ((rc = vl_db_query(pool, STMT_MAIL_GROUP, &rows, "ss", m->key, owner)) != VL_OK)
		return rc;
	cap = vl_db_count(rows);
	m->rows = vl_pool_calloc(pool, cap > 0 ? cap : 1, sizeof(*m->rows));
	while (m->n < cap && vl_db_next(rows, "iis", &r.id, &r.attempts, &pl) > 0) {
		r.payload = pl;
		m->rows[m->n++] = r;
	}
	if (m->n == 0)
		m->rows[m->n++] = first;
	return VL_OK;
}

enum vl_rc
vl_outbox_claim(struct vl_pool *pool, const char *owner, struct vl_outbox_mail *m)
{
	uint64_t	 got;
	int64_t		 id;
	char		*key;
	enum vl_rc	 rc;
	int		 i;

	for (i = 0; i < CLAIM_TRIES; i++) {
		if ((rc = vl_db_row(pool, STMT_MAIL_CLAIM_SELECT, "", "is", &id, &key)) != VL_OK)
			return rc;
		if (*key == '\0')
			rc = vl_db_exec(STMT_MAIL_CLAIM_ONE, &got, NULL, "sii", owner,
			    vl_conf.mail_lease, id);
		else
			rc = vl_db_exec(STMT_MAIL_CLAIM_WINDOW, &got, NULL, "sis", owner,
			    vl_conf.mail_lease, key);
		if (rc != VL_OK)
			return rc;
		if (got > 0)
			return load(pool, owner, id, m);
		/* Another mailer claimed it first: pick again. */
	}
	return VL_DECLINED;
}

enum vl_rc
vl_outbox_renew(const struct vl_outbox_mail *m, const char *owner)
{
	uint64_t	 got;
	size_t		 i;

	/* One transaction: one log flush, however many rows the window has. */
	if (vl_db_begin() != VL_OK)
		return VL_ERR;
	for (i = 0; i < m->n; i++) {
		if (vl_db_exec(STMT_MAIL_RENEW, &got, NULL, "iisi", vl_conf.mail_lease,
		    m->rows[i].id, owner, m->rows[i].attempts) != VL_OK)
			goto fail;
		if (got != 1) {
			vl_db_rollback();
			return VL_CONFLICT;
		}
	}
	return vl_db_commit();
fail:
	vl_db_rollback();
	return VL_ERR;
}

void
vl_outbox_release(const struct vl_outbox_mail *m, const char *owner)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		(void)vl_db_exec(STMT_MAIL_RELEASE, NULL, NULL, "isi", m->rows[i].id, owner,
		    m->rows[i].attempts);
}

enum vl_rc
vl_outbox_record(const struct vl_outbox_mail *m, const char *owner, enum vl_mail_result res,
    const char *err)
{
	const struct vl_outbox_row *r;
	int64_t		 delay = 0;
	enum vl_rc	 rc = VL_OK;
	size_t		 i;
	int		 dead = res == VL_MAIL_DEAD;

	for (i = 0; i < m->n; i++)
		if (m->rows[i].attempts >= vl_conf.mail_max_attempts)
			dead = 1;
	if (res == VL_MAIL_RETRY && !dead)
		delay = backoff(m->rows[0].attempts);
	if (vl_db_begin() != VL_OK)
		return VL_ERR;
	for (i = 0; i < m->n && rc == VL_OK; i++) {
		r = &m->rows[i];
		if (res == VL_MAIL_SENT)
			rc = vl_db_exec(STMT_MAIL_SENT, NULL, NULL, "isi", r->id, owner, r->attempts);
		else if (dead)
			rc = vl_db_exec(STMT_MAIL_DEAD, NULL, NULL, "sisi", err, r->id, owner,
			    r->attempts);
		else
			rc = vl_db_exec(STMT_MAIL_RETRY, NULL, NULL, "isisi", delay, err, r->id,
			    owner, r->attempts);
	}
	if (rc != VL_OK || (rc = vl_db_commit()) != VL_OK) {
		vl_db_rollback();
		vl_err("notification %lld: outcome not recorded; the lease will expire "
		    "and it will be tried again", (long long)m->rows[0].id);
		return rc;
	}
	if (res == VL_MAIL_SENT)
		vl_info("notification %lld (%s, %zu item(s)) sent to %s", (long long)m->rows[0].id,
		    m->kind, m->n, m->to);
	else if (dead)
		vl_err("notification %lld parked after %lld attempts: %s",
		    (long long)m->rows[0].id, (long long)m->rows[0].attempts, err);
	else
		vl_warn("notification %lld: attempt %lld failed (%s); next in %llds",
		    (long long)m->rows[0].id, (long long)m->rows[0].attempts, err,
		    (long long)delay);
	return VL_OK;
}
