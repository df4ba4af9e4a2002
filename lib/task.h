/*
 * Tasks of a matter (SPEC F-A8, F-B11): title, description, due day,
 * assignee (a firm user), priority, done or open; shared into the portal
 * through lib/rshare.c ("Share via client portal"), and marked done by a
 * client where the firm allows it on that task.  See docs/architecture.md.
 */
#ifndef VL_TASK_H
#define VL_TASK_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"
#include "fielderr.h"
#include "portal.h"

#define VL_TASK_TITLE_MAX	200	/* bytes */
#define VL_TASK_DESC_MAX	4000	/* bytes */

/* Priorities; the names are the stored ones and the form's. */
enum vl_task_prio { VL_PRIO_LOW, VL_PRIO_NORMAL, VL_PRIO_HIGH, VL_PRIO__MAX };
extern const char *const vl_task_prios[VL_PRIO__MAX];
/* The priority named name, or VL_PRIO__MAX. */
enum vl_task_prio vl_task_prio_of(const char *name);

/* The due filters of the lists; the names are the URL's (VL_DUE_ANY is ""). */
enum vl_task_due { VL_DUE_ANY, VL_DUE_OVERDUE, VL_DUE_WEEK, VL_DUE_LATER, VL_DUE__MAX };
extern const char *const vl_task_dues[VL_DUE__MAX];
/* The filter named name (NULL or "" is VL_DUE_ANY), or VL_DUE__MAX. */
enum vl_task_due vl_task_due_of(const char *name);
/*
 * The days filter d covers when today is the day today ("YYYY-MM-DD"), as
 * the first and last day into from and to: overdue is before today, this
 * week from today to the week's Sunday (weeks start on Monday), later
 * after that Sunday.  1, or 0 for an invalid today or d (VL_DUE_ANY has
 * no range: 0).  Pure.
 */
int	 vl_task_due_range(enum vl_task_due d, const char *today, char from[11], char to[11]);

/* A task as typed in the form (strings may be NULL: missing). */
struct vl_task_in {
	const char	*title, *description, *due, *priority;
	int64_t		 assignee;	/* a user of the firm, or 0: nobody */
	int		 share;		/* "Share via client portal" */
	int		 client_done;	/* "Client may mark it done" */
};
/*
 * Adds (id 0) or changes task id of matter, and shares or unshares it as
 * in->share says, in one transaction with its audit row.  VL_OK with *out;
 * VL_INVALID with fe filled (title_missing, title_long, description_long,
 * due_invalid, priority_invalid, share_no_portal); VL_DECLINED for no
 * such matter or task, or an assignee not a user of the firm; VL_ERR.
 */
enum vl_rc vl_task_save(struct vl_ctx *, int64_t matter, int64_t id, const struct vl_task_in *,
	    int64_t *out, struct vl_ferr *fe);
/* Marks task id of matter done (done 1) by the acting firm user, or open
 * again (0).  *changed 0 when it was so already.  VL_OK, VL_DECLINED, VL_ERR. */
enum vl_rc vl_task_set_done(struct vl_ctx *, int64_t matter, int64_t id, int done, int *changed);
/* Deletes task id of matter, ending its share first.  VL_OK, VL_DECLINED, VL_ERR. */
enum vl_rc vl_task_delete(struct vl_ctx *, int64_t matter, int64_t id);

/* A task as stored: due and done_at epoch seconds (due -1: none; done_at
 * 0: open); strings in the pool. */
struct vl_task {
	int64_t	 id, matter, due, assignee, done_at;
	char	*title, *description, *priority, *assignee_name, *done_by, *matter_number;
	int	 client_may_done, done_by_client;
};
/* Task id of matter of the acting firm.  VL_OK, VL_DECLINED, VL_ERR. */
enum vl_rc vl_task_get(struct vl_ctx *, int64_t matter, int64_t id, struct vl_task *);

/* The open/done/all, assignee and due filters of a matter's list. */
struct vl_task_filter {
	const char	*show;		/* "open" (NULL, ""), "done", "all" */
	int64_t		 assignee;	/* 0: anyone */
	const char	*due;		/* vl_task_dues */
	int64_t		 page;
};
/* A page of the matter's tasks passing f (open first, by due day); *more
 * says a next page exists.  VL_OK; VL_INVALID for a filter that is not
 * one; VL_ERR. */
enum vl_rc vl_task_find(struct vl_ctx *, int64_t matter, const struct vl_task_filter *f,
	    struct vl_task **rows, size_t *n, int *more);
/* A page of the open tasks assigned to the acting firm user across the
 * firm's matters, due filter due.  As vl_task_find. */
enum vl_rc vl_task_mine(struct vl_ctx *, const char *due, int64_t page, struct vl_task **rows,
	    size_t *n, int *more);

/*
 * The client side.  vl_task_client_list: a page of the tasks of portal p
 * shared live with it (the caller got p from vl_portal_of_client and
 * checked the Tasks permission).  VL_OK or VL_ERR.
 */
enum vl_rc vl_task_client_list(struct vl_ctx *, const struct vl_client_portal *p, int64_t page,
	    struct vl_task **rows, size_t *n, int *more);
/* The acting client read the page listing rows (read: the client's own
 * navigation): each task's read receipt, the first an event for the firm. */
enum vl_rc vl_task_client_read(struct vl_ctx *, const struct vl_client_portal *p,
	    const struct vl_task *rows, size_t n, int read);
/*
 * The acting client marks task id of matter done: VL_OK (also when it was
 * done already: *changed 0); VL_DECLINED when the client may not open it
 * (vl_rshare_client_may); VL_FORBIDDEN when the firm does not let clients
 * mark this task done.  The firm's users of the portal are told (coalesced
 * mail) and the change audited, in one transaction.
 */
enum vl_rc vl_task_client_done(struct vl_ctx *, int64_t matter, int64_t id, int *changed);

#endif
