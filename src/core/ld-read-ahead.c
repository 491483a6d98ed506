/* ld-read-ahead.c - a costly read function run ahead of its reader, on the pool
 *
 * Inflating a zip member and checking its CRC costs about as much as
 * reading the log in it: on two processors, reading a zip took the time
 * of both, one after the other, on the reading thread. A read-ahead runs
 * the read function on a thread of the pool (ld-parallel.c), into a few
 * chunks that go round between it and the reader, so that the next chunk
 * is inflated while the reader cuts and analyses this one.
 *
 * The reader never waits for the pool to have a thread: when none has
 * taken the job after a moment (they are busy with another analysis), the
 * reader calls the read function itself, for the rest of the input. The
 * read function is only ever called by one thread at a time, in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-read-ahead"

#include "config.h"

#include "ld-parallel.h"
#include "ld-read-ahead.h"

/* Enough for the job to keep ahead while the reader works through one. */
#define N_CHUNKS 4
/* How long the reader waits for a pool thread to take the job before it
 * reads on its own thread. */
#define TAKE_OVER_US (20 * 1000)

typedef struct
{
  char   *data;
  gsize   len;     /* 0: the job's last chunk */
  GError *error;   /* with the last chunk: why it ended early */
} Chunk;

struct _LdReadAhead
{
  gatomicrefcount ref;      /* the reader's and the job's */
  LdReadFunc      func;
  gpointer        data;
  gsize           size;
  int             state;    /* LdReadAheadState (atomic) */
  int             stop;     /* the reader wants no more (atomic) */
  GAsyncQueue    *full;     /* Chunk, in the order read */
  GAsyncQueue    *empty;    /* Chunk */
  Chunk           chunks[N_CHUNKS];
  Chunk          *held;     /* the reader's current chunk, or NULL */
  gboolean        ended;    /* the reader has had the last chunk */
};

static void
read_ahead_unref (LdReadAhead *self)
{
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  for (guint i = 0; i < N_CHUNKS; i++)
    {
      g_free (self->chunks[i].data);
      g_clear_error (&self->chunks[i].error);
    }
  g_async_queue_unref (self->full);
  g_async_queue_unref (self->empty);
  g_free (self);
}

static gpointer
read_job (gpointer data)
{
  LdReadAhead *self = data;

  if (g_atomic_int_compare_and_exchange (&self->state, LD_READ_AHEAD_PENDING, LD_READ_AHEAD_POOL))
    {
      for (;;)
        {
          Chunk *chunk = g_async_queue_pop (self->empty);

          if (g_atomic_int_get (&self->stop))
            chunk->len = 0;
          else
            chunk->len = self->func (self->data, chunk->data, self->size, &chunk->error);
          g_async_queue_push (self->full, chunk);
          if (chunk->len == 0)
            break;
        }
    }
  read_ahead_unref (self);
  return NULL;
}

/**
 * ld_read_ahead_new:
 * @func: reads the input's next bytes; called on a thread of the pool,
 *   or on the reader's, one call at a time
 * @data: for @func; must stay valid until ld_read_ahead_free()
 * @chunk_size: the most bytes one call of @func is asked for
 *
 * Starts reading ahead. On one processor, nothing would overlap: the
 * reader reads on its own thread.
 *
 * Returns: (transfer full): the read-ahead; end it with ld_read_ahead_free()
 */
LdReadAhead *
ld_read_ahead_new (LdReadFunc func,
                   gpointer   data,
                   gsize      chunk_size)
{
  LdReadAhead *self = g_new0 (LdReadAhead, 1);

  g_atomic_ref_count_init (&self->ref);
  self->func = func;
  self->data = data;
  self->size = chunk_size;
  self->full = g_async_queue_new ();
  self->empty = g_async_queue_new ();
  for (guint i = 0; i < N_CHUNKS; i++)
    {
      self->chunks[i].data = g_malloc (chunk_size);
      g_async_queue_push (self->empty, &self->chunks[i]);
    }
  if (_ld_parallel_get_n_threads () == 1)
    self->state = LD_READ_AHEAD_READER;
  else
    {
      g_atomic_ref_count_inc (&self->ref);
      _ld_parallel_run (read_job, self);
    }
  return self;
}

/**
 * ld_read_ahead_next:
 * @bytes: (out): where the next bytes are; they stay there until the next
 *   call or ld_read_ahead_free()
 * @error: set when the read function failed
 *
 * Returns: how many bytes are at @bytes: 0 at the end, or when @error is set
 */
gsize
ld_read_ahead_next (LdReadAhead  *self,
                    const char  **bytes,
                    GError      **error)
{
  Chunk *chunk;

  *bytes = NULL;
  /* Back to the job; read inline, the one chunk used stays here. */
  if (self->held != NULL && g_atomic_int_get (&self->state) == LD_READ_AHEAD_POOL)
    g_async_queue_push (self->empty, self->held);
  self->held = NULL;
  if (self->ended)
    return 0;

  if (g_atomic_int_get (&self->state) != LD_READ_AHEAD_READER)
    {
      chunk = g_async_queue_timeout_pop (self->full, TAKE_OVER_US);
      /* No pool thread took the job: read here from now on. */
      if (chunk == NULL && !g_atomic_int_compare_and_exchange (&self->state, LD_READ_AHEAD_PENDING, LD_READ_AHEAD_READER))
        chunk = g_async_queue_pop (self->full);
    }
  else
    chunk = NULL;

  if (chunk == NULL)
    {
      /* Inline: the job never read, so every chunk is free. */
      chunk = &self->chunks[0];
      chunk->len = self->func (self->data, chunk->data, self->size, &chunk->error);
    }
  if (chunk->len == 0)
    {
      self->ended = TRUE;
      if (chunk->error != NULL)
        g_propagate_error (error, g_steal_pointer (&chunk->error));
      return 0;
    }
  self->held = chunk;
  *bytes = chunk->data;
  return chunk->len;
}

/**
 * ld_read_ahead_get_state:
 *
 * For tests: who calls the read function.
 */
LdReadAheadState
ld_read_ahead_get_state (LdReadAhead *self)
{
  return (LdReadAheadState) g_atomic_int_get (&self->state);
}

/**
 * ld_read_ahead_free:
 *
 * Stops reading ahead, before the end or after, and returns once the read
 * function is no longer called: its data may go then.
 */
void
ld_read_ahead_free (LdReadAhead *self)
{
  /* A job not taken yet will do nothing. */
  if (!g_atomic_int_compare_and_exchange (&self->state, LD_READ_AHEAD_PENDING, LD_READ_AHEAD_READER) &&
      g_atomic_int_get (&self->state) == LD_READ_AHEAD_POOL)
    {
      g_atomic_int_set (&self->stop, TRUE);
      if (self->held != NULL)
        g_async_queue_push (self->empty, self->held);
      self->held = NULL;
      /* The job ends with a chunk of no bytes: read or stopped. */
      while (!self->ended)
        {
          Chunk *chunk = g_async_queue_pop (self->full);

          if (chunk->len == 0)
            self->ended = TRUE;
          else
            g_async_queue_push (self->empty, chunk);
        }
    }
  read_ahead_unref (self);
}
