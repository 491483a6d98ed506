/* ld-text-store.c - the text of the browser's messages, in large blocks of memory
 *
 * With the message browser, an analysis keeps the text of every message:
 * about 400 MB of a 500 MB log, and 450,000 message structs. Here the text
 * and the structs go into 4 MB blocks. Without the browser, the structs of
 * the call messages kept (175,000 on a 500 MB conference-heavy log) go
 * here with their headers: as malloc's, each took 24 bytes more, and its
 * headers an allocation of their own. Where the system gives huge pages
 * on request (Linux's transparent huge pages in "madvise" mode, Debian's
 * default), a block is aligned to one and asks for them: the first write
 * to each 2 MB costs one page fault instead of 512. On a 500 MB log that
 * took the analysing thread from 115,000 faults to 21,500 and its
 * processor time by about a quarter (getrusage() of the thread; the
 * thread at idle priority that used to write to each page ahead of need
 * took only a tenth of the faults off it on this busy machine). The
 * structs came from malloc before: in a thread's arena, growing it cost a
 * system call every few hundred.
 *
 * Writing to a page for the first time is the costliest part of filling a
 * block: the system clears it, and on a virtual machine the host may have
 * to find memory for it first (about 2.5 ms per MB on the machines the
 * benchmark runs on, 4 KB pages or huge). While the message browser's
 * messages are read, the analysing thread is the busier of the two and
 * the reading thread waits for it about half the time; in those waits the
 * reading thread writes to the pages of the store's next block
 * (_ld_text_store_prepare()), so that the analysing thread finds them
 * ready. One block at most is prepared ahead, so that memory stays what
 * is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-text-store"

#include "config.h"

#include <string.h>
#if defined(__linux__)
#include <stdlib.h>
#include <sys/mman.h>
#endif

#include "ld-text-store.h"

#define BLOCK_SIZE  (4 * 1024 * 1024)
/* Longer texts get an allocation of their own. */
#define BIG_TEXT    (BLOCK_SIZE / 4)
/* A store's first block, an ordinary allocation: a small log (and every
 * input of a fuzzing run, which makes a store each) needs no more, and a
 * block of huge pages costs a 2 MB page cleared at its first write. */
#define FIRST_BLOCK (64 * 1024)
/* Of what _ld_text_store_alloc() returns: for structs of pointers and
 * 64-bit numbers (not vectors or long double). Not malloc's 16 bytes: a
 * message struct of 152 bytes would take 160. */
#define ALIGNMENT   MAX (G_ALIGNOF (gint64), G_ALIGNOF (gpointer))
/* Of a block: the size of a huge page. */
#define HUGE_PAGE   (2 * 1024 * 1024)
/* What the system clears at once at the first write to a block's page:
 * one page, huge where the system gives them, else 512 small ones. */
#define PREPARE_STEP HUGE_PAGE

struct _LdTextStore
{
  GPtrArray   *blocks;    /* everything allocated, freed with the store */
  char        *block;     /* the one being filled */
  gsize        size;      /* its size */
  gsize        used;      /* of it */

  /* _ld_text_store_prepare(): the preparing thread's own until ready,
   * which hands the block over. */
  char        *preparing; /* a block of BLOCK_SIZE, written up to prepared */
  gsize        prepared;
  gpointer     ready;     /* (atomic) a prepared block, or NULL */
  gint         n_big;     /* (atomic) big blocks filled so far */
};

LdTextStore *
_ld_text_store_new (void)
{
  LdTextStore *self = g_new0 (LdTextStore, 1);

  self->blocks = g_ptr_array_new_with_free_func (g_free);
  return self;
}

/* A block of BLOCK_SIZE, in huge pages where the system allows; freed
 * with g_free(), which is free(). */
static char *
new_block (void)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  void *aligned = NULL;

  if (posix_memalign (&aligned, HUGE_PAGE, BLOCK_SIZE) == 0)
    {
      /* Best effort: without huge pages the block is an ordinary one. */
      madvise (aligned, BLOCK_SIZE, MADV_HUGEPAGE);
      return aligned;
    }
