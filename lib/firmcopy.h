/* A FastCGI process's copies of the firm's portal page's head and panels:
 * lib/firmcopy.c. */
#ifndef VL_FIRMCOPY_H
#define VL_FIRMCOPY_H

#include "vellum.h"
#include "msgpage.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 1 when this process keeps user's view of firm's matter under st (none of
 * its stamps 0): the head and the panels into *h (pool), the rest of *h
 * as it was; else 0 and *h untouched. */
int	 vl_firm_copy_get(struct vl_pool *pool, int64_t firm, int64_t user, int64_t matter,
	    const struct vl_firm_stamps *st, struct vl_msgpage_firm *h);
/* Keeps h's head and panels for firm's user under h->st (a 0 stamp, a
 * portal stamp not h's portal's, or a copy over the size a copy may take,
 * keeps nothing); drops the copies naming another portal for h's matter. */
void	 vl_firm_copy_put(int64_t firm, int64_t user, const struct vl_msgpage_firm *h);
/* The portal of a copy of matter, whoever's (0: none kept). */
int64_t	 vl_firm_copy_portal(int64_t matter);
/* Matter's portal is portal (0: none) as a full statement read it: drops
 * the copies naming another (its portal removed, and another opened, by
 * hand), which would name theirs to every check. */
void	 vl_firm_copy_portal_is(int64_t matter, int64_t portal);
/* Drops every copy (tests). */
void	 vl_firm_copy_forget(void);

#ifdef __cplusplus
}
#endif

#endif
