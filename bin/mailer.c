/*
 * mailer: drains the notifications outbox.  Claims due rows with
 * SELECT ... FOR UPDATE SKIP LOCKED and a lease (several mailers may run),
 * renders each from templates, sends it over SMTP with libcurl, and records
 * the outcome fenced by lease owner and attempt number.  Failures retry with
 * exponential backoff and jitter; after mail_max_attempts, or on a permanent
 * SMTP refusal, the row is parked ("dead") for an admin to see.
 * SIGTERM or SIGINT: the current message is finished, the rest released.
 *
 * usage: mailer [-1] [-i poll_seconds]
 *   -1  drain what is due once, then exit (for tests and cron)
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "mail.h"

#define BATCH	50

static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

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

static void
from_header(const char *firm, char *out, size_t n)
{
	char	 name[200];
	size_t	 i, j = 0;

	for (i = 0; firm[i] && j < sizeof(name) - 1; i++)
		if (firm[i] != '"' && firm[i] != '\\' && firm[i] != '\r' && firm[i] != '\n')
			name[j++] = firm[i];
	name[j] = '\0';
	snprintf(out, n, "\"%s\" <%s>", name, vl_conf.mail_from);
}

struct row {
	int64_t		 id, attempts;
	const char	*payload;
};

/* Records the outcome for every row of one email. */
static void
record(const char *owner, const struct row *rows, int n, enum vl_mail_result res,
    const char *kind, const char *to, const char *err)
{
	int64_t		 delay = 0;
	enum vl_rc	 rc = VL_OK;
	int		 i, dead = res == VL_MAIL_DEAD;

	for (i = 0; i < n; i++)
		if (rows[i].attempts >= vl_conf.mail_max_attempts)
			dead = 1;
	if (res == VL_MAIL_RETRY && !dead)
		delay = backoff(rows[0].attempts);
	for (i = 0; i < n; i++) {
		if (res == VL_MAIL_SENT)
			rc = vl_db_exec(STMT_MAIL_SENT, NULL, NULL, "isi", rows[i].id, owner, rows[i].attempts);
		else if (dead)
			rc = vl_db_exec(STMT_MAIL_DEAD, NULL, NULL, "sisi", err, rows[i].id, owner,
			    rows[i].attempts);
		else
			rc = vl_db_exec(STMT_MAIL_RETRY, NULL, NULL, "isisi", delay, err, rows[i].id,
			    owner, rows[i].attempts);
		if (rc != VL_OK)
			vl_err("notification %lld: outcome not recorded; the lease will expire "
			    "and it will be tried again", (long long)rows[i].id);
	}
	if (res == VL_MAIL_SENT)
		vl_info("notification %lld (%s, %d item(s)) sent to %s", (long long)rows[0].id,
		    kind, n, to);
	else if (dead)
		vl_err("notification %lld parked after %lld attempts: %s", (long long)rows[0].id,
		    (long long)rows[0].attempts, err);
	else
		vl_warn("notification %lld: attempt %lld failed (%s); next in %llds",
		    (long long)rows[0].id, (long long)rows[0].attempts, err, (long long)delay);
}

/*
 * Sends one claimed row, or, for a coalesced kind, every claimed row of the
 * same recipient window as one email.  Ids sent are added to done.
 */
static void
deliver(struct vl_pool *pool, const char *owner, int64_t id, int64_t *done, int *ndone)
{
	struct vl_mail_parts parts = { VL_BUF_INIT, VL_BUF_INIT, VL_BUF_INIT };
	struct vl_buf	 msg = VL_BUF_INIT, err = VL_BUF_INIT;
	struct vl_mail_firm mf;
	char		*kind, *to, *payload, *msgid, *firm, *key, *logo, from[300];
	const char	**payloads;
	struct row	*rows;
	struct vl_rows	*grp;
	int64_t		 attempts;
	int		 n = 0, i;
	enum vl_mail_result res;
	enum vl_rc	 rc;

	rc = vl_db_row(pool, STMT_MAIL_GET, "is", "ssssisss", id, owner,
	    &kind, &to, &payload, &msgid, &attempts, &firm, &key, &logo);
	if (rc != VL_OK) {
		if (rc == VL_DECLINED)
			vl_warn("notification %lld: lease lost before sending", (long long)id);
		return;
	}
	rows = vl_pool_calloc(pool, BATCH, sizeof(*rows));
	rows[0] = (struct row){ id, attempts, payload };
	n = 1;
	if (*key != '\0' && vl_db_query(pool, STMT_MAIL_GROUP, &grp, "ss", key, owner) == VL_OK) {
		struct row r;
		char *pl;
		n = 0;
		while (n < BATCH && vl_db_next(grp, "iis", &r.id, &r.attempts, &pl) > 0) {
			r.payload = pl;
			rows[n++] = r;
		}
		vl_db_rows_free(grp);
		if (n == 0)
			rows[n++] = (struct row){ id, attempts, payload };
	}
	payloads = vl_pool_calloc(pool, (size_t)n, sizeof(*payloads));
	for (i = 0; i < n; i++) {
		payloads[i] = rows[i].payload;
		if (*ndone < BATCH)
			done[(*ndone)++] = rows[i].id;
	}
	mf.name = firm;
	mf.logo = logo;
	if (vl_mail_render(pool, kind, payloads, (size_t)n, &mf, &parts, &err) != VL_OK) {
		res = VL_MAIL_RETRY;	/* an admin can fix the template meanwhile */
		vl_err("notification %lld: %s", (long long)id, vl_buf_str(&err));
	} else {
		from_header(firm, from, sizeof(from));
		vl_mail_message(&msg, from, to, vl_buf_str(&parts.subject), msgid,
		    vl_buf_str(&parts.text), vl_buf_str(&parts.html));
		/* A link in this mail (an invitation) starts its hour now. */
		vl_account_mail_sending(kind, id);
		res = vl_mail_send(vl_conf.mail_from, to, &msg, &err);
	}
	record(owner, rows, n, res, kind, to, vl_buf_str(&err));
	vl_buf_release(&parts.subject);
	vl_buf_release(&parts.text);
	vl_buf_release(&parts.html);
	vl_buf_release(&msg);
	vl_buf_release(&err);
}

