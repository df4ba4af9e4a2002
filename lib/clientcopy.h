/* A FastCGI process's copies of the client's page's head: lib/clientcopy.c. */
#ifndef VL_CLIENTCOPY_H
#define VL_CLIENTCOPY_H

#include "vellum.h"
#include "msgpage.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A matter of the client's switcher with its portal and permissions
 * (MSGPAGE_PERMS' bits). */
struct vl_client_matter {
	struct vl_msgpage_matter	 m;
	int64_t				 portal, bits;
};

/* The stamps a copy is kept under, as MSGPAGE_CLIENT_CHECK reads them. */
struct vl_client_stamps {
	int64_t		 facts, clients, matters;
};

/* 1 when this process keeps s->firm_id's s->contact_id's head under st
 * (none of them 0): the session's columns into s and the switcher into
 * *list (pool); else 0. */
int	 vl_client_copy_get(struct vl_pool *pool, struct vl_sess *s,
	    const struct vl_client_stamps *st, struct vl_client_matter **list, size_t *n);
/* Keeps s's columns and the switcher under st (a 0 stamp keeps nothing). */
void	 vl_client_copy_put(const struct vl_sess *s, const struct vl_client_stamps *st,
	    const struct vl_client_matter *list, size_t n);
/* Drops every copy (tests). */
void	 vl_client_copy_forget(void);

#ifdef __cplusplus
}
#endif

#endif
