/*
 * mailer: drains the notifications outbox, one email at a time.  It claims
 * the next due email (a single row, or every row of one recipient's
 * coalesced window) under a short lease (mail_lease; several mailers may
 * run), renders it from templates, renews the lease right before sending it
 * over SMTP with libcurl, and records the outcome fenced by lease owner and
 * attempt number.  Failures retry with exponential backoff and jitter; after
 * mail_max_attempts, or on a permanent SMTP refusal, the rows are parked
 * ("dead") for an admin to see.  Every few minutes it does the portal's
 * housekeeping (vl_housekeeping).
 * SIGTERM or SIGINT: the current email is finished, then the mailer exits.
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
#include "internal.h"
#include "account.h"
#include "housekeep.h"

/* Housekeeping runs this often (seconds), and once at start. */
#define HOUSEKEEPING_EVERY	300

static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

/*
 * Renders and sends one claimed email (one row, or a whole window as one
 * email), then records the outcome.  The lease is renewed right before the
 * send; a lease lost by then means another mailer has the rows: not sent.
 */
static void
deliver(struct vl_pool *pool, const char *owner, const struct vl_outbox_mail *m)
{
	struct vl_mail_parts parts = { VL_BUF_INIT, VL_BUF_INIT, VL_BUF_INIT };
	struct vl_buf	 err = VL_BUF_INIT;
	struct vl_mail_firm mf;
	struct vl_mail_msg msg;
	const char	**payloads;
	enum vl_mail_result res;
	enum vl_rc	 rc;
	size_t		 i;

	payloads = vl_pool_calloc(pool, m->n, sizeof(*payloads));
	for (i = 0; i < m->n; i++)
		payloads[i] = m->rows[i].payload;
	mf.name = m->firm;
	mf.logo = m->logo;
	if (vl_mail_render(pool, m->kind, payloads, m->n, &mf, &parts, &err) != VL_OK) {
		res = VL_MAIL_RETRY;	/* an admin can fix the template meanwhile */
		vl_err("notification %lld: %s", (long long)m->rows[0].id, vl_buf_str(&err));
	} else if ((rc = vl_outbox_renew(m, owner)) != VL_OK) {
		vl_warn("notification %lld: %s; not sent", (long long)m->rows[0].id,
		    rc == VL_CONFLICT ? "lease lost to another mailer" :
		    "lease not renewed (database error)");
		vl_outbox_release(m, owner);
		goto out;
	} else {
		msg = (struct vl_mail_msg){ m->firm, vl_conf.mail_from, m->to,
		    vl_buf_str(&parts.subject), m->msgid, vl_buf_str(&parts.text),
		    vl_buf_str(&parts.html) };
		/* A link in this mail (an invitation: one row) starts its hour now. */
		vl_account_mail_sending(m->kind, m->rows[0].id);
		res = vl_mail_send(&msg, &err);
	}
	(void)vl_outbox_record(m, owner, res, vl_buf_str(&err));
out:
	vl_buf_release(&parts.subject);
	vl_buf_release(&parts.text);
	vl_buf_release(&parts.html);
	vl_buf_release(&err);
}

int
main(int argc, char *argv[])
{
	struct vl_buf	 err = VL_BUF_INIT;
	struct vl_pool	*pool;
	struct sigaction sa;
	char		 owner[64], host[32], tok[44];
	struct vl_outbox_mail m;
	int64_t		 poll = 1;
	time_t		 last_housekeeping = 0;
	enum vl_rc	 rc;
	int		 once = 0, c;

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
		/* One email at a time: a lease covers one send, never a batch. */
		if ((rc = vl_outbox_claim(pool, owner, &m)) == VL_OK)
			deliver(pool, owner, &m);
		vl_pool_reset(pool);
		if (time(NULL) - last_housekeeping >= HOUSEKEEPING_EVERY) {
			vl_housekeeping(pool);
			vl_pool_reset(pool);
			last_housekeeping = time(NULL);
		}
		if (once && rc != VL_OK)
			break;
		if (rc != VL_OK && !stopping)
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
