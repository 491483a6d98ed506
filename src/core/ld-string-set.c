/* ld-string-set.c - strings stored once each in a string chunk, looked up by a hash of eight bytes at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The message browser's messages are parsed after reading (ld-analysis-
 * messages.c), hundreds of thousands of them, and the From, To, Call-ID,
 * method and reason of presence and registration traffic repeat thousands
 * of times: each distinct value is stored once. g_string_chunk_insert_const()
 * did that with g_str_hash(), a byte at a time, over a NUL-terminated copy
 * of each value made for it, and its table then lived as long as the
 * chunk; that was a fifth of the parse's instructions. Here a value is
 * hashed eight bytes at a time where it lies in the message, the table
 * is freed with the set, and each distinct value can carry one pointer of
 * the caller's (the tag of a From or To, found once per value).
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <string.h>

#include "ld-string-set.h"

typedef struct
{
  const char *str;   /* in the chunk, NUL-terminated; NULL: a free slot */
  gpointer    data;  /* the caller's, NULL at first */
  guint32     len;
  guint32     hash;
} Entry;

struct _LdStringSet
{
  GStringChunk *chunk;
  Entry        *entries;
  gsize         mask;     /* the table's size - 1, a power of two */
  gsize         n;
};

LdStringSet *
_ld_string_set_new (GStringChunk *chunk)
{
  LdStringSet *self = g_new0 (LdStringSet, 1);

  self->chunk = chunk;
  self->mask = 1024 - 1;
  self->entries = g_new0 (Entry, self->mask + 1);
  return self;
}

void
_ld_string_set_free (LdStringSet *self)
{
  if (self == NULL)
    return;
  g_free (self->entries);
  g_free (self);
}

guint
_ld_string_set_size (LdStringSet *self)
{
  return (guint) self->n;
}

static inline guint64
load8 (const char *s)
{
  guint64 w;

  memcpy (&w, s, 8);
  return w;
}

/* Mixes eight bytes at a time (the multipliers of SplitMix64); a tail
 * shorter than eight is read as the last eight bytes when there are. */
static guint32
hash_span (const char *s,
           gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ len;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      h = (h ^ load8 (s + i)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
      h ^= h >> 31;
    }
  if (i < len)
    {
      guint64 w = 0;

      if (len >= 8)
        w = load8 (s + len - 8);
      else
        for (gsize j = 0; j < len; j++)
          w = (w << 8) | (guchar) s[j];
      h = (h ^ w) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
    }
  h ^= h >> 29;
  h *= G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  return (guint32) (h ^ (h >> 32));
}

static void
grow (LdStringSet *self)
{
  gsize old_size = self->mask + 1;
  Entry *old = self->entries;

  self->mask = old_size * 2 - 1;
  self->entries = g_new0 (Entry, self->mask + 1);
  for (gsize i = 0; i < old_size; i++)
    if (old[i].str != NULL)
      {
        gsize at = old[i].hash & self->mask;

        while (self->entries[at].str != NULL)
          at = (at + 1) & self->mask;
        self->entries[at] = old[i];
      }
  g_free (old);
}

/**
 * _ld_string_set_add:
 * @self: a set
 * @s: a string's bytes (no NUL among them), not NUL-terminated
 * @len: their length (less than 4 GB)
 * @data: (out) (optional): the value's slot for a pointer of the
 *   caller's, %NULL until set; valid until the next call
 *
 * Returns: the string, NUL-terminated, in the set's chunk: the same for
 *   equal strings
 */
const char *
_ld_string_set_add (LdStringSet *self,
                    const char  *s,
                    gsize        len,
                    gpointer   **data)
{
  guint32 hash = hash_span (s, len);
  gsize at;

  g_assert (len < G_MAXUINT32);
  for (at = hash & self->mask; self->entries[at].str != NULL; at = (at + 1) & self->mask)
    {
      Entry *e = &self->entries[at];

      if (e->hash == hash && e->len == len && memcmp (e->str, s, len) == 0)
        {
          if (data != NULL)
            *data = &e->data;
          return e->str;
        }
    }
  /* At most half full: a miss ends at a free slot soon. */
  if ((self->n + 1) * 2 > self->mask + 1)
    {
      grow (self);
      for (at = hash & self->mask; self->entries[at].str != NULL; at = (at + 1) & self->mask)
        ;
    }
  self->entries[at].str = g_string_chunk_insert_len (self->chunk, s, (gssize) len);
  self->entries[at].len = (guint32) len;
  self->entries[at].hash = hash;
  self->n++;
  if (data != NULL)
    *data = &self->entries[at].data;
  return self->entries[at].str;
}
