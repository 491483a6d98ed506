/* test-message-text.c - the message browser's texts left in their log file read back exactly
 *
 * Every log fixture under tests/data, and variants of two of them that
 * change only how their bytes are written (line ends, encodings, a byte
 * that is not UTF-8, a NUL, a cut, an over-long line, a hole), is loaded
 * twice with the message browser: once leaving the texts it can in the
 * file (ld-message-text.c), once copying every text as before. Every
 * message must read the same, byte for byte, with the same fields. Where
 * the reader cannot promise that (CR alone or CR CR LF as line ends,
 * UTF-16, zips, server traces, damaged lines), the texts must be copies.
 * A file changed in place after loading must say so, not show wrong text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-message-text"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

#include "analysis-helpers.h"
#include "lyncdiag.h"
#include "ld-analysis-private.h"
#include "ld-error.h"

static LdAnalysis *
load (const char *const *paths,
      gboolean           in_file)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  gboolean any = FALSE;

  _ld_analysis_set_file_texts (analysis, in_file);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) error = NULL;

      /* A fixture that is no log (hostile zips) fails the same both ways. */
      any |= ld_analysis_add_file (analysis, file, NULL, &error);
    }
  if (!any)
    {
      g_object_unref (analysis);
      return NULL;
    }
  ld_analysis_finish (analysis);
  return analysis;
}

/* Loads @paths both ways and compares every message; returns how many
 * texts were left in the file. */
static guint
compare_paths (const char *const *paths)
{
  g_autoptr(LdAnalysis) copied = load (paths, FALSE);
  g_autoptr(LdAnalysis) placed = load (paths, TRUE);
  g_autoptr(LdMessageTexts) texts = NULL;
  GPtrArray *a, *b;
  guint in_file = 0;

  g_assert_true ((copied == NULL) == (placed == NULL));
  if (copied == NULL)
    return 0;
  a = ld_analysis_get_messages (copied);
  b = ld_analysis_get_messages (placed);
  texts = ld_message_texts_new (placed);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const LdSipMessage *x = g_ptr_array_index (a, i);
      const LdSipMessage *y = g_ptr_array_index (b, i);
      g_autoptr(GError) error = NULL;
      gsize len = 0;
      const char *text = ld_message_texts_get (texts, y, &len, &error);
      g_autofree char *one = ld_analysis_dup_message_text (placed, y, NULL, NULL);

      g_assert_no_error (error);
      g_assert_false (_ld_message_text_is_in_file (x));
      in_file += _ld_message_text_is_in_file (y);
      /* A message with diagnostic headers keeps its text: the list's
       * verdict reads them from it. */
      if (_ld_message_text_is_in_file (y))
        g_assert_cmpuint (y->diag_count, ==, 0);
      g_assert_cmpuint (x->input, ==, y->input);
      g_assert_cmpuint (x->line, ==, y->line);
      g_assert_cmpint (x->time, ==, y->time);
      g_assert_cmpint (x->fingerprint, ==, y->fingerprint);
      assert_same_summary (y, x);
      /* What the list and the call flow say of its diagnostics. */
      g_assert_cmpint (ld_sip_message_get_diagnostics_verdict (x), ==, ld_sip_message_get_diagnostics_verdict (y));
      g_assert_cmpuint (ld_analysis_get_noise_flags (copied)[i], ==, ld_analysis_get_noise_flags (placed)[i]);
      /* Byte for byte, both ways of asking. */
      g_assert_cmpstr (text, ==, x->raw);
      g_assert_cmpuint (len, ==, x->raw != NULL ? strlen (x->raw) : 0);
      g_assert_cmpstr (one, ==, x->raw);
    }
  /* Asked again, in the other order, by the same reader: its window holds
   * texts it has read already. */
  for (guint i = a->len; i-- > 0;)
    {
      const LdSipMessage *x = g_ptr_array_index (a, i);
      g_autoptr(GError) error = NULL;
      const char *text = ld_message_texts_get (texts, g_ptr_array_index (b, i), NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, x->raw);
    }
  /* A reader told of the first half only (as the parse after reading
   * plans each piece): it reads no further than their texts, and still
   * reads those of the rest when asked. */
  {
    g_autoptr(LdMessageTexts) planned = ld_message_texts_new (placed);

    _ld_message_texts_plan (planned, (LdSipMessage *const *) b->pdata, b->len / 2);
    for (guint i = 0; i < a->len; i++)
      {
        const LdSipMessage *x = g_ptr_array_index (a, i);
        g_autoptr(GError) error = NULL;
        const char *text = ld_message_texts_get (planned, g_ptr_array_index (b, i), NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (text, ==, x->raw);
      }
  }
  g_assert_cmpuint (ld_analysis_get_attempts (copied)->len, ==, ld_analysis_get_attempts (placed)->len);
  {
    g_autofree char *ja = ld_analysis_to_json (copied, TRUE);
    g_autofree char *jb = ld_analysis_to_json (placed, TRUE);

    g_assert_cmpstr (ja, ==, jb);
  }
  return in_file;
}

