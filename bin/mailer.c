/*
 * mailer: drains the notifications outbox a small batch at a time.  It
 * claims the next due emails (each a single row, or every row of one
 * recipient's coalesced window) in one transaction under a short lease
 * (mail_lease; several mailers may run), then for each: renders it from
 * templates, checks right before sending that its rows are still held
 * (renewing the lease once the batch is no longer young), sends it over one
 * SMTP connection kept from email to email, and records the outcome fenced
 * by the email's own lease owner.  A batch is sized so that it is sent well
 * inside the lease.  Failures retry with exponential backoff and jitter; after
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
/* Emails a batch: at most this many, and no more than a quarter of the
 * lease's worth at the pace of the last batch (a slow SMTP server makes
 * batches small, so emails do not wait out a lease behind a stalled one). */
#define BATCH_MAX		64
#define BATCH_FIRST		8

static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

/*
 * An email sent whose outcome is not written yet: it is written while the
 * next email goes out (MariaDB's flush of its log overlaps with the send),
 * and the statement reaches the server before that send begins, so a kill
 * still leaves at most one email sent but not recorded: the one in flight.
 */
struct outcome {
	const struct vl_outbox_mail *m;		/* NULL: none */
	enum vl_mail_result	 res;
	struct vl_buf		 err;
};

/* Starts writing o's outcome, if there is one: 1 when it is on its way. */
static int
outcome_start(const struct outcome *o)
{
	return o->m != NULL && vl_outbox_record_start(o->m, o->res, vl_buf_str(&o->err)) == VL_OK;
}

/* Waits for the outcome outcome_start sent (writing) and empties o. */
static void
outcome_end(struct outcome *o, int writing)
{
	if (writing)
		(void)vl_outbox_record_end();
	o->m = NULL;
	vl_buf_release(&o->err);
}

/* Writes o's outcome now, if there is one. */
static void
settle(struct outcome *o)
{
	outcome_end(o, outcome_start(o));
}

/*
 * Renders and sends one claimed email (one row, or a whole window as one
 * email); its outcome waits in last, and last's outcome before it is
 * written during the send.  Right before the send its rows must still be
 * held: rows lost to another mailer or cancelled mean not sent.
 */
static void
deliver(struct vl_pool *pool, const struct vl_outbox_batch *b, const struct vl_outbox_mail *m,
    struct outcome *last)
{
	struct vl_mail_parts parts = { VL_BUF_INIT, VL_BUF_INIT, VL_BUF_INIT };
	struct vl_buf	 err = VL_BUF_INIT;
	struct vl_mail_firm mf;
	struct vl_mail_msg msg;
	const char	**payloads;
	enum vl_mail_result res;
	enum vl_rc	 rc;
	size_t		 i;
	int		 writing;

	payloads = vl_pool_calloc(pool, m->n, sizeof(*payloads));
	for (i = 0; i < m->n; i++)
		payloads[i] = m->rows[i].payload;
	mf.name = m->firm;
	mf.logo = m->logo;
	if (vl_mail_render(pool, m->kind, payloads, m->n, &mf, &parts, &err) != VL_OK) {
		res = VL_MAIL_RETRY;	/* an admin can fix the template meanwhile */
		vl_err("notification %lld: %s", (long long)m->rows[0].id, vl_buf_str(&err));
		settle(last);	/* nothing to send: the last one's outcome now */
	} else if ((rc = vl_outbox_hold(pool, b, m)) != VL_OK) {
		vl_warn("notification %lld: %s; not sent", (long long)m->rows[0].id,
		    rc == VL_CONFLICT ? "no longer held (another mailer has it, or it was cancelled)" :
		    "lease not checked (database error)");
		vl_outbox_release(m);
		vl_buf_release(&err);
		goto out;
	} else {
		msg = (struct vl_mail_msg){ m->firm, vl_conf.mail_from, m->to,
		    vl_buf_str(&parts.subject), m->msgid, vl_buf_str(&parts.text),
		    vl_buf_str(&parts.html) };
		/* A link in this mail (an invitation: one row) starts its hour now. */
		vl_account_mail_sending(m->kind, m->rows[0].id);
		/* The last email's outcome on its way, then this one's send. */
		writing = outcome_start(last);
		res = vl_mail_send(&msg, &err);
		outcome_end(last, writing);
	}
	last->m = m;
	last->res = res;
	last->err = err;
out:
	vl_buf_release(&parts.subject);
	vl_buf_release(&parts.text);
	vl_buf_release(&parts.html);
}

/* Sends a claimed batch; on a stop, hands back what is left of it.  The
 * next batch's size: a quarter of the lease at this batch's pace. */
static size_t
send_batch(struct vl_pool *pool, const struct vl_outbox_batch *b)
{
	struct outcome	 last = { NULL, VL_MAIL_SENT, VL_BUF_INIT };
	int64_t		 per, quarter = vl_conf.mail_lease * 1000 / 4;
	size_t		 i, sent = 0;

	for (i = 0; i < b->n; i++) {
		if (stopping) {
			settle(&last);
			vl_outbox_release(&b->mails[i]);
			continue;
		}
		deliver(pool, b, &b->mails[i], &last);
		sent++;
	}
	settle(&last);
	if (sent == 0)
		return BATCH_FIRST;
	per = (vl_outbox_now_ms() - b->claimed_ms) / (int64_t)sent;
	if (per < 1)
		per = 1;
	if (quarter / per >= BATCH_MAX)
		return BATCH_MAX;
	return quarter / per < 1 ? 1 : (size_t)(quarter / per);
}

int
main(int argc, char *argv[])
{
	struct vl_buf	 err = VL_BUF_INIT;
	struct vl_pool	*pool;
	struct sigaction sa;
	char		 owner[64], host[32], tok[44];
	struct vl_outbox_batch b;
	uint64_t	 seq = 0;
	size_t		 batch = BATCH_FIRST;
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
	vl_db_nonblocking();	/* outcomes written while the next email goes out */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: a sleep ends at once */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	gethostname(host, sizeof(host));
	/* 20 characters of the host: the name, "/" and an email's number
	 * (up to 20 digits) fit the 64 of lease_owner. */
	host[20] = '\0';
	vl_token_new(tok);
	snprintf(owner, sizeof(owner), "%s:%ld:%.8s", host, (long)getpid(), tok);
	pool = vl_pool_new();
	vl_info("mailer %s started", owner);

	while (!stopping) {
		vl_tpl_reload();
		if ((rc = vl_outbox_claim(pool, owner, &seq, batch, &b)) == VL_OK)
			batch = send_batch(pool, &b);
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
