/* ld-text-store.c - the text of the browser's messages, in memory made ready ahead
 *
 * With the message browser, an analysis keeps the text of every message:
 * about 400 MB of a 500 MB log, and 450,000 message structs. Fresh memory
 * costs a page fault the first time each page is written, and that cost (a
 * quarter of a second for such a log) fell on the thread that loading
 * waits for. Here the text and the structs go into large blocks, and a
 * thread gets the next blocks ready, writing once to each
 * page, on whatever processor has nothing better to do. When none is
 * ready, a block is made on the spot as before: the result is the same,
 * only where the time goes differs. (The structs came from malloc before:
 * in a thread's arena, growing it cost a system call every few hundred.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-text-store"

#include "config.h"

#include <string.h>

#include "ld-parallel.h"
#include "ld-text-store.h"

#define BLOCK_SIZE  (4 * 1024 * 1024)
/* Longer texts get an allocation of their own. */
#define BIG_TEXT    (BLOCK_SIZE / 4)
/* Blocks made ready ahead of need: enough that the writer rarely finds
 * none, few enough that what is left unused at the end does not count. */
#define READY_AHEAD 2
/* Of what _ld_text_store_alloc0() returns: as malloc's. */
#define ALIGNMENT   (2 * sizeof (gsize))
/* Writing one byte a page makes the system provide it. */
#define PAGE_STEP   4096

#define REQUEST_BLOCK GINT_TO_POINTER (1)
#define REQUEST_STOP  GINT_TO_POINTER (2)

struct _LdTextStore
{
  GPtrArray   *blocks;    /* everything allocated, freed with the store */
  char        *block;     /* the one being filled */
  gsize        used;      /* of it */

  GThread     *preparer;
  GAsyncQueue *requests;  /* REQUEST_BLOCK or REQUEST_STOP */
  GAsyncQueue *ready;     /* blocks */
  gboolean     stopped;
};

LdTextStore *
_ld_text_store_new (void)
{
  LdTextStore *self = g_new0 (LdTextStore, 1);

  self->blocks = g_ptr_array_new_with_free_func (g_free);
  return self;
}

static gpointer
preparer_thread (gpointer data)
{
  LdTextStore *self = data;

  while (g_async_queue_pop (self->requests) == REQUEST_BLOCK)
    {
      volatile char *block = g_malloc (BLOCK_SIZE);

      for (gsize i = 0; i < BLOCK_SIZE; i += PAGE_STEP)
        block[i] = 0;
      g_async_queue_push (self->ready, (gpointer) block);
    }
  return NULL;
}

/* A block to fill: a ready one if there is, else a new one. Past the
 * first, blocks are made ready ahead. */
static char *
next_block (LdTextStore *self)
{
  char *block = NULL;

  if (self->preparer == NULL && !self->stopped && self->blocks->len > 0)
    {
      self->requests = g_async_queue_new ();
      self->ready = g_async_queue_new ();
      self->preparer = g_thread_try_new ("ld-text-store", preparer_thread, self, NULL);
      /* Without the thread, blocks are made on the spot. */
      if (self->preparer == NULL)
        {
          self->stopped = TRUE;
          g_clear_pointer (&self->requests, g_async_queue_unref);
          g_clear_pointer (&self->ready, g_async_queue_unref);
        }
      for (guint i = 0; i < READY_AHEAD && self->preparer != NULL; i++)
        g_async_queue_push (self->requests, REQUEST_BLOCK);
    }
  /* A ready block taken is asked for again; one made here is not, or a
   * thread that falls behind would owe more and more blocks, and make
   * them all once it gets the time (each a resident 4 MB). */
  if (self->preparer != NULL && (block = g_async_queue_try_pop (self->ready)) != NULL)
    g_async_queue_push (self->requests, REQUEST_BLOCK);
  if (block == NULL)
    block = g_malloc (BLOCK_SIZE);
  g_ptr_array_add (self->blocks, block);
  return block;
}

/**
 * _ld_text_store_add:
 * @self: a store
 * @text: text (may hold anything but is read as a string later)
 * @len: its length
 *
 * Returns: a copy of @text ended by a NUL, valid as long as @self
 */
char *
_ld_text_store_add (LdTextStore *self,
                    const char  *text,
                    gsize        len)
{
  char *copy;

  if (len + 1 > BIG_TEXT)
    {
      copy = g_malloc (len + 1);
      g_ptr_array_add (self->blocks, copy);
    }
  else
    {
      if (self->block == NULL || self->used + len + 1 > BLOCK_SIZE)
        {
          self->block = next_block (self);
          self->used = 0;
        }
      copy = self->block + self->used;
      self->used += len + 1;
    }
  memcpy (copy, text, len);
  copy[len] = '\0';
  return copy;
}

/**
 * _ld_text_store_alloc0:
 * @self: a store
 * @size: bytes wanted, at most a quarter of a block
 *
 * Returns: @size zeroed bytes aligned for any struct, valid as long as
 *   @self; not to be freed on their own
 */
gpointer
_ld_text_store_alloc0 (LdTextStore *self,
                       gsize        size)
{
  gsize at;

  g_return_val_if_fail (size <= BIG_TEXT, NULL);

  at = (self->used + ALIGNMENT - 1) & ~(gsize) (ALIGNMENT - 1);
  if (self->block == NULL || at + size > BLOCK_SIZE)
    {
      self->block = next_block (self);
      at = 0;
    }
  self->used = at + size;
  return memset (self->block + at, 0, size);
}

/**
 * _ld_text_store_stop:
 * @self: a store
 *
 * Ends the thread that makes blocks ready, once nothing more is to be
 * added (more may be, only more slowly). Blocks made ready and not used
 * are freed.
 */
void
_ld_text_store_stop (LdTextStore *self)
{
  gpointer block;

  self->stopped = TRUE;
  if (self->preparer == NULL)
    return;
  /* Blocks asked for and not begun are not needed any more. */
  while (g_async_queue_try_pop (self->requests) != NULL)
    ;
  g_async_queue_push (self->requests, REQUEST_STOP);
  g_thread_join (g_steal_pointer (&self->preparer));
  while ((block = g_async_queue_try_pop (self->ready)) != NULL)
    g_free (block);
  g_clear_pointer (&self->requests, g_async_queue_unref);
  g_clear_pointer (&self->ready, g_async_queue_unref);
}

void
_ld_text_store_free (LdTextStore *self)
{
  if (self == NULL)
    return;
  _ld_text_store_stop (self);
  g_ptr_array_unref (self->blocks);
  g_free (self);
}