static guint
compare_one (const char *path)
{
  const char *paths[] = { path, NULL };

  return compare_paths (paths);
}

/* Every fixture alone, the rotated pair together, and one log twice (the
 * second input's messages are the first's: found by their fingerprints,
 * which the first input's get from texts read back). */
static void
test_every_fixture (void)
{
  g_autoptr(GPtrArray) fixtures = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autofree char *rot0 = g_test_build_filename (G_TEST_DIST, "data", "rotation", "Lync-UccApi-1.UccApilog", NULL);
  g_autofree char *rot1 = g_test_build_filename (G_TEST_DIST, "data", "rotation", "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *crlf = g_test_build_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *zip = g_test_build_filename (G_TEST_DIST, "data", "MOSDALREPORT.zip", NULL);
  g_autofree char *server = g_test_build_filename (G_TEST_DIST, "data", "sipstack-edge.log", NULL);
  guint total = 0;

  collect_fixture_files (data, NULL, fixtures);
  g_assert_cmpuint (fixtures->len, >=, 40);
  for (guint i = 0; i < fixtures->len; i++)
    {
      guint n = compare_one (g_ptr_array_index (fixtures, i));

      g_test_message ("%s: %u texts in the file", (char *) g_ptr_array_index (fixtures, i), n);
      total += n;
    }
  g_assert_cmpuint (total, >, 100);

  /* CRLF lines: in the file. */
  g_assert_cmpuint (compare_one (crlf), >, 10);
  /* Zip members and server traces: copied. */
  g_assert_cmpuint (compare_one (zip), ==, 0);
  g_assert_cmpuint (compare_one (server), ==, 0);
  {
    const char *pair[] = { rot0, rot1, NULL };
    const char *twice[] = { crlf, crlf, NULL };

    g_assert_cmpuint (compare_paths (pair), >, 0);
    g_assert_cmpuint (compare_paths (twice), >, 10);
  }
}

/* ---- Variants of a fixture's bytes ------------------------------------------ */

static char *
write_temp (const char *name,
            const char *data,
            gsize       len)
{
  g_autofree char *dir = g_dir_make_tmp ("ld-message-text-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

static void
remove_temp (char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
  g_free (path);
}

/* A BENOTIFY with a diagnostic header (real, 2139), after a sign-in that
 * names the client: presence kept as text for the browser, which keeps
 * this one's text in memory (the list's verdict reads its header). Two
 * real fixtures one after the other. */
static void
test_diagnostics_kept (void)
{
  g_autofree char *sign_in = g_test_build_filename (G_TEST_DIST, "data", "real", "register-200-gruu.uccapilog", NULL);
  g_autofree char *benotify = g_test_build_filename (G_TEST_DIST, "data", "real", "subscription-2139-terminated.uccapilog", NULL);
  g_autofree char *a = NULL, *b = NULL;
  gsize a_len, b_len;
  g_autoptr(GString) both = g_string_new (NULL);
  char *path;

  g_assert_true (g_file_get_contents (sign_in, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (benotify, &b, &b_len, NULL));
  g_string_append_len (both, a, a_len);
  g_string_append_len (both, b, b_len);
  path = write_temp ("Lync-UccApi-0.UccApilog", both->str, both->len);
  {
    const char *paths[] = { path, NULL };
    g_autoptr(LdAnalysis) analysis = load (paths, TRUE);
    GPtrArray *messages = ld_analysis_get_messages (analysis);
    guint with_diag = 0;

    compare_one (path);
    for (guint i = 0; i < messages->len; i++)
      {
        const LdSipMessage *msg = g_ptr_array_index (messages, i);

        if (msg->diag_count > 0)
          {
            with_diag++;
            g_assert_false (_ld_message_text_is_in_file (msg));
            g_assert_nonnull (strstr (msg->raw, "2139"));
          }
      }
    g_assert_cmpuint (with_diag, >, 0);
  }
  remove_temp (path);
}

/* The fixture's lines (LF or CRLF), each ended by @eol(i). */
static GString *
rewrite_line_ends (const char *fixture,
                   const char *(*eol) (guint i))
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", fixture, NULL);
  g_autofree char *data = NULL;
  gsize len;
  g_auto(GStrv) lines = NULL;
  GString *out = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize n = strlen (lines[i]);

      if (lines[i + 1] == NULL && n == 0)
        break;
      if (n > 0 && lines[i][n - 1] == '\r')
        n--;
      g_string_append_len (out, lines[i], n);
      g_string_append (out, eol (i));
    }
  return out;
}

static const char *eol_lf (guint i) { return "\n"; }
static const char *eol_crlf (guint i) { return "\r\n"; }
static const char *eol_mixed (guint i) { return i % 3 == 1 ? "\n" : "\r\n"; }
static const char *eol_cr (guint i) { return "\r"; }
static const char *eol_crcrlf (guint i) { return "\r\r\n"; }
static const char *eol_one_cr (guint i) { return i % 17 == 5 ? "\r" : "\r\n"; }

static guint
compare_bytes (const char *data,
               gsize       len)
{
  char *path = write_temp ("Lync-UccApi-0.UccApilog", data, len);
  guint n = compare_one (path);

  remove_temp (path);
  return n;
}

static guint
compare_line_ends (const char *(*eol) (guint i),
                   guint      *n_messages)
{
  g_autoptr(GString) log = rewrite_line_ends ("Lync-UccApi-0.UccApilog", eol);
  char *path = write_temp ("Lync-UccApi-0.UccApilog", log->str, log->len);
  const char *paths[] = { path, NULL };
  g_autoptr(LdAnalysis) analysis = load (paths, TRUE);
  guint n = compare_one (path);

  *n_messages = ld_analysis_get_messages (analysis)->len;
  remove_temp (path);
  return n;
}

/* LF, CRLF and the two mixed in one record are undone exactly; a CR alone
 * or CR CR LF (a text-mode stream's CRLF) are not: those records are
 * copied. */
static void
test_line_ends (void)
{
  guint n, all;

  n = compare_line_ends (eol_lf, &all);
  g_assert_cmpuint (all, >, 10);
  /* Those with diagnostic headers keep their text (ld-message-text.c). */
  g_assert_cmpuint (n, >, 5);
  g_assert_cmpuint (n, <, all);
  g_assert_cmpuint (compare_line_ends (eol_crlf, &all), ==, n);
  g_assert_cmpuint (compare_line_ends (eol_mixed, &all), ==, n);
  g_assert_cmpuint (compare_line_ends (eol_cr, &all), ==, 0);
  g_assert_cmpuint (compare_line_ends (eol_crcrlf, &all), ==, 0);
  /* A lone CR now and then: only the records it is in are copied. */
  {
    guint some = compare_line_ends (eol_one_cr, &all);

    g_assert_cmpuint (some, >, 0);
    g_assert_cmpuint (some, <, n);
  }
}

/* Encodings and damage: a byte-order mark moves every offset; UTF-16 is
 * decoded (copied); a byte that is not UTF-8, a NUL, a line over the
 * reader's limit and a file cut in a record each make only their own
 * record a copy. */
static void
test_bytes (void)
{
  g_autoptr(GString) lf = rewrite_line_ends ("Lync-UccApi-0.UccApilog", eol_lf);
  guint plain = compare_bytes (lf->str, lf->len);

  g_assert_cmpuint (plain, >, 5);
  {
    g_autoptr(GString) bom = g_string_new ("\xEF\xBB\xBF");

    g_string_append_len (bom, lf->str, lf->len);
    g_assert_cmpuint (compare_bytes (bom->str, bom->len), ==, plain);
  }
  {
    g_autofree char *utf16 = g_convert (lf->str, lf->len, "UTF-16LE", "UTF-8", NULL, NULL, NULL);
    gsize n = lf->len * 2;
    g_autoptr(GString) with_bom = g_string_new_len ("\xFF\xFE", 2);

    g_assert_nonnull (utf16);
    g_string_append_len (with_bom, utf16, n);
    g_assert_cmpuint (compare_bytes (with_bom->str, with_bom->len), ==, 0);
  }
  {
    /* "Content-Length" of one record spelt with a Latin-1 byte. */
    g_autoptr(GString) latin1 = g_string_new_len (lf->str, lf->len);
    char *at = strstr (latin1->str, "User-Agent: ");

    g_assert_nonnull (at);
    at[11] = (char) 0xE9;
    g_assert_cmpuint (compare_bytes (latin1->str, latin1->len), <, plain);
  }
  {
    g_autoptr(GString) nul = g_string_new_len (lf->str, lf->len);
    char *at = strstr (nul->str, "CSeq: ");

    g_assert_nonnull (at);
    at[4] = '\0';
    g_assert_cmpuint (compare_bytes (nul->str, nul->len), <, plain);
  }
  {
    /* A header line of 5 MB: cut by the reader (LD_LOG_READER_MAX_LINE). */
    g_autoptr(GString) big = g_string_new_len (lf->str, lf->len);
    char *at = strstr (big->str, "CSeq: ");
    g_autofree char *filler = g_strnfill (5 * 1024 * 1024, 'x');
    gsize pos = at - big->str;

    g_string_insert (big, pos, "X-Filler: ");
    g_string_insert (big, pos + 10, filler);
    g_string_insert (big, pos + 10 + strlen (filler), "\n");
    g_assert_cmpuint (compare_bytes (big->str, big->len), <, plain);
  }
  {
    /* Cut in the middle of a record. */
    gsize cut = lf->len / 2;

    g_assert_cmpuint (compare_bytes (lf->str, cut), <, plain);
  }
}

/* A text read again loses its CRs in one pass over its bytes, 32 or 16
 * at a time (ld-message-text.c): against a byte-at-a-time copy, for texts
 * of every length up to 200 and where a CR, a NUL or a byte that is not
 * ASCII falls at each place of a step, and for lengths asked for shorter
 * or longer than the bytes give. */
static void
test_copy_without_crs (void)
{
  static const char alphabet[] = { 'a', 'b', ':', ' ', '\n', '\r', '\r', '\0', (char) 0xC3, (char) 0xA9 };
  GRand *rand = g_rand_new_with_seed (25);

  for (guint round = 0; round < 6000; round++)
    {
      gsize len = (gsize) g_rand_int_range (rand, 0, 200);
      /* Mostly plain text; now and then a byte of the others. */
      int odd_one_in = g_rand_int_range (rand, 2, 40);
      g_autofree char *from = g_malloc (len + 1);
      g_autofree char *want_text = g_malloc (len + 1);
      gsize n = 0, want;
      gboolean want_plain = TRUE;

      for (gsize i = 0; i < len; i++)
        from[i] = g_rand_int_range (rand, 0, odd_one_in) == 0
                    ? alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]
                    : (char) g_rand_int_range (rand, 'a', 'z' + 1);
      for (gsize i = 0; i < len; i++)
        if (from[i] != '\r')
          want_text[n++] = from[i];
      /* What is asked for: all of it, less, or more than there is. */
      switch (round % 3)
        {
        case 0: want = n; break;
        case 1: want = n > 0 ? (gsize) g_rand_int_range (rand, 0, (gint32) n) : 0; break;
        default: want = n + (gsize) g_rand_int_range (rand, 1, 40); break;
        }
      for (gsize i = 0; i < MIN (want, n); i++)
        if ((guchar) want_text[i] >= 0x80 || want_text[i] == '\0')
          want_plain = FALSE;
      for (int wide = 0; wide < 2; wide++)
        {
          g_autofree char *out = g_malloc (want + 32);
          gboolean plain = TRUE;
          gsize got = _ld_message_text_copy_without_crs (out, from, len, want, wide, &plain);

          g_assert_cmpuint (got, ==, MIN (want, n));
          g_assert_cmpmem (out, got, want_text, got);
          /* It may look further than it copies, never say plain wrongly. */
          if (!want_plain)
            g_assert_false (plain);
          if (want >= n)
            g_assert_cmpint (plain, ==, want_plain);
        }
    }
  g_rand_free (rand);
}

#ifdef G_OS_UNIX
/* A hole of a sparse file between two halves of a log: the records after
 * it are still placed right. */
static void
test_hole (void)
{
  g_autoptr(GString) lf = rewrite_line_ends ("Lync-UccApi-0.UccApilog", eol_lf);
  g_autofree char *dir = g_dir_make_tmp ("ld-message-text-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  const char *half = strstr (lf->str + lf->len / 2, "\n0");
  gsize first = half - lf->str + 1;
  gsize padded = (first + 4095) / 4096 * 4096;
  int fd;

  g_assert_nonnull (half);
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, lf->str, first), ==, (gssize) first);
  /* Spaces up to a block, a line of them without a prefix (skipped). */
  for (gsize i = first; i < padded; i++)
    g_assert_cmpint (write (fd, i + 1 == padded ? "\n" : " ", 1), ==, 1);
  g_assert_cmpint (lseek (fd, (off_t) padded + 1024 * 1024, SEEK_SET), >, 0);
  g_assert_cmpint (write (fd, lf->str + first, lf->len - first), ==, (gssize) (lf->len - first));
  close (fd);
  g_assert_cmpuint (compare_one (path), >, 5);
  g_unlink (path);
  g_rmdir (dir);
}

