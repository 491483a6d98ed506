/* ld-read-ahead.h - a costly read function run ahead of its reader, on the pool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads up to @len bytes into @buf; returns 0 at the end, or 0 with
 * @error set. */
typedef gsize (*LdReadFunc) (gpointer   data,
                             char      *buf,
                             gsize      len,
                             GError   **error);

typedef struct _LdReadAhead LdReadAhead;

/* Who calls the read function (for tests) */
typedef enum
{
  LD_READ_AHEAD_PENDING,  /* nobody yet: no pool thread has taken the job */
  LD_READ_AHEAD_POOL,     /* a thread of the pool, ahead of the reader */
  LD_READ_AHEAD_READER,   /* the reader, on its own thread */
} LdReadAheadState;

LdReadAhead *ld_read_ahead_new  (LdReadFunc    func,
                                 gpointer      data,
                                 gsize         chunk_size);
gsize        ld_read_ahead_next (LdReadAhead  *self,
                                 const char  **bytes,
                                 GError      **error);
LdReadAheadState ld_read_ahead_get_state (LdReadAhead *self);
void         ld_read_ahead_free (LdReadAhead  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdReadAhead, ld_read_ahead_free)

G_END_DECLS
