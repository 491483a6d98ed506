/* test-string-set.c - each distinct string stored once, whatever its length, and found again after the table grows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-string-set"

#include "config.h"

#include <string.h>

#include "ld-string-set.h"

/* Strings that differ only where the eight-byte hash steps meet: in the
 * first byte, the eighth, the ninth, the last; lengths 0 to 40; and the
 * same bytes at two lengths (a prefix). */
static GPtrArray *
make_strings (void)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_free);
  const char *base = "sip:alice.smith@contoso.com;tag=8f3a91c2";

  for (gsize len = 0; len <= strlen (base); len++)
    {
      g_ptr_array_add (all, g_strndup (base, len));
      for (gsize at = 0; at < len; at += (at < 10 ? 1 : 7))
        {
          char *s = g_strndup (base, len);

          s[at] = s[at] == 'x' ? 'y' : 'x';
          g_ptr_array_add (all, s);
        }
    }
  /* Many more, to make the table grow several times. */
  for (guint i = 0; i < 5000; i++)
    g_ptr_array_add (all, g_strdup_printf ("<sip:user%u@example.com>;tag=%x", i, i * 2654435761u));
  return all;
}

static void
test_once_each (void)
{
  g_autoptr(GPtrArray) all = make_strings ();
  GStringChunk *chunk = g_string_chunk_new (4096);
  LdStringSet *set = _ld_string_set_new (chunk);
  g_autoptr(GHashTable) want = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) stored = g_hash_table_new (g_str_hash, g_str_equal);

  /* Twice over: the second round finds each one stored. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < all->len; i++)
      {
        const char *s = g_ptr_array_index (all, i);
        gpointer *data = NULL;
        /* Read where it lies, not NUL-terminated: a byte after it. */
        g_autofree char *padded = g_strconcat (s, "Z", NULL);
        const char *got = _ld_string_set_add (set, padded, strlen (s), &data);
        const char *before = g_hash_table_lookup (stored, s);

        g_assert_cmpstr (got, ==, s);
        g_assert_nonnull (data);
        if (before != NULL)
          {
            /* The same copy, and what the caller noted with it. */
            g_assert_true (got == before);
            g_assert_true (*data == (gpointer) before);
          }
        else
          {
            g_assert_null (*data);
            *data = (gpointer) got;
            g_hash_table_insert (stored, (gpointer) got, (gpointer) got);
          }
        g_hash_table_add (want, (gpointer) s);
      }
  g_assert_cmpuint (_ld_string_set_size (set), ==, g_hash_table_size (want));
  g_assert_cmpuint (g_hash_table_size (stored), ==, g_hash_table_size (want));
  _ld_string_set_free (set);
  g_string_chunk_free (chunk);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/string-set/once-each", test_once_each);
  return g_test_run ();
}
