/* test-json-writer.c - the streaming JSON writer: escaping, UTF-8, streams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ld-json-writer.h"

static char *
one_string (const char *value)
{
  g_autoptr(LdJsonWriter) w = ld_json_writer_new (FALSE);

  ld_json_string (w, value);
  return ld_json_writer_steal (w);
}

/* What the writer must produce, the slow way: replace what is not UTF-8,
 * then escape byte by byte. */
static char *
reference_string (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  GString *s = g_string_new ("\"");

  for (const guchar *p = (const guchar *) valid; *p; p++)
    {
      if (*p == '"')
        g_string_append (s, "\\\"");
      else if (*p == '\\')
        g_string_append (s, "\\\\");
      else if (*p == '\n')
        g_string_append (s, "\\n");
      else if (*p == '\r')
        g_string_append (s, "\\r");
      else if (*p == '\t')
        g_string_append (s, "\\t");
      else if (*p < 0x20)
        g_string_append_printf (s, "\\u%04x", *p);
      else
        g_string_append_c (s, (char) *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

static void
test_escapes (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "", "\"\"" },
    { "plain text 123", "\"plain text 123\"" },
    { "a\"b\\c", "\"a\\\"b\\\\c\"" },
    { "line\r\nnext\tcol", "\"line\\r\\nnext\\tcol\"" },
    { "\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"" },
    { "Grüße, 50 €, 𝄞", "\"Grüße, 50 €, 𝄞\"" },
    /* Not UTF-8: each bad byte becomes U+FFFD, the rest is kept. */
    { "a\xff" "b", "\"a\xef\xbf\xbd" "b\"" },
    { "ends in half a character \xc3", "\"ends in half a character \xef\xbf\xbd\"" },
    { "overlong \xc0\xaf", "\"overlong \xef\xbf\xbd\xef\xbf\xbd\"" },
    { "surrogate \xed\xa0\x80", "\"surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
    { "Windows-1252 Gr\xfc\xdf" "e \"q\"", "\"Windows-1252 Gr\xef\xbf\xbd\xef\xbf\xbd" "e \\\"q\\\"\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = one_string (cases[i].in);
      g_autofree char *want = reference_string (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
      g_assert_cmpstr (got, ==, want);
      g_assert_true (g_utf8_validate (got, -1, NULL));
    }
}

/* Random text from pieces that stress the one-pass escaping: runs of
 * plain bytes, characters to escape, whole and broken multi-byte
 * sequences. */
static void
test_random_against_reference (void)
{
  static const char *pieces[] = {
    "a", "Zz 09", "\"", "\\", "\n", "\x02", "\x7f", "é", "€", "𝄞", "\xc3", "\xe2\x82", "\xf0\x9d\x84",
    "\x80", "\xbf", "\xc0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80", "\xfe", "/", "<&>",
  };

  for (guint round = 0; round < 5000; round++)
    {
      g_autoptr(GString) in = g_string_new (NULL);
      guint n = (guint) g_test_rand_int_range (0, 24);
      g_autofree char *got = NULL;
      g_autofree char *want = NULL;

      for (guint i = 0; i < n; i++)
        g_string_append (in, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      got = one_string (in->str);
      want = reference_string (in->str);
      g_assert_cmpstr (got, ==, want);
    }
}

/* One byte that needs care, at every place of strings from 0 to 40 bytes
 * long: the plain check reads sixteen bytes at a time (the last sixteen
 * overlapping), or for fewer than sixteen two words of eight, or one by
 * one. Written as a value, as a key, and as both of a member. */
static void
test_every_position (void)
{
  static const char *odd[] = { "\x01", "\x1f", "\"", "\\", "\x7f", " ", "~", "é", "\xff", "\xc3", "€" };

  for (guint len = 0; len <= 40; len++)
    for (guint at = 0; at <= len; at++)
      for (guint k = 0; k < G_N_ELEMENTS (odd); k++)
        {
          g_autoptr(GString) in = g_string_new (NULL);
          g_autoptr(LdJsonWriter) w = ld_json_writer_new (TRUE);
          g_autofree char *value = NULL;
          g_autofree char *want_value = NULL;
          g_autofree char *got = NULL;
          g_autofree char *want = NULL;

          for (guint i = 0; i < len; i++)
            g_string_append_c (in, (char) ('a' + i % 26));
          if (at < len)
            g_string_insert (in, at, odd[k]);
          value = one_string (in->str);
          want_value = reference_string (in->str);
          g_assert_cmpstr (value, ==, want_value);

          ld_json_begin_object (w);
          ld_json_member_string (w, in->str, in->str);
          ld_json_key (w, in->str);
          ld_json_string (w, in->str);
          ld_json_member_int (w, in->str, 7);
          ld_json_end_object (w);
          got = ld_json_writer_steal (w);
          want = g_strdup_printf ("{\n  %s: %s,\n  %s: %s,\n  %s: 7\n}\n", want_value, want_value,
                                  want_value, want_value, want_value);
          g_assert_cmpstr (got, ==, want);
        }
}

/* A pretty writer's line breaks at every depth, to past where the
 * indentation stops growing (64 spaces): the break is copied in blocks
 * that run past its end, and what follows must write over them. */
static void
test_deep_indent (void)
{
  const guint depth = 40;
  g_autoptr(LdJsonWriter) w = ld_json_writer_new (TRUE);
  g_autoptr(GString) want = g_string_new (NULL);
  g_autofree char *got = NULL;

  for (guint d = 0; d < depth; d++)
    {
      ld_json_begin_object (w);
      ld_json_member_int (w, "n", d);
      ld_json_member_string (w, "s", "v");
      ld_json_member_bool (w, "b", d % 2);
      ld_json_key (w, "in");
    }
  ld_json_null (w);
  for (guint d = 0; d < depth; d++)
    ld_json_end_object (w);
  got = ld_json_writer_steal (w);

  for (guint d = 0; d < depth; d++)
    {
      g_autofree char *indent = g_strnfill (MIN (2 * (d + 1), 64), ' ');

      g_string_append_printf (want, "{\n%s\"n\": %u,\n%s\"s\": \"v\",\n%s\"b\": %s,\n%s\"in\": ", indent, d,
                              indent, indent, d % 2 ? "true" : "false", indent);
    }
  g_string_append (want, "null");
  for (guint d = depth; d-- > 0;)
    {
      g_autofree char *indent = g_strnfill (MIN (2 * d, 64), ' ');

      g_string_append_printf (want, "\n%s}", indent);
    }
  g_string_append_c (want, '\n');
  g_assert_cmpstr (got, ==, want->str);
}

/* Keys come from logs too (the media debug field names). */
static void
test_keys_escaped (void)
{
  g_autoptr(LdJsonWriter) w = ld_json_writer_new (FALSE);
  g_autofree char *out = NULL;

  ld_json_begin_object (w);
  ld_json_member_string (w, "Local\"MR", "1");
  ld_json_member_int (w, "bad\xff", -42);
  ld_json_member_bool (w, "ok", TRUE);
  ld_json_key (w, "none");
  ld_json_null (w);
  ld_json_end_object (w);
  out = ld_json_writer_steal (w);
  g_assert_cmpstr (out, ==, "{\"Local\\\"MR\":\"1\",\"bad\xef\xbf\xbd\":-42,\"ok\":true,\"none\":null}");
}

static void
write_sample (LdJsonWriter *w,
              guint         n)
{
  ld_json_begin_object (w);
  ld_json_key (w, "items");
  ld_json_begin_array (w);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("item \"%u\"\tü\xff", i);

      ld_json_begin_object (w);
      ld_json_member_int (w, "n", i);
      ld_json_member_string (w, "text", text);
      ld_json_key (w, "empty");
      ld_json_begin_array (w);
      ld_json_end_array (w);
      ld_json_end_object (w);
    }
  ld_json_end_array (w);
  ld_json_end_object (w);
}

static void
test_pretty (void)
{
  g_autoptr(LdJsonWriter) w = ld_json_writer_new (TRUE);
  g_autofree char *out = NULL;

  write_sample (w, 2);
  out = ld_json_writer_steal (w);
  g_assert_cmpstr (out, ==,
                   "{\n"
                   "  \"items\": [\n"
                   "    {\n"
                   "      \"n\": 0,\n"
                   "      \"text\": \"item \\\"0\\\"\\tü\xef\xbf\xbd\",\n"
                   "      \"empty\": []\n"
                   "    },\n"
                   "    {\n"
                   "      \"n\": 1,\n"
                   "      \"text\": \"item \\\"1\\\"\\tü\xef\xbf\xbd\",\n"
                   "      \"empty\": []\n"
                   "    }\n"
                   "  ]\n"
                   "}\n");
}

/* A stream gets the same bytes as the in-memory writer, across many of
 * its 64 KB hand-overs. */
static void
test_stream_matches_memory (void)
{
  g_autoptr(LdJsonWriter) mem = ld_json_writer_new (TRUE);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(LdJsonWriter) w = ld_json_writer_new_for_stream (stream, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *want = NULL;
  gsize len;

  write_sample (mem, 20000);
  want = ld_json_writer_steal (mem);
  write_sample (w, 20000);
  g_assert_true (ld_json_writer_finish_stream (w, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_cmpuint (len, >, 10 * 65536);
  g_assert_cmpuint (len, ==, strlen (want));
  g_assert_true (memcmp (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)), want, len) == 0);
}

/* Values written in fragments, one per thread, come out as if written to
 * the parent, whatever the depth and the number of fragments; and so to
 * the parent's stream, which is handed the fragments themselves. The
 * stream's fragment is one, written again each time
 * (ld_json_writer_reuse_fragment()), after a value never added that must
 * leave nothing behind, not even the comma after it. */
static void
test_fragments (void)
{
  for (int pretty = 0; pretty <= 1; pretty++)
    for (guint n = 0; n <= 7; n++)
      {
        g_autoptr(LdJsonWriter) direct = ld_json_writer_new (pretty);
        g_autoptr(LdJsonWriter) parent = ld_json_writer_new (pretty);
        g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
        g_autoptr(LdJsonWriter) streamed = ld_json_writer_new_for_stream (stream, pretty);
        g_autoptr(GError) error = NULL;
        g_autofree char *want = NULL;
        g_autofree char *got = NULL;
        LdJsonWriter *writers[] = { direct, parent, streamed };
        g_autoptr(LdJsonWriter) fragment2 = NULL;

        for (guint k = 0; k < G_N_ELEMENTS (writers); k++)
          {
            ld_json_begin_object (writers[k]);
            ld_json_member_int (writers[k], "before", 1);
            ld_json_key (writers[k], "list");
            ld_json_begin_array (writers[k]);
          }
        fragment2 = ld_json_writer_new_fragment (streamed, TRUE);
        ld_json_begin_object (fragment2);
        ld_json_member_string (fragment2, "stale", "never added");
        ld_json_end_object (fragment2);
        /* n values, in fragments of 1, 2 and 3 values and an empty one. */
        for (guint i = 0, size = 1; i < n; size = size % 3 + 1)
          {
            g_autoptr(LdJsonWriter) fragment = ld_json_writer_new_fragment (parent, i > 0);
            g_autoptr(LdJsonWriter) empty = ld_json_writer_new_fragment (parent, TRUE);

            ld_json_writer_reuse_fragment (fragment2, streamed, i > 0);
            for (guint j = 0; j < size && i < n; j++, i++)
              {
                g_autofree char *text = g_strdup_printf ("v\"%u\"", i);

                ld_json_begin_object (direct);
                ld_json_member_string (direct, "text", text);
                ld_json_end_object (direct);
                ld_json_begin_object (fragment);
                ld_json_member_string (fragment, "text", text);
                ld_json_end_object (fragment);
                ld_json_begin_object (fragment2);
                ld_json_member_string (fragment2, "text", text);
                ld_json_end_object (fragment2);
              }
            ld_json_writer_append_fragment (parent, fragment);
            ld_json_writer_append_fragment (parent, empty);
            ld_json_writer_append_fragment (streamed, fragment2);
          }
        for (guint k = 0; k < G_N_ELEMENTS (writers); k++)
          {
            ld_json_end_array (writers[k]);
            ld_json_member_bool (writers[k], "after", TRUE);
            ld_json_end_object (writers[k]);
          }
        want = ld_json_writer_steal (direct);
        got = ld_json_writer_steal (parent);
        g_assert_cmpstr (got, ==, want);
        g_assert_true (ld_json_writer_finish_stream (streamed, &error));
        g_assert_no_error (error);
        g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
        g_assert_true (g_output_stream_close (stream, NULL, NULL));
        g_assert_cmpstr (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)), ==, want);
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/json/escapes", test_escapes);
  g_test_add_func ("/core/json/random-against-reference", test_random_against_reference);
  g_test_add_func ("/core/json/keys-escaped", test_keys_escaped);
  g_test_add_func ("/core/json/every-position", test_every_position);
  g_test_add_func ("/core/json/pretty", test_pretty);
  g_test_add_func ("/core/json/deep-indent", test_deep_indent);
  g_test_add_func ("/core/json/stream-matches-memory", test_stream_matches_memory);
  g_test_add_func ("/core/json/fragments", test_fragments);
  return g_test_run ();
}
