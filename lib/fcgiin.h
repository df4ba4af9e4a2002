/*
 * A FastCGI request's body (its FCGI_STDIN records) read straight from the
 * connection, for the programs that take uploads.  libfcgi reads the
 * connection 8 KiB at a time and copies each record's content out of its
 * buffer; this reader reads each record's content with one readv() into the
 * caller's buffer, with the record's padding and the next header beside
 * it, and never reads past the header that follows (docs/performance.md).
 */
#ifndef VL_FCGIIN_H
#define VL_FCGIIN_H

#include <stddef.h>
#include <stdint.h>

struct iovec;
struct FCGX_Request;

/* Reads like readv(2): the bytes read, 0 at the connection's end, -1. */
typedef long (*vl_readv_fn)(void *arg, const struct iovec *iov, int iovcnt);

struct vl_fcgi_in {
	vl_readv_fn		 rdv;
	void			*arg;
	unsigned		 reqid;
	/* Content bytes already in memory, handed out first. */
	const unsigned char	*ready, *ready_end;
	/* Protocol bytes in memory not parsed yet (after ready). */
	const unsigned char	*pend, *pend_end;
	uint32_t		 clen;	/* the current record's content still to come */
	uint32_t		 plen;	/* its padding still to skip */
	unsigned char		 hdr[8];
	size_t			 hlen;
	unsigned char		 tail[255 + 8];	/* padding and the next header */
	int			 eof, err;
};

/*
 * Starts a reader of request reqid: ready holds content bytes already
 * read, pend protocol bytes read but not parsed (both are used in place
 * and must outlive the reader), clen and plen what is left of the current
 * record on the wire; eof says the body's end was seen already.
 */
void	vl_fcgi_in_init(struct vl_fcgi_in *, vl_readv_fn, void *arg, unsigned reqid,
	    const unsigned char *ready, size_t nready, const unsigned char *pend, size_t npend,
	    uint32_t clen, uint32_t plen, int eof);

/* Up to len bytes of the body: how many, 0 at its end, -1 on an error
 * (the connection failed or ended early, or a record that is not this
 * request's FCGI_STDIN). */
long	vl_fcgi_in_read(struct vl_fcgi_in *, char *buf, size_t len);

/*
 * Takes the body of an accepted libfcgi request over: what libfcgi has
 * buffered is handed out first, the rest read from its connection.
 * Returns 0, or -1 when libfcgi's state is not one this reader knows
 * (then nothing changed and libfcgi's stream is read as before).  The
 * request's input stream reads nothing afterwards.
 */
int	vl_fcgi_in_take(struct vl_fcgi_in *, struct FCGX_Request *);

/* Marks req's input stream failed, so that libfcgi closes the
 * connection at the request's end. */
void	vl_fcgi_in_fail(struct FCGX_Request *);

#endif
