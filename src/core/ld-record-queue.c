/* ld-record-queue.c - hand records from the reading thread to the analysing one
 *
 * Reading a large log is two jobs of about the same size: cutting the
 * bytes into lines and records (the log reader), and parsing and keeping
 * the SIP messages in them (the analysis). On two cores they can overlap.
 * The reading thread copies each record into a batch; a full batch goes
 * to a thread of the pool (ld-parallel.c), which hands its records, in
 * order, to the record callback. A fixed number of batches goes round
 * between the two, so memory stays bounded and the reader waits when the
 * analysis falls behind.
 *
 * Each record also gets a note of a fixed size that its user works out
 * from the record alone (a peek at its SIP message). Either thread may
 * make it, so it is made by the one with time to spare: the reading
 * thread notes a batch's records while the analysing one has every other
 * batch (it would otherwise wait for one), the analysing thread the rest.
 * Which one the log's mix and the analysis's flags make the busier
 * varies: on a conference-heavy log the reader is, with the message
 * browser's every message kept the analyser may be.
 *
 * Work that a thread may do while it would wait for the other can be
 * given to either (ld_record_queue_set_reader_idle_func(),
 * ld_record_queue_set_analyser_idle_func()). It is done in steps, the
 * queue looked at between them; with the reading thread's, enough batches
 * are queued that the analysing thread does not run dry during a step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-record-queue"

#include "config.h"

#include <string.h>

#include "ld-parallel.h"
#include "ld-record-queue.h"

/* Big enough that handing over costs nothing next to the work in a batch,
 * small enough that the two threads start overlapping at once. */
#define BATCH_BYTES (256 * 1024)
#define N_BATCHES   4
/* With an idle function: a step of its work takes up to a few
 * milliseconds, a batch about half of one to analyse. */
#define N_BATCHES_IDLE 16
#define NO_STRING   G_MAXSIZE

typedef enum
{
  ENTRY_RECORD,
  ENTRY_TRACE,
} EntryKind;

typedef struct
{
  EntryKind    kind;
  LdDirection  direction;
  LdLogFormat  format;
  guint        unterminated : 1;
  guint        truncated : 1;
  guint        previous_input : 1;
  guint        joined : 1;
  guint        cut_at_end : 1;
  guint64      line;
  gint64       time;
  gsize        text;     /* offsets into the batch's data */
  gsize        text_len;
  gsize        remote;   /* or NO_STRING */
  gsize        local;    /* or NO_STRING */
  gsize        level;    /* traces only */
  gsize        note;     /* records only: the note's offset, or NO_STRING: not made */
  guint64      file_offset;
  guint32      file_length;
} Entry;

typedef struct
{
  GArray   *entries;  /* Entry */
  GString  *data;     /* each string followed by a NUL */
  gboolean  last;
} Batch;

struct _LdRecordQueue
{
  LdQueuedRecordFunc  record_func;
  LdRecordNoteFunc    note_func;
  LdTraceFunc         trace_func;
  gsize               note_size;
  gpointer            user_data;
  GAsyncQueue  *full;   /* reading thread -> analysing thread */
  GAsyncQueue  *empty;  /* and back */
  Batch        *cur;    /* being filled by the reading thread */
  LdRecordNotes notes;
  gboolean      reader_notes;  /* the reading thread notes cur's records */
  gpointer      note;          /* the analysing thread's note, note_size bytes */
  guint         n_batches;
  LdQueueIdleFunc idle_func;      /* the reading thread's */
  gpointer      idle_data;
  gpointer      analyser_idle;  /* (atomic) an LdQueueIdleFunc, set after its data */
  gpointer      analyser_data;  /* (atomic) */
};

static Batch *
batch_new (void)
{
  Batch *b = g_new0 (Batch, 1);

  b->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), 1024);
  b->data = g_string_sized_new (BATCH_BYTES + 64 * 1024);
  return b;
}

static void
batch_free (Batch *b)
{
  g_array_unref (b->entries);
  g_string_free (b->data, TRUE);
  g_free (b);
}

static gsize
batch_add_string (Batch      *b,
                  const char *s,
                  gsize       len)
{
  gsize at = b->data->len;

  g_string_append_len (b->data, s, len);
  g_string_append_c (b->data, '\0');
  return at;
}

static gsize
batch_add_nullable (Batch      *b,
                    const char *s)
{
  return s != NULL ? batch_add_string (b, s, strlen (s)) : NO_STRING;
}

/* Room for a note of @size bytes at an offset aligned for any struct. */
static gsize
batch_add_note_room (Batch *b,
                     gsize  size)
{
  gsize at = (b->data->len + 15) & ~(gsize) 15;

  g_string_set_size (b->data, at + size);
  return at;
}

