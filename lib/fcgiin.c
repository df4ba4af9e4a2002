/*
 * A FastCGI request's body read straight from the connection (fcgiin.h).
 *
 * nginx sends a body as FCGI_STDIN records of up to 32 KiB, each an 8-byte
 * header, the content and up to 255 bytes of padding; an empty record ends
 * the body.  libfcgi reads 8 KiB at a time into its own buffer and copies
 * the content out: 12,800 reads for 100 MB.  Here the content of a record
 * goes straight into the caller's buffer with one readv(), the record's
 * padding and the next header into a small tail beside it: one read a
 * record, and no byte read past the next header, so nothing that follows
 * the body on the connection is taken from libfcgi.
 */
#include <errno.h>
#include <string.h>
#include <sys/uio.h>

#include <fastcgi.h>
#include <fcgiapp.h>

#include "fcgiin.h"

void
vl_fcgi_in_init(struct vl_fcgi_in *f, vl_readv_fn rdv, void *arg, unsigned reqid,
    const unsigned char *ready, size_t nready, const unsigned char *pend, size_t npend,
    uint32_t clen, uint32_t plen, int eof)
{
	memset(f, 0, sizeof(*f));
	f->rdv = rdv;
	f->arg = arg;
	f->reqid = reqid;
	/* (NULL + 0 is not C: empty slices stay NULL, NULL.) */
	if (nready > 0) {
		f->ready = ready;
		f->ready_end = ready + nready;
	}
	if (npend > 0) {
		f->pend = pend;
		f->pend_end = pend + npend;
	}
	f->clen = clen;
	f->plen = plen;
	f->eof = eof;
}

/* Parses padding and headers from pend until content follows; -1 on a
 * record that is not this request's FCGI_STDIN. */
static int
eat(struct vl_fcgi_in *f)
{
	size_t	 n, avail;

	while (f->pend < f->pend_end && f->clen == 0 && !f->eof) {
		avail = (size_t)(f->pend_end - f->pend);
		if (f->plen > 0) {
			n = f->plen < avail ? f->plen : avail;
			f->pend += n;
			f->plen -= (uint32_t)n;
			continue;
		}
		n = sizeof(f->hdr) - f->hlen;
		if (n > avail)
			n = avail;
		memcpy(f->hdr + f->hlen, f->pend, n);
		f->hlen += n;
		f->pend += n;
		if (f->hlen < sizeof(f->hdr))
			break;
		f->hlen = 0;
		/* nginx sends nothing else while a body arrives: any other
		 * record (another request, a management record) is refused. */
		if (f->hdr[0] != FCGI_VERSION_1 || f->hdr[1] != FCGI_STDIN ||
		    ((unsigned)f->hdr[2] << 8 | f->hdr[3]) != f->reqid)
			return -1;
		f->clen = (uint32_t)f->hdr[4] << 8 | f->hdr[5];
		f->plen = f->hdr[6];
		if (f->clen == 0)
			f->eof = 1;
	}
	return 0;
}

