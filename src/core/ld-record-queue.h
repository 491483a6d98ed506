/* ld-record-queue.h - hand records from the reading thread to the analysing one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-log-reader.h"

G_BEGIN_DECLS

typedef struct _LdRecordQueue LdRecordQueue;

/* A record as LdRecordFunc has it, with the note pushed with it (or NULL). */
typedef void (*LdQueuedRecordFunc) (const LdRecordInfo *info,
                                    const char         *text,
                                    gsize               len,
                                    gconstpointer       note,
                                    gpointer            user_data);

LdRecordQueue *ld_record_queue_new          (LdQueuedRecordFunc   record_func,
                                             LdTraceFunc          trace_func,
                                             gsize                note_size,
                                             gpointer             user_data);
void           ld_record_queue_push_record  (LdRecordQueue       *self,
                                             const LdRecordInfo  *info,
                                             const char          *text,
                                             gsize                len,
                                             gconstpointer        note);
void           ld_record_queue_push_trace   (LdRecordQueue       *self,
                                             guint64              line,
                                             gint64               time,
                                             const char          *level,
                                             const char          *text,
                                             gsize                len);
void           ld_record_queue_finish       (LdRecordQueue       *self);

G_END_DECLS