static const char *
batch_string (const Batch *b,
              gsize        at)
{
  return at == NO_STRING ? NULL : b->data->str + at;
}

static void
replay (LdRecordQueue *self,
        Batch         *b)
{
  for (guint i = 0; i < b->entries->len; i++)
    {
      const Entry *e = &g_array_index (b->entries, Entry, i);

      if (e->kind == ENTRY_RECORD)
        {
          LdRecordInfo info = {
            .line = e->line,
            .time = e->time,
            .direction = e->direction,
            .remote = batch_string (b, e->remote),
            .local = batch_string (b, e->local),
            .unterminated = e->unterminated,
            .truncated = e->truncated,
            .format = e->format,
            .previous_input = e->previous_input,
            .joined = e->joined,
            .cut_at_end = e->cut_at_end,
            .file_offset = e->file_offset,
            .file_length = e->file_length,
          };
          const char *text = b->data->str + e->text;
          gconstpointer note;

          if (e->note != NO_STRING)
            note = b->data->str + e->note;
          else
            {
              self->note_func (&info, text, e->text_len, self->note, self->user_data);
              note = self->note;
            }
          self->record_func (&info, text, e->text_len, note, self->user_data);
        }
      else
        self->trace_func (e->line, e->time, batch_string (b, e->level), b->data->str + e->text,
                          e->text_len, self->user_data);
    }
}

/* In a thread of the pool, until the last batch: handing that back is how
 * ld_record_queue_finish() learns that this is done. The queue it is
 * handed back on is this job's own reference, let go after, so that the
 * reading thread may free everything else once it has every batch back. */
static gpointer
analysing_job (gpointer data)
{
  LdRecordQueue *self = data;
  GAsyncQueue *full = self->full;
  GAsyncQueue *empty = g_async_queue_ref (self->empty);

  for (;;)
    {
      Batch *b = g_async_queue_try_pop (full);
      LdQueueIdleFunc idle = (LdQueueIdleFunc) g_atomic_pointer_get (&self->analyser_idle);
      gboolean last;

      while (b == NULL && idle != NULL && idle (g_atomic_pointer_get (&self->analyser_data)))
        b = g_async_queue_try_pop (full);
      if (b == NULL)
        b = g_async_queue_pop (full);
      last = b->last;

      replay (self, b);
      g_array_set_size (b->entries, 0);
      g_string_truncate (b->data, 0);
      b->last = FALSE;
      g_async_queue_push (empty, b);
      if (last)
        break;
    }
  g_async_queue_unref (empty);
  return NULL;
}

/**
 * ld_record_queue_new:
 * @record_func: called in the analysing thread for each record, with its note
 * @note_func: makes a record's note, in either thread (see above)
 * @trace_func: called there for each trace line
 * @note_size: the size of a record's note
 *
 * Starts analysing on a thread of the pool. Everything pushed is
 * delivered, in the order pushed, before ld_record_queue_finish() returns.
 *
 * Returns: (transfer full): the queue; end it with ld_record_queue_finish()
 */
LdRecordQueue *
ld_record_queue_new (LdQueuedRecordFunc record_func,
                     LdRecordNoteFunc   note_func,
                     LdTraceFunc        trace_func,
                     gsize              note_size,
                     gpointer           user_data)
{
  LdRecordQueue *self = g_new0 (LdRecordQueue, 1);

  self->record_func = record_func;
  self->note_func = note_func;
  self->trace_func = trace_func;
  self->note = g_malloc0 (MAX (note_size, 1));
  self->note_size = note_size;
  self->user_data = user_data;
  self->full = g_async_queue_new ();
  self->empty = g_async_queue_new ();
  self->cur = batch_new ();
  self->n_batches = N_BATCHES;
  for (guint i = 1; i < N_BATCHES; i++)
    g_async_queue_push (self->empty, batch_new ());
  _ld_parallel_run (analysing_job, self);
  return self;
}

/**
 * ld_record_queue_set_reader_idle_func:
 * @func: a step of work for the reading thread, %FALSE when there is
 *   none left for now
 *
 * Has the reading thread call @func while it would wait for the
 * analysing one, until the queue is finished. Called by the reading
 * thread, before the second record.
 */
void
ld_record_queue_set_reader_idle_func (LdRecordQueue   *self,
                                      LdQueueIdleFunc  func,
                                      gpointer         data)
{
  self->idle_func = func;
  self->idle_data = data;
  for (; self->n_batches < N_BATCHES_IDLE; self->n_batches++)
    g_async_queue_push (self->empty, batch_new ());
}

