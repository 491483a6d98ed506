/* ld-gen-zip.c - write the hostile zips of the tests (not installed)
 *
 * Usage: ld-gen-zip KIND LOG OUT [N] [MB]
 *   many      N members of MB megabytes each of LOG repeated (a zip bomb
 *             by volume: each member alone is modest)
 *   nested    a zip of N zips, each holding N members of MB megabytes
 *   zero      one member that declares 0 bytes and inflates to MB megabytes
 *   damaged   three logs: one good, one with a wrong checksum, one whose
 *             compressed data is damaged
 *   duplicate two members of the same name
 *   method    a log compressed with a method libzip does not read (implode)
 *   longname  a log under a 60,000-character name
 *
 * The big ones are made in a second or two: the member's compressed bytes
 * are made once and written N times. tests/fuzz/corpus/zip/gen-*.zip were
 * made by it (damaged, duplicate, method, "nested 2 1", "zero 1 1").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "ld-zip-writer.h"

static GBytes *
repeat_log (GBytes *log,
            gsize   size)
{
  gsize len;
  const char *data = g_bytes_get_data (log, &len);
  char *out = g_malloc (size);

  for (gsize i = 0; i < size; i += len)
    memcpy (out + i, data, MIN (len, size - i));
  return g_bytes_new_take (out, size);
}

/* N members named like rotated logs, all of @content. */
static GByteArray *
many (GBytes *content,
      guint   n)
{
  gsize len;
  const char *data = g_bytes_get_data (content, &len);
  g_autofree guint8 *compressed = NULL;
  g_autofree ZwMember *members = g_new0 (ZwMember, n);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  ZwMember m = zw_member_deflated ("x", data, len, &compressed);

  for (guint i = 0; i < n; i++)
    {
      char *name = g_strdup_printf ("Tracing/Lync-UccApi-%03u.UccApilog", n - 1 - i);

      g_ptr_array_add (names, name);
      members[i] = m;
      members[i].name = name;
    }
  return zw_build (members, n);
}

int
main (int    argc,
      char **argv)
{
  const char *kind, *out;
  g_autoptr(GBytes) log = NULL;
  g_autoptr(GByteArray) zip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log_data = NULL;
  gsize log_len;
  guint n;
  gsize mb;

  if (argc < 4)
    {
      fprintf (stderr, "usage: ld-gen-zip KIND LOG OUT [N] [MB]\n");
      return 2;
    }
  kind = argv[1];
  out = argv[3];
  n = argc > 4 ? (guint) atoi (argv[4]) : 3;
  mb = argc > 5 ? (gsize) atoi (argv[5]) : 1;
  if (!g_file_get_contents (argv[2], &log_data, &log_len, &error))
    {
      fprintf (stderr, "ld-gen-zip: %s\n", error->message);
      return 1;
    }
  log = g_bytes_new_take (g_steal_pointer (&log_data), log_len);

  if (g_str_equal (kind, "many"))
    {
      g_autoptr(GBytes) content = repeat_log (log, mb * 1024 * 1024);

      zip = many (content, n);
    }
  else if (g_str_equal (kind, "nested"))
    {
      g_autoptr(GBytes) content = repeat_log (log, mb * 1024 * 1024);
      g_autoptr(GByteArray) inner = many (content, n);
      g_autofree ZwMember *members = g_new0 (ZwMember, n);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < n; i++)
        {
          char *name = g_strdup_printf ("Reports/MOSDALREPORT-%u.zip", i);
          ZwMember m = { name, 0, 0, inner->data, inner->len, zw_crc (inner->data, inner->len), inner->len };

          g_ptr_array_add (names, name);
          members[i] = m;
        }
      zip = zw_build (members, n);
    }
  else if (g_str_equal (kind, "zero"))
    {
      g_autoptr(GBytes) content = repeat_log (log, mb * 1024 * 1024);
      g_autofree guint8 *compressed = NULL;
      ZwMember m = zw_member_deflated ("Lync-UccApi-0.UccApilog", g_bytes_get_data (content, NULL),
                                       g_bytes_get_size (content), &compressed);

      m.size = 0;
      zip = zw_build (&m, 1);
    }
  else if (g_str_equal (kind, "damaged"))
    {
      g_autofree guint8 *c0 = NULL, *c1 = NULL, *c2 = NULL;
      ZwMember m[3] = {
        zw_member_deflated ("Lync-UccApi-0.UccApilog", g_bytes_get_data (log, NULL), log_len, &c0),
        zw_member_deflated ("Lync-UccApi-0.UccApilog.bak", g_bytes_get_data (log, NULL), log_len, &c1),
        zw_member_deflated ("Lync-UccApi-1.UccApilog", g_bytes_get_data (log, NULL), log_len, &c2),
      };

      m[1].crc ^= 1;
      for (gsize i = m[2].len / 4; i < m[2].len / 2; i++)
        c2[i] ^= 0x55;
      zip = zw_build (m, 3);
    }
  else if (g_str_equal (kind, "duplicate"))
    {
      g_autofree guint8 *c = NULL;
      ZwMember m = zw_member_deflated ("Lync-UccApi-0.UccApilog", g_bytes_get_data (log, NULL), log_len, &c);
      ZwMember two[2] = { m, m };

      zip = zw_build (two, 2);
    }
  else if (g_str_equal (kind, "method"))
    {
      g_autofree guint8 *c = NULL;
      ZwMember m = zw_member_deflated ("Lync-UccApi-0.UccApilog", g_bytes_get_data (log, NULL), log_len, &c);

      m.method = 6;  /* implode: PKZIP 1.x */
      zip = zw_build (&m, 1);
    }
  else if (g_str_equal (kind, "longname"))
    {
      g_autofree guint8 *c = NULL;
      g_autoptr(GString) name = g_string_new (NULL);
      ZwMember m;

      while (name->len < 60000)
        g_string_append (name, "Tracing/");
      g_string_append (name, "Lync-UccApi-0.UccApilog");
      m = zw_member_deflated (name->str, g_bytes_get_data (log, NULL), log_len, &c);
      zip = zw_build (&m, 1);
    }
  else
    {
      fprintf (stderr, "ld-gen-zip: unknown kind %s\n", kind);
      return 2;
    }

  if (!g_file_set_contents (out, (const char *) zip->data, zip->len, &error))
    {
      fprintf (stderr, "ld-gen-zip: %s\n", error->message);
      return 1;
    }
  return 0;
}