long
vl_fcgi_in_read(struct vl_fcgi_in *f, char *buf, size_t len)
{
	struct iovec	 iov[2];
	size_t		 n, want;
	long		 r;
	int		 cnt;

	if (len == 0)
		return 0;
	for (;;) {
		if (f->ready < f->ready_end) {
			n = (size_t)(f->ready_end - f->ready);
			if (n > len)
				n = len;
			memcpy(buf, f->ready, n);
			f->ready += n;
			return (long)n;
		}
		if (f->err)
			return -1;
		if (f->eof)
			return 0;
		if (f->pend < f->pend_end) {
			if (f->clen > 0) {
				/* Content already in memory. */
				n = (size_t)(f->pend_end - f->pend);
				if (n > f->clen)
					n = f->clen;
				f->ready = f->pend;
				f->ready_end = f->pend + n;
				f->pend += n;
				f->clen -= (uint32_t)n;
			} else if (eat(f) != 0) {
				f->err = 1;
				return -1;
			}
			continue;
		}
		if (f->clen > 0) {
			/* The content into buf; when it is the record's last,
			 * the padding and the next header into the tail. */
			want = len < f->clen ? len : f->clen;
			iov[0].iov_base = buf;
			iov[0].iov_len = want;
			cnt = 1;
			if (want == f->clen) {
				iov[1].iov_base = f->tail;
				iov[1].iov_len = f->plen + sizeof(f->hdr);
				cnt = 2;
			}
		} else {
			iov[0].iov_base = f->tail;
			iov[0].iov_len = f->plen + sizeof(f->hdr) - f->hlen;
			cnt = 1;
			want = 0;
		}
		do
			r = f->rdv(f->arg, iov, cnt);
		while (r < 0 && errno == EINTR);
		/* The connection's end before the body's is an error too. */
		if (r <= 0) {
			f->err = 1;
			return -1;
		}
		if (want > 0 && (size_t)r <= want) {
			f->clen -= (uint32_t)r;
			return r;
		}
		f->clen -= (uint32_t)want;
		f->pend = f->tail;
		f->pend_end = f->tail + ((size_t)r - want);
		if (want > 0)
			return (long)want;
	}
}

/*
 * libfcgi's stream state, which fcgiapp.h leaves opaque: the layout of
 * FCGX_Stream_Data in libfcgi 2.4 (fcgiapp.c), unchanged since 1996.  It
 * is read only to take the body over; vl_fcgi_in_take checks that what it
 * finds is consistent (the request it points back to, the stream's type,
 * the pointers inside the buffer) and declines otherwise, and
 * tests/unit/test_fcgiin.c checks it against the libfcgi the programs
 * are linked with.
 */
struct fcgx_stream_data {
	unsigned char	*buff;
	int		 bufflen;
	unsigned char	*mbuff;
	unsigned char	*buffstop;
	int		 type;
	int		 eorstop;
	int		 skip;
	int		 contentlen;
	int		 paddinglen;
	int		 isanythingwritten;
	int		 rawwrite;
	FCGX_Request	*req;
};

static long
fd_readv(void *arg, const struct iovec *iov, int iovcnt)
{
	return (long)readv(*(int *)arg, iov, iovcnt);
}

int
vl_fcgi_in_take(struct vl_fcgi_in *f, struct FCGX_Request *req)
{
	FCGX_Stream			*s = req->in;
	const struct fcgx_stream_data	*d;

	if (s == NULL || !s->isReader || s->FCGI_errno != 0 || s->data == NULL || req->ipcFd < 0)
		return -1;
	d = s->data;
	if (d->req != req || d->type != FCGI_STDIN || d->skip || d->eorstop ||
	    d->bufflen <= 0 || d->contentlen < 0 || d->paddinglen < 0 || d->paddinglen > 255 ||
	    d->contentlen > 65535 || d->buff == NULL || s->rdNext < d->buff ||
	    s->rdNext > s->stop || s->stop > d->buffstop || d->buffstop > d->buff + d->bufflen)
		return -1;
	/* Content left in the buffer and more of the record on the wire
	 * only when the buffer ends inside the record. */
	if (d->contentlen > 0 && s->stop != d->buffstop)
		return -1;
	vl_fcgi_in_init(f, fd_readv, &req->ipcFd, (unsigned)req->requestId,
	    s->rdNext, (size_t)(s->stop - s->rdNext), s->stop, (size_t)(d->buffstop - s->stop),
	    (uint32_t)d->contentlen, (uint32_t)d->paddinglen, s->isClosed);
	/* libfcgi's stream is spent: it reads nothing more. */
	s->rdNext = s->wrNext = s->stop = d->buffstop;
	s->isClosed = 1;
	return 0;
}

void
vl_fcgi_in_fail(struct FCGX_Request *req)
{
	if (req->in != NULL && req->in->FCGI_errno == 0)
		req->in->FCGI_errno = FCGX_PROTOCOL_ERROR;
}