/**
 * ld_record_queue_set_analyser_idle_func:
 * @func: a step of work for the analysing thread (called there, between
 *   two batches), %FALSE when there is none left for now
 *
 * Has the analysing thread call @func while it would wait for the reading
 * one, until the queue is finished. Called by the reading thread.
 */
void
ld_record_queue_set_analyser_idle_func (LdRecordQueue   *self,
                                        LdQueueIdleFunc  func,
                                        gpointer         data)
{
  g_atomic_pointer_set (&self->analyser_data, data);
  g_atomic_pointer_set (&self->analyser_idle, (gpointer) func);
}

/**
 * ld_record_queue_set_notes:
 * @notes: which thread makes the records' notes from now on
 *
 * For tests: whichever does, the analysis gets the same notes.
 */
void
ld_record_queue_set_notes (LdRecordQueue *self,
                           LdRecordNotes  notes)
{
  self->notes = notes;
  self->reader_notes = notes == LD_RECORD_NOTES_READER;
}

static void
maybe_hand_over (LdRecordQueue *self)
{
  Batch *next;

  if (self->cur->data->len < BATCH_BYTES)
    return;
  g_async_queue_push (self->full, self->cur);
  /* When the analysing thread has every other batch, the reading thread
   * would only wait: it notes the next batch's records itself. When an
   * empty batch is there at once, the analysing thread has time to
   * spare: it notes them. */
  next = g_async_queue_try_pop (self->empty);
  if (self->notes == LD_RECORD_NOTES_BALANCED)
    self->reader_notes = next == NULL;
  while (next == NULL && self->idle_func != NULL && self->idle_func (self->idle_data))
    next = g_async_queue_try_pop (self->empty);
  if (next == NULL)
    next = g_async_queue_pop (self->empty);
  self->cur = next;
}

/**
 * ld_record_queue_push_record:
 *
 * Copies the record into the batch being filled (its note made here, or
 * in the analysing thread: a pointer in a note would point into the
 * record's text as the reader has it, not as the record callback gets it).
 */
void
ld_record_queue_push_record (LdRecordQueue      *self,
                             const LdRecordInfo *info,
                             const char         *text,
                             gsize               len)
{
  Batch *b = self->cur;
  Entry e = {
    .kind = ENTRY_RECORD,
    .direction = info->direction,
    .format = info->format,
    .unterminated = info->unterminated != FALSE,
    .truncated = info->truncated != FALSE,
    .previous_input = info->previous_input != FALSE,
    .joined = info->joined != FALSE,
    .cut_at_end = info->cut_at_end != FALSE,
    .line = info->line,
    .time = info->time,
    .level = NO_STRING,
    .note = NO_STRING,
    .file_offset = info->file_offset,
    .file_length = info->file_length,
  };

  e.remote = batch_add_nullable (b, info->remote);
  e.local = batch_add_nullable (b, info->local);
  e.text = batch_add_string (b, text, len);
  e.text_len = len;
  if (self->reader_notes)
    {
      e.note = batch_add_note_room (b, self->note_size);
      self->note_func (info, text, len, b->data->str + e.note, self->user_data);
    }
  g_array_append_val (b->entries, e);
  maybe_hand_over (self);
}

void
ld_record_queue_push_trace (LdRecordQueue *self,
                            guint64        line,
                            gint64         time,
                            const char    *level,
                            const char    *text,
                            gsize          len)
{
  Batch *b = self->cur;
  Entry e = {
    .kind = ENTRY_TRACE,
    .line = line,
    .time = time,
    .remote = NO_STRING,
    .local = NO_STRING,
    .note = NO_STRING,
  };

  e.level = batch_add_nullable (b, level);
  e.text = batch_add_string (b, text, len);
  e.text_len = len;
  g_array_append_val (b->entries, e);
  maybe_hand_over (self);
}

/**
 * ld_record_queue_finish:
 *
 * Delivers what is still queued, waits until every batch is back (the
 * last one once it is analysed) and frees the queue. Called by the
 * thread that created it.
 */
void
ld_record_queue_finish (LdRecordQueue *self)
{
  if (self == NULL)
    return;
  self->cur->last = TRUE;
  g_async_queue_push (self->full, g_steal_pointer (&self->cur));
  for (guint i = 0; i < self->n_batches; i++)
    batch_free (g_async_queue_pop (self->empty));
  g_async_queue_unref (self->full);
  g_async_queue_unref (self->empty);
  g_free (self->note);
  g_free (self);
}
