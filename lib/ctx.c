/*
 * The context of a domain call: the pool, who acts (a firm user, a client
 * contact, or neither) for which firm, from where, and the request's id.
 * The front door fills one a request from the session; the mailer, the
 * command line and the tests fill their own.
 */
#include "vellum.h"

void
vl_ctx_init(struct vl_ctx *c, struct vl_pool *pool, int64_t firm, int64_t user, int64_t contact,
    const char *remote)
{
	c->pool = pool;
	c->firm_id = firm;
	c->user_id = user;
	c->contact_id = contact;
	c->name = "";
	c->remote = remote != NULL ? remote : "-";
	c->id = "";
	c->zone = NULL;
	c->users_stamp = 0;
	c->matters_stamp = 0;
	c->join = NULL;
}