/* After loading: renamed (rotation) it reads on; overwritten or cut short
 * in place, it says so, in words, instead of showing other text. */
static void
test_changed_on_disk (void)
{
  g_autoptr(GString) lf = rewrite_line_ends ("Lync-UccApi-0.UccApilog", eol_lf);
  char *path = write_temp ("Lync-UccApi-0.UccApilog", lf->str, lf->len);
  g_autofree char *moved = g_strconcat (path, ".1", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(LdAnalysis) analysis = load (paths, TRUE);
  GPtrArray *messages = ld_analysis_get_messages (analysis);
  const LdSipMessage *placed = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int fd;

  for (guint i = messages->len; i-- > 0 && placed == NULL;)
    if (_ld_message_text_is_in_file (g_ptr_array_index (messages, i)))
      placed = g_ptr_array_index (messages, i);
  g_assert_nonnull (placed);
  before = ld_analysis_dup_message_text (analysis, placed, NULL, &error);
  g_assert_no_error (error);

  /* Rotated: renamed, and a new file of that name. */
  g_assert_cmpint (g_rename (path, moved), ==, 0);
  g_assert_true (g_file_set_contents (path, "new", 3, NULL));
  text = ld_analysis_dup_message_text (analysis, placed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, before);
  g_clear_pointer (&text, g_free);

  /* Overwritten in place: the same bytes, another message's text at its
   * place (letters swapped). */
  fd = open (moved, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  {
    g_autoptr(GString) swapped = g_string_new_len (lf->str, lf->len);

    for (gsize i = 0; i < swapped->len; i++)
      if (g_ascii_isalpha (swapped->str[i]))
        swapped->str[i] ^= 0x20;
    g_assert_cmpint (pwrite (fd, swapped->str, swapped->len, 0), ==, (gssize) swapped->len);
  }
  text = ld_analysis_dup_message_text (analysis, placed, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, LD_ERROR, LD_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "changed on disk"));
  g_clear_error (&error);

  /* Cut short. */
  g_assert_cmpint (ftruncate (fd, 10), ==, 0);
  close (fd);
  {
    g_autoptr(LdMessageTexts) texts = ld_message_texts_new (analysis);

    g_assert_null (ld_message_texts_get (texts, placed, NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_READ);
  }
  g_unlink (moved);
  remove_temp (path);
}

static guint
count_open_fds (void)
{
  g_autoptr(GDir) d = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A folder of many logs: at most 128 stay open for their texts, so that
 * the files still to be opened can be; the others' texts are copies. */
static void
test_many_inputs (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *dir = g_dir_make_tmp ("ld-message-text-XXXXXX", NULL);
  g_autofree char *data = NULL;
  gsize len;
  guint before;

  if (!g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no /proc/self/fd to count open files");
      return;
    }
  g_assert_true (g_file_get_contents (fixture, &data, &len, NULL));
  for (guint i = 0; i < 140; i++)
    {
      g_autofree char *name = g_strdup_printf ("log-%03u.uccapilog", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
    }
  before = count_open_fds ();
  {
    const char *paths[] = { dir, NULL };
    g_autoptr(LdAnalysis) analysis = load (paths, TRUE);

    g_assert_nonnull (analysis);
    g_assert_cmpuint (ld_analysis_get_inputs (analysis)->len, ==, 140);
    g_assert_cmpuint (count_open_fds (), ==, before + 128);
    g_assert_cmpuint (compare_one (dir), >, 0);
  }
  g_assert_cmpuint (count_open_fds (), ==, before);
  for (guint i = 0; i < 140; i++)
    {
      g_autofree char *name = g_strdup_printf ("log-%03u.uccapilog", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/message-text/every-fixture", test_every_fixture);
  g_test_add_func ("/core/message-text/diagnostics-kept", test_diagnostics_kept);
  g_test_add_func ("/core/message-text/line-ends", test_line_ends);
  g_test_add_func ("/core/message-text/bytes", test_bytes);
  g_test_add_func ("/core/message-text/copy-without-crs", test_copy_without_crs);
#ifdef G_OS_UNIX
  g_test_add_func ("/core/message-text/hole", test_hole);
  g_test_add_func ("/core/message-text/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/core/message-text/many-inputs", test_many_inputs);
#endif
  return g_test_run ();
}
