/* ld-record-queue.h - hand records from the reading thread to the analysing one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-log-reader.h"

G_BEGIN_DECLS

typedef struct _LdRecordQueue LdRecordQueue;

/* Works out a record's note (@note, note_size bytes) from the record
 * alone (and settings of @user_data's fixed before reading): the same
 * whichever thread calls it. */
typedef void (*LdRecordNoteFunc)   (const LdRecordInfo *info,
                                    const char         *text,
                                    gsize               len,
                                    gpointer            note,
                                    gpointer            user_data);

/* A record as LdRecordFunc has it, with its note. */
typedef void (*LdQueuedRecordFunc) (const LdRecordInfo *info,
                                    const char         *text,
                                    gsize               len,
                                    gconstpointer       note,
                                    gpointer            user_data);

LdRecordQueue *ld_record_queue_new          (LdQueuedRecordFunc   record_func,
                                             LdRecordNoteFunc     note_func,
                                             LdTraceFunc          trace_func,
                                             gsize                note_size,
                                             gpointer             user_data);
void           ld_record_queue_push_record  (LdRecordQueue       *self,
                                             const LdRecordInfo  *info,
                                             const char          *text,
                                             gsize                len);

/* Which thread works out the notes (for tests: the answers are the same). */
typedef enum
{
  LD_RECORD_NOTES_BALANCED,   /* the reading thread while it would wait, else the analysing one */
  LD_RECORD_NOTES_READER,
  LD_RECORD_NOTES_ANALYSER,
} LdRecordNotes;

void           ld_record_queue_set_notes    (LdRecordQueue       *self,
                                             LdRecordNotes        notes);
/* A step of work for a thread's waits: see ld_record_queue_set_reader_idle_func(). */
typedef gboolean (*LdQueueIdleFunc) (gpointer data);

void           ld_record_queue_set_reader_idle_func   (LdRecordQueue   *self,
                                                       LdQueueIdleFunc  func,
                                                       gpointer         data);
void           ld_record_queue_set_analyser_idle_func (LdRecordQueue   *self,
                                                       LdQueueIdleFunc  func,
                                                       gpointer         data);
void           ld_record_queue_push_trace   (LdRecordQueue       *self,
                                             guint64              line,
                                             gint64               time,
                                             const char          *level,
                                             const char          *text,
                                             gsize                len);
void           ld_record_queue_finish       (LdRecordQueue       *self);

G_END_DECLS