#endif
  return g_malloc (BLOCK_SIZE);
}

/* A new block to fill, for at least @need bytes: the first a small one
 * when that holds them, the others big, prepared where one is ready. */
static char *
next_block (LdTextStore *self,
            gsize        need)
{
  char *block;

  if (self->block == NULL && need <= FIRST_BLOCK)
    {
      block = g_malloc (FIRST_BLOCK);
      self->size = FIRST_BLOCK;
    }
  else
    {
      block = g_atomic_pointer_exchange (&self->ready, NULL);
      if (block == NULL)
        block = new_block ();
      self->size = BLOCK_SIZE;
      g_atomic_int_inc (&self->n_big);
    }
  g_ptr_array_add (self->blocks, block);
  return block;
}

/**
 * _ld_text_store_prepare:
 * @self: a store being filled by another thread
 *
 * Writes to the next page of the block the store will fill next, for a
 * thread that would otherwise wait (see above). One thread at a time
 * prepares, while one other fills the store.
 *
 * Returns: %FALSE when a block is ready and nothing is left to prepare
 */
gboolean
_ld_text_store_prepare (LdTextStore *self)
{
  if (self->preparing == NULL)
    {
      /* Not before the store is seen to grow: a small log's would be
       * written for nothing. */
      if (g_atomic_pointer_get (&self->ready) != NULL || g_atomic_int_get (&self->n_big) < 1)
        return FALSE;
      self->preparing = new_block ();
      self->prepared = 0;
    }
  /* A write to every small page: where huge pages are given, the first
   * brings the whole 2 MB. */
  if (self->prepared < BLOCK_SIZE)
    {
      for (gsize at = self->prepared; at < self->prepared + PREPARE_STEP; at += 4096)
        ((volatile char *) self->preparing)[at] = 0;
      self->prepared += PREPARE_STEP;
    }
  /* Handed over once written; only this thread makes one ready, and the
   * store only takes it, so the slot is free by then. */
  if (self->prepared == BLOCK_SIZE)
    {
      if (!g_atomic_pointer_compare_and_exchange (&self->ready, NULL, self->preparing))
        return FALSE;
      self->preparing = NULL;
    }
  return TRUE;
}

/**
 * _ld_text_store_drop_prepared:
 * @self: a store no other thread prepares any more
 *
 * Frees what was prepared and not used.
 */
void
_ld_text_store_drop_prepared (LdTextStore *self)
{
  g_clear_pointer (&self->preparing, g_free);
  g_free (g_atomic_pointer_exchange (&self->ready, NULL));
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
      if (self->block == NULL || self->used + len + 1 > self->size)
        {
          self->block = next_block (self, len + 1);
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
 * _ld_text_store_alloc:
 * @self: a store
 * @size: bytes wanted, at most a quarter of a block
 *
 * Returns: @size bytes aligned for a struct of pointers and 64-bit
 *   numbers, valid as long as @self; not to be freed on their own
 */
gpointer
_ld_text_store_alloc (LdTextStore *self,
                      gsize        size)
{
  gsize at;

  g_return_val_if_fail (size <= BIG_TEXT, NULL);

  at = (self->used + ALIGNMENT - 1) & ~(gsize) (ALIGNMENT - 1);
  if (self->block == NULL || at + size > self->size)
    {
      self->block = next_block (self, size);
      at = 0;
    }
  self->used = at + size;
  return self->block + at;
}

/**
 * _ld_text_store_alloc0:
 * @self: a store
 * @size: as for _ld_text_store_alloc()
 *
 * Returns: @size zeroed bytes, as _ld_text_store_alloc() gives them
 */
gpointer
_ld_text_store_alloc0 (LdTextStore *self,
                       gsize        size)
{
  return memset (_ld_text_store_alloc (self, size), 0, size);
}

void
_ld_text_store_free (LdTextStore *self)
{
  if (self == NULL)
    return;
  _ld_text_store_drop_prepared (self);
  g_ptr_array_unref (self->blocks);
  g_free (self);
}
