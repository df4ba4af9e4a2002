/*
 * A small ustar (POSIX.1-1988) writer and reader: regular files only, names
 * up to 99 bytes, sizes below 8 GiB.  Enough for a firm's export archive,
 * which `tar tf` and `tar xf` read as well.
 */
#ifndef VL_TAR_H
#define VL_TAR_H

#include <stdio.h>

#include "vellum.h"

#define VL_TAR_MAXSIZE	((uint64_t)077777777777)	/* 11 octal digits */

/* Appends file name of len bytes from mem.  VL_OK; VL_INVALID for a name
 * or size the format cannot hold; VL_ERR on a write error. */
enum vl_rc vl_tar_add_mem(FILE *, const char *name, const void *mem, size_t len);
/* Appends the file at path as name.  Same returns; VL_DECLINED if path
 * cannot be read. */
enum vl_rc vl_tar_add_file(FILE *, const char *name, const char *path);
/* Ends the archive (two zero blocks).  VL_OK or VL_ERR. */
enum vl_rc vl_tar_end(FILE *);

struct vl_tar_entry {
	char		 name[100];
	uint64_t	 size;
};
/* Reads the next header.  1: an entry (its data follows); 0: the end;
 * -1: not a ustar header of a regular file (bad checksum, magic, type,
 * name or size), or a short read. */
int	 vl_tar_next(FILE *, struct vl_tar_entry *);
/* Reads the entry's data (and padding) into a malloc'd, NUL-terminated
 * buffer that the caller frees.  VL_TOOBIG above max bytes (nothing read),
 * VL_ERR on a short read. */
enum vl_rc vl_tar_read(FILE *, const struct vl_tar_entry *, size_t max, char **out);
/* Copies the entry's data to to (and skips the padding).  VL_OK or VL_ERR. */
enum vl_rc vl_tar_copy(FILE *, const struct vl_tar_entry *, FILE *to);
/* Skips the entry's data and padding.  VL_OK or VL_ERR. */
enum vl_rc vl_tar_skip(FILE *, const struct vl_tar_entry *);

#endif