/* Claims up to BATCH due rows; returns how many (ids in out), -1 on error. */
static int
claim(struct vl_pool *pool, const char *owner, int64_t out[BATCH])
{
	struct vl_rows	*rows;
	int		 n = 0, i, got;

	if (vl_db_begin() != VL_OK)
		return -1;
	if (vl_db_query(pool, STMT_MAIL_CLAIM_SELECT, &rows, "") != VL_OK)
		goto fail;
	while (n < BATCH && (got = vl_db_next(rows, "i", &out[n])) > 0)
		n++;
	vl_db_rows_free(rows);
	for (i = 0; i < n; i++)
		if (vl_db_exec(STMT_MAIL_CLAIM_ONE, NULL, NULL, "sii", owner,
		    vl_conf.mail_lease, out[i]) != VL_OK)
			goto fail;
	if (vl_db_commit() != VL_OK)
		return -1;
	return n;
fail:
	vl_db_rollback();
	return -1;
}

int
main(int argc, char *argv[])
{
	struct vl_buf	 err = VL_BUF_INIT;
	struct vl_pool	*pool;
	struct sigaction sa;
	char		 owner[64], host[32], tok[44];
	int64_t		 ids[BATCH], done[BATCH], poll = 1;
	time_t		 last_purge = 0;
	int		 once = 0, c, n, i, j, ndone, skip;

	while ((c = getopt(argc, argv, "1i:")) != -1)
		switch (c) {
		case '1':
			once = 1;
			break;
		case 'i':
			if (vl_strtonum(optarg, 1, 3600, &poll) != VL_OK) {
				fprintf(stderr, "mailer: -i takes seconds from 1 to 3600\n");
				return 2;
			}
			break;
		default:
			fprintf(stderr, "usage: mailer [-1] [-i poll_seconds]\n");
			return 2;
		}
	vl_log_init("mailer", VL_LOG_INFO);
	if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return 1;
	if (vl_conf_load(NULL, &err) != VL_OK) {
		vl_err("configuration: %s", vl_buf_str(&err));
		return 1;
	}
	vl_log_init("mailer", (enum vl_log_level)vl_conf.log_level);
	vl_tpl_init(vl_conf.site_templates, vl_conf.templates);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: a sleep ends at once */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	gethostname(host, sizeof(host));
	host[sizeof(host) - 1] = '\0';
	vl_token_new(tok);
	snprintf(owner, sizeof(owner), "%s:%ld:%.8s", host, (long)getpid(), tok);
	pool = vl_pool_new();
	vl_info("mailer %s started", owner);

	while (!stopping) {
		vl_tpl_reload();
		n = claim(pool, owner, ids);
		ndone = 0;
		for (i = 0; i < n && !stopping; i++) {
			/* Rows already sent as part of a coalesced email. */
			for (skip = 0, j = 0; j < ndone; j++)
				if (done[j] == ids[i])
					skip = 1;
			if (!skip)
				deliver(pool, owner, ids[i], done, &ndone);
			vl_pool_reset(pool);
		}
		/* Stopping: give back what was claimed but not started. */
		for (; i < n; i++)
			(void)vl_db_exec(STMT_MAIL_RELEASE, NULL, NULL, "is", ids[i], owner);
		vl_pool_reset(pool);
		if (time(NULL) - last_purge > 600) {
			(void)vl_db_exec(STMT_SESS_PURGE, NULL, NULL, "ii",
			    vl_conf.session_idle, vl_conf.session_max);
			last_purge = time(NULL);
		}
		if (once && n <= 0)
			break;
		if (n <= 0 && !stopping)
			sleep((unsigned)poll);	/* idle, or the database is away */
	}
	vl_info("mailer %s stopped", owner);
	vl_pool_free(pool);
	vl_mail_shutdown();
	vl_db_close();
	vl_tpl_shutdown();
	curl_global_cleanup();
	return 0;
}
