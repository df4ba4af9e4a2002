/*
 * Changes to a firm user (admins only): POST /users/action with op (admin,
 * member: the role; deactivate, reactivate) and user.  Deactivating asks
 * first: GET /users/action?op=deactivate&user=N is the "Are you sure...?"
 * page, and changes nothing.  The firm keeps one active admin: the last
 * cannot be demoted or deactivated (409, saying so).  Another firm's user
 * is "not found".
 */
#include <string.h>

#include "vellum.h"
#include "staff.h"

enum field { F_OP, F_USER, FIELD__MAX };

static const struct vl_field fields[FIELD__MAX] = {
	{ "op", VL_V_LINE, 16 },
	{ "user", VL_V_ID, 20 },
};

static enum vl_rc
role_admin(struct vl_ctx *c, int64_t user)
{
	return vl_staff_set_role(c, user, "admin");
}

static enum vl_rc
role_member(struct vl_ctx *c, int64_t user)
{
	return vl_staff_set_role(c, user, "member");
}

static enum vl_rc
deactivate(struct vl_ctx *c, int64_t user)
{
	return vl_staff_set_active(c, user, 0);
}

static enum vl_rc
reactivate(struct vl_ctx *c, int64_t user)
{
	return vl_staff_set_active(c, user, 1);
}

/* The operations: name, the domain call, the notice a success shows. */
static const struct op {
	const char	*name;
	enum vl_rc	(*fn)(struct vl_ctx *, int64_t);
	const char	*notice;
} ops[] = {
	{ "admin", role_admin, "admin" },
	{ "member", role_member, "member" },
	{ "deactivate", deactivate, "deactivated" },
	{ "reactivate", reactivate, "reactivated" },
};

static const struct op *
op_of(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(ops[i].name, name) == 0)
			return &ops[i];
	return NULL;
}

/* The "Are you sure...?" page of a deactivation. */
static enum vl_rc
confirm(struct vl_req *r)
{
	struct vl_staff	 s;
	struct vl_tpl	*d;
	const char	*op = r->fields[F_OP].val, *f[5];
	enum vl_rc	 rc;

	if (op == NULL || strcmp(op, "deactivate") != 0 || r->fields[F_USER].val == NULL)
		return VL_DECLINED;
	if ((rc = vl_staff_get(r->ctx, r->fields[F_USER].num, &s)) != VL_OK)
		return rc;
	f[0] = "op", f[1] = "deactivate", f[2] = "user", f[3] = r->fields[F_USER].val, f[4] = NULL;
	d = vl_page_new(r, "Deactivate a user");
	vl_tpl_show(d, "OWN_PAGE");	/* no tabs: the question's title is the <h1> */
	return vl_page_confirm(r, d, &(struct vl_confirm){
	    .question = vl_pool_printf(r->pool, "Deactivate %s (%s)? Their sessions end at once "
		"and they can no longer sign in, until you reactivate them.", s.name, s.email),
	    .button = "Deactivate", .action = "/users/action", .back = "/users", .fields = f });
}

static enum vl_rc
post(struct vl_req *r)
{
	const struct op	*op = op_of(r->fields[F_OP].val);
	struct vl_tpl	*d;
	enum vl_rc	 rc;

	if (op == NULL || r->fields[F_USER].val == NULL)
		return VL_INVALID;
	rc = op->fn(r->ctx, r->fields[F_USER].num);
	if (rc == VL_CONFLICT) {
		d = vl_page_new(r, "Not changed");
		vl_tpl_show(d, "LAST_ADMIN");
		return vl_page_send_status(r, 409, "users_refused.tpl", d);
	}
	if (rc != VL_OK)
		return rc;
	/* A user who deactivated or demoted themselves has no page here now. */
	if (r->fields[F_USER].num == r->ctx->user_id && strcmp(op->name, "admin") != 0 &&
	    strcmp(op->name, "reactivate") != 0) {
		vl_out_redirect(r, strcmp(op->name, "deactivate") == 0 ? "/login" : "/matters");
		return VL_OK;
	}
	vl_out_redirect(r, vl_pool_printf(r->pool, "/users?notice=%s", op->notice));
	return VL_OK;
}

static const struct vl_app app = {
	.name = "users_action",
	.fields = fields,
	.nfields = FIELD__MAX,
	.access = VL_FIRM_ADMIN,
	.get = confirm,
	.post = post,
};

int
main(void)
{
	return vl_run(&app);
}
