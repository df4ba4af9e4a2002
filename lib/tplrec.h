/*
 * A page's dictionary as the calls that built it (lib/tplrec.c), replayed
 * into ctemplate only when the page is expanded (lib/tpl.cc).  Since the
 * output is the templates' expansion of exactly these calls, a digest of
 * them names the page: lib/pagememo.c keeps pages by it.
 *
 * The log is a sequence of records, each an operation byte, the node it
 * acts on (four bytes, the root is 0; a SECTION or INCLUDE makes the next
 * node), a name ending in NUL and, for SET, a four-byte length and the
 * value's bytes, for INCLUDE the file's name ending in NUL.  Names never
 * hold a NUL, so the log reads back one way only.
 */
#ifndef VL_TPLREC_H
#define VL_TPLREC_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

enum vl_tpl_op { VL_TOP_SET = 1, VL_TOP_SECTION, VL_TOP_SHOW, VL_TOP_INCLUDE };

struct vl_tpl_log {
	struct vl_pool	*pool;
	struct vl_buf	 log;
	uint32_t	 nodes;		/* made so far, the root included */
	/* Each include's file name again, each ending in NUL, in the order
	 * recorded: what vl_tpl_includes gives without reading the log. */
	struct vl_buf	 includes;
	/* ctemplate's dictionaries replayed from the log (lib/tpl.cc), and
	 * the log's length then: rebuilt when it grew since. */
	void		*built;
	size_t		 built_len;
	void		(*built_free)(void *);
};

struct vl_tpl {
	struct vl_tpl_log	*log;
	uint32_t		 node;
};

/* The digest of what t's expansion of file gives, bar the templates'
 * own text: t's node, file, strip and every record. */
void	 vl_tpl_digest(const struct vl_tpl *t, const char *file, enum vl_tpl_strip,
	    unsigned char out[32]);
/* Each include's file name in the order recorded. */
void	 vl_tpl_includes(const struct vl_tpl *t, void (*fn)(const char *file, void *arg),
	    void *arg);

#ifdef __cplusplus
}
#endif

#endif
