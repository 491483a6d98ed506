/* test-input.c - files, folders and zips, and every bad input answered clearly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lyncdiag.h"
#include "analysis-helpers.h"
#include "ld-input-private.h"
#include "ld-value-cap.h"
#include "ld-zip-writer.h"

static LdAnalysis *
try_add (const char  *path,
         GError     **error)
{
  LdAnalysis *an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ld_analysis_add_file (an, file, NULL, error);
  ld_analysis_finish (an);
  return an;
}

static const char *
data (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "data", name, NULL);
}

static char *
write_tmp (const char *name,
           const char *contents,
           gssize      len)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-in-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

static void
remove_tmp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_mosdal_zip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = try_add (data ("MOSDALREPORT.zip"), &error);
  GPtrArray *inputs = ld_analysis_get_inputs (an);
  const LdInput *in;

  g_assert_no_error (error);
  g_assert_cmpuint (inputs->len, ==, 1);
  in = g_ptr_array_index (inputs, 0);
  g_assert_true (g_str_has_suffix (in->path, "MOSDALREPORT.zip"));
  g_assert_cmpstr (in->member, ==, "MOSDAL_Report/User_Applications/Lync/Tracing/Lync-UccApi-0.UccApilog");
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 3);
  g_assert_cmpint (((LdAttempt *) g_ptr_array_index (ld_analysis_get_attempts (an), 2))->outcome, ==,
                   LD_OUTCOME_FAILED);
}

static void
test_odd_layout_zip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = try_add (data ("odd-layout.zip"), &error);
  GPtrArray *inputs = ld_analysis_get_inputs (an);
  gboolean deep = FALSE, nested = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (inputs->len, ==, 2);
  for (guint i = 0; i < inputs->len; i++)
    {
      const LdInput *in = g_ptr_array_index (inputs, i);

      if (g_strcmp0 (in->member, "a/b/c/d/Communicator-uccapi-0.UCCAPILOG") == 0)
        deep = TRUE;
      if (g_strcmp0 (in->member, "nested/MOSDALREPORT.zip/MOSDAL_Report/User_Applications/Lync/Tracing/Lync-UccApi-0.UccApilog") == 0)
        nested = TRUE;
    }
  g_assert_true (deep);
  g_assert_true (nested);
  /* Nothing was written next to the fixture or anywhere else. */
  g_assert_false (g_file_test (data ("x"), G_FILE_TEST_EXISTS));
}

/* Every input skipped names @path, with a sentence that names it too. */
static void
assert_skipped_name (LdAnalysis *an,
                     const char *path)
{
  GPtrArray *skipped = ld_analysis_get_skipped (an);
  g_autofree char *base = g_path_get_basename (path);

  g_assert_cmpuint (skipped->len, >, 0);
  for (guint i = 0; i < skipped->len; i++)
    {
      const LdSkippedInput *s = g_ptr_array_index (skipped, i);

      g_assert_cmpstr (s->path, ==, path);
      g_assert_nonnull (strstr (s->reason, base));
      g_assert_true (g_utf8_validate (s->reason, -1, NULL));
    }
}

static void
expect_error (const char *path,
              int         code,
              const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = NULL;
  gint64 t0 = g_get_monotonic_time ();

  an = try_add (path, &error);
  g_test_message ("%s: %s", path, error ? error->message : "(no error)");
  g_assert_error (error, LD_ERROR, code);
  g_assert_nonnull (strstr (error->message, needle));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 0);
  /* Refused quickly, not after inflating anything. */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 10 * G_USEC_PER_SEC);
  /* And recorded, naming the input: nothing is dropped silently. */
  assert_skipped_name (an, path);
}

static void
test_bad_zips (void)
{
  expect_error (data ("truncated.zip"), LD_ERROR_ZIP, "not a readable zip");
  expect_error (data ("no-logs.zip"), LD_ERROR_NO_LOGS, "holds no Lync or Skype for Business log");
  expect_error (data ("encrypted.zip"), LD_ERROR_ZIP, "encrypted");
  expect_error (data ("bomb.zip"), LD_ERROR_LIMIT, "zip bomb");
}

static void
test_lying_zip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = try_add (data ("lying-sizes.zip"), &error);

  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_error (error, LD_ERROR, LD_ERROR_ZIP);
  g_assert_nonnull (strstr (error->message, "not a readable zip"));
}

static void
test_empty_and_garbage (void)
{
  g_autofree char *empty = write_tmp ("Lync-UccApi-0.UccApilog", "", 0);
  g_autofree char *garbage = NULL;
  g_autofree char *text = write_tmp ("notes.txt", "Dear helpdesk,\nsharing does not work.\n", -1);
  char bin[8192];

  for (guint i = 0; i < sizeof bin; i++)
    bin[i] = (char) g_test_rand_int_range (0, 256);
  bin[0] = 0x7f;
  bin[1] = 'E';
  garbage = write_tmp ("Lync-UccApi-0.UccApilog", bin, sizeof bin);

  expect_error (empty, LD_ERROR_NOT_A_LOG, "is empty");
  expect_error (garbage, LD_ERROR_NOT_A_LOG, "binary");
  expect_error (text, LD_ERROR_NOT_A_LOG, "is not a Lync or Skype for Business log");
  remove_tmp (empty);
  remove_tmp (garbage);
  remove_tmp (text);
}

static void
test_missing_and_unreadable (void)
{
  g_autofree char *path = write_tmp ("Lync-UccApi-0.UccApilog", "x", 1);

  expect_error ("/nonexistent/Lync-UccApi-0.UccApilog", LD_ERROR_READ, "does not exist");
  if (getuid () != 0)
    {
      g_chmod (path, 0);
      expect_error (path, LD_ERROR_READ, "permission denied");
    }
  remove_tmp (path);
}

typedef struct
{
  const char *path;
  gboolean    appended;
} Writer;

/* Called between two reads: the client writes more meanwhile. */
static void
append_while_read (guint64  done,
                   guint64  total,
                   gpointer user_data)
{
  Writer *writer = user_data;
  FILE *f;

  if (writer->appended)
    return;
  writer->appended = TRUE;
  f = fopen (writer->path, "a");
  g_assert_nonnull (f);
  fputs ("01/30/2014|10:09:00.000 1A2C:1B3C INFO  :: still writing\n", f);
  fclose (f);
}

/* A file that changes while it is read: analysed as read, and said so. */
static void
test_changed_while_read (void)
{
  g_autofree char *contents = NULL;
  gsize len;
  g_autofree char *path = NULL;
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(LdAnalysis) calm = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  Writer writer = { NULL, FALSE };
  LdInput *input;
  gboolean ok;

  g_assert_true (g_file_get_contents (data ("Lync-UccApi-0.UccApilog"), &contents, &len, NULL));
  path = write_tmp ("Lync-UccApi-0.UccApilog", contents, len);
  file = g_file_new_for_path (path);

  /* Unchanged: no note. */
  calm = try_add (path, &error);
  g_assert_no_error (error);
  input = g_ptr_array_index (ld_analysis_get_inputs (calm), 0);
  g_assert_cmpuint (input->problems->len, ==, 0);

  writer.path = path;
  ld_analysis_set_progress_func (an, append_while_read, &writer);
  ok = ld_analysis_add_file (an, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ld_analysis_finish (an);
  g_assert_true (writer.appended);
  input = g_ptr_array_index (ld_analysis_get_inputs (an), 0);
  g_assert_cmpuint (input->problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (input->problems, 0), "changed while it was read"));
  /* What was read is still analysed. */
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, ld_analysis_get_attempts (calm)->len);
  remove_tmp (path);
}

static void
test_folders (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-dir-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "Tracing", "deeper", NULL);
  g_autofree char *log = g_build_filename (sub, "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *other = g_build_filename (dir, "ipconfig.txt", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  /* A folder without logs: a clear error. */
  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (other, "Windows IP Configuration\n", -1, NULL));
  expect_error (dir, LD_ERROR_NO_LOGS, "No Lync or Skype for Business log was found in the folder");

  /* The same folder with a log two levels down. */
  g_assert_true (g_file_get_contents (data ("Communicator-uccapi-0.uccapilog"), &contents, &len, NULL));
  g_assert_true (g_file_set_contents (log, contents, len, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LdAnalysis) an = try_add (dir, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 1);
    g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 2);
  }
  g_unlink (log);
  g_unlink (other);
  g_rmdir (sub);
  {
    g_autofree char *tracing = g_path_get_dirname (sub);
    g_rmdir (tracing);
  }
  g_rmdir (dir);
}

static void
test_no_sip (void)
{
  const char *text = "01/30/2014|10:04:59.870 1A2C:1B3C INFO  :: tracing started\r\n"
                     "01/30/2014|10:05:00.870 1A2C:1B3C INFO  :: nothing else\r\n";
  g_autofree char *path = write_tmp ("Lync-UccApi-0.UccApilog", text, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = try_add (path, &error);
  const LdInput *in;

  g_assert_no_error (error);
  g_assert_true (ld_analysis_is_empty (an));
  in = g_ptr_array_index (ld_analysis_get_inputs (an), 0);
  g_assert_cmpuint (in->problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (in->problems, 0), "no SIP message"));
  remove_tmp (path);
}

static void
test_ansi_and_nul (void)
{
  /* A display name in Windows-1252 and a NUL inside a header. */
  const char text[] =
    "01/01/2015|09:00:00.000 10:20 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\r\n"
    "01/01/2015|09:00:00.000 10:20 INFO :: INVITE sip:bob@example.com SIP/2.0\r\n"
    "From: \"J\xe9r\xf4me M\xfcller\" <sip:jm@example.com>;tag=a\r\n"
    "To: <sip:bob@example.com>\r\n"
    "Subject: nul\0inside\r\n"
    "Call-ID: ansi\r\n"
    "CSeq: 1 INVITE\r\n"
    "\r\n"
    "m=audio 5000 RTP/AVP 0\r\n"
    "01/01/2015|09:00:00.001 10:20 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\r\n";
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  const LdAttempt *a;

  g_assert_true (ld_analysis_add_data (an, "ansi.uccapilog", text, sizeof text - 1, &error));
  ld_analysis_finish (an);
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 1);
  a = g_ptr_array_index (ld_analysis_get_attempts (an), 0);
  g_assert_cmpstr (a->invite->from, ==, "\"Jérôme Müller\" <sip:jm@example.com>;tag=a");
}

/* ---- Hostile zips and folders (made here, byte by byte) ------------------ */

static GBytes *
log_bytes (void)
{
  char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (data ("Lync-UccApi-0.UccApilog"), &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

/* The article's log repeated to @size bytes: a log any reader accepts. */
static GBytes *
log_of_size (gsize size)
{
  g_autoptr(GBytes) log = log_bytes ();
  gsize len;
  const char *src = g_bytes_get_data (log, &len);
  char *out = g_malloc (size);

  for (gsize i = 0; i < size; i += len)
    memcpy (out + i, src, MIN (len, size - i));
  return g_bytes_new_take (out, size);
}

static char *
write_zip (const char *dir,
           const char *name,
           GByteArray *zip)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, (const char *) zip->data, zip->len, NULL));
  return path;
}

static const LdSkippedInput *
find_skipped (LdAnalysis *an,
              const char *member)
{
  GPtrArray *skipped = ld_analysis_get_skipped (an);

  for (guint i = 0; i < skipped->len; i++)
    {
      const LdSkippedInput *s = g_ptr_array_index (skipped, i);

      if (g_strcmp0 (s->member, member) == 0)
        return s;
    }
  return NULL;
}

static gboolean
has_input (LdAnalysis *an,
           const char *member)
{
  GPtrArray *inputs = ld_analysis_get_inputs (an);

  for (guint i = 0; i < inputs->len; i++)
    if (g_strcmp0 (((LdInput *) g_ptr_array_index (inputs, i))->member, member) == 0)
      return TRUE;
  return FALSE;
}

/* Audit: only the first damaged member of a zip was reported. Every one is
 * now, each with its own reason, and the good one is analysed. */
static void
test_zip_every_damaged_member (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-zip-XXXXXX", NULL);
  g_autoptr(GBytes) log = log_bytes ();
  g_autofree guint8 *c0 = NULL, *c1 = NULL, *c2 = NULL;
  ZwMember m[3] = {
    zw_member_deflated ("Lync-UccApi-0.UccApilog", g_bytes_get_data (log, NULL), g_bytes_get_size (log), &c0),
    zw_member_deflated ("Lync-UccApi-0.UccApilog.bak", g_bytes_get_data (log, NULL), g_bytes_get_size (log), &c1),
    zw_member_deflated ("Lync-UccApi-1.UccApilog", g_bytes_get_data (log, NULL), g_bytes_get_size (log), &c2),
  };
  g_autoptr(GByteArray) zip = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = NULL;
  const LdSkippedInput *crc, *inflate;

  m[1].crc ^= 1;                       /* damaged after it was zipped */
  for (gsize i = m[2].len / 4; i < m[2].len / 2; i++)
    c2[i] ^= 0x55;                     /* damaged deflate stream */
  zip = zw_build (m, 3);
  path = write_zip (dir, "damaged.zip", zip);

  an = try_add (path, &error);
  g_assert_no_error (error);
  g_assert_true (has_input (an, "Lync-UccApi-0.UccApilog"));
  g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 1);
  g_assert_cmpuint (ld_analysis_get_skipped (an)->len, ==, 2);
  crc = find_skipped (an, "Lync-UccApi-0.UccApilog.bak");
  inflate = find_skipped (an, "Lync-UccApi-1.UccApilog");
  g_assert_nonnull (crc);
  g_assert_nonnull (inflate);
  g_assert_cmpstr (crc->path, ==, path);
  g_assert_nonnull (strstr (crc->reason, "checksum"));
  g_assert_nonnull (strstr (inflate->reason, "compressed data is damaged"));
  g_assert_true (ld_skipped_input_is_unread (crc));
  g_assert_true (ld_skipped_input_is_unread (inflate));
  remove_tree (dir);
}

/* Audit: a member declaring 0 bytes inflated 3 GB with exit 0. The real
 * inflated size is trusted, never past the declared one. */
static void
test_zip_sizes_lie (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-zip-XXXXXX", NULL);
  g_autoptr(GBytes) big = log_of_size (16 * 1024 * 1024);
  g_autofree guint8 *c = NULL;
  ZwMember m = zw_member_deflated ("Lync-UccApi-0.UccApilog", g_bytes_get_data (big, NULL),
                                   g_bytes_get_size (big), &c);
  guint32 lies[] = { 0, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (lies); i++)
    {
      g_autoptr(GByteArray) zip = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LdAnalysis) an = NULL;
      const LdSkippedInput *s;
      gint64 t0 = g_get_monotonic_time ();

      m.size = lies[i];
      zip = zw_build (&m, 1);
      path = write_zip (dir, "lies.zip", zip);
      an = try_add (path, &error);
      g_assert_error (error, LD_ERROR, LD_ERROR_ZIP);
      g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 0);
      s = find_skipped (an, "Lync-UccApi-0.UccApilog");
      g_assert_nonnull (s);
      g_assert_nonnull (strstr (s->reason, "more data than its entry declares"));
      /* Stopped at the lie, not after inflating the rest. */
      g_assert_cmpint (g_get_monotonic_time () - t0, <, 2 * G_USEC_PER_SEC);
    }
  remove_tree (dir);
}

/* Duplicate names, unknown compression: libzip's words ("File already
 * exists", "Compression method not supported") become the user's. */
static void
test_zip_errors_in_words (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-zip-XXXXXX", NULL);
  g_autoptr(GBytes) log = log_bytes ();
  g_autofree guint8 *c = NULL;
  ZwMember m = zw_member_deflated ("Lync-UccApi-0.UccApilog", g_bytes_get_data (log, NULL),
                                   g_bytes_get_size (log), &c);
  ZwMember two[2] = { m, m };
  g_autoptr(GByteArray) dup = zw_build (two, 2);
  g_autofree char *dup_path = write_zip (dir, "duplicate.zip", dup);
  g_autoptr(GByteArray) implode = NULL;
  g_autofree char *implode_path = NULL;
  g_autoptr(GByteArray) encrypted = NULL;
  g_autofree char *encrypted_path = NULL;

  expect_error (dup_path, LD_ERROR_ZIP, "same name");
  m.method = 6;     /* implode (PKZIP 1.x) */
  implode = zw_build (&m, 1);
  implode_path = write_zip (dir, "implode.zip", implode);
  expect_error (implode_path, LD_ERROR_ZIP, "compressed with a method");
  m.method = 8;
  m.flags = 1;      /* traditional PKWARE encryption */
  encrypted = zw_build (&m, 1);
  encrypted_path = write_zip (dir, "encrypted.zip", encrypted);
  expect_error (encrypted_path, LD_ERROR_ZIP, "encrypted");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LdAnalysis) an = try_add (dup_path, &error);

    g_assert_null (strstr (error->message, "File already exists"));
  }
  remove_tree (dir);
}

/* Audit: 300 members of 63 MB were analysed for a minute without a word.
 * All the zips of an analysis share one budget; the newest logs get it,
 * and each member left out is named. Made small here with a small budget
 * (test-cli.sh runs the real one). */
static void
test_zip_budget (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-zip-XXXXXX", NULL);
  g_autoptr(GBytes) mb = log_of_size (1024 * 1024);
  g_autofree guint8 *c = NULL;
  ZwMember m = zw_member_deflated ("x", g_bytes_get_data (mb, NULL), g_bytes_get_size (mb), &c);
  ZwMember members[6];
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) zip = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      members[i] = m;
      members[i].name = g_strdup_printf ("Tracing/Lync-UccApi-%u.UccApilog", i);
      g_ptr_array_add (names, (char *) members[i].name);
    }
  zip = zw_build (members, G_N_ELEMENTS (members));
  path = write_zip (dir, "many.zip", zip);
  file = g_file_new_for_path (path);

  _ld_analysis_set_zip_budget (an, 3 * 1024 * 1024 + 10, LD_MAX_ZIP_LOGS);
  g_assert_true (ld_analysis_add_file (an, file, NULL, &error));
  g_assert_no_error (error);
  ld_analysis_finish (an);
  /* The three newest ("-0" is the live log) were read. */
  g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (has_input (an, g_ptr_array_index (names, i)));
  g_assert_cmpuint (ld_analysis_get_skipped (an)->len, ==, 3);
  for (guint i = 3; i < 6; i++)
    {
      const LdSkippedInput *s = find_skipped (an, g_ptr_array_index (names, i));

      g_assert_nonnull (s);
      g_assert_cmpint (s->code, ==, LD_ERROR_LIMIT);
      g_assert_true (ld_skipped_input_is_unread (s));
      g_assert_nonnull (strstr (s->reason, "newest"));
      g_assert_nonnull (strstr (s->reason, path));
    }
  remove_tree (dir);
}

/* What a member set aside and did not use (a .txt that is not a log) is
 * given back for the next zip. */
static void
test_zip_budget_refund (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-zip-XXXXXX", NULL);
  g_autoptr(GBytes) notes = g_bytes_new_take (g_strnfill (2 * 1024 * 1024, 'x'), 2 * 1024 * 1024);
  g_autoptr(GBytes) log = log_of_size (2 * 1024 * 1024);
  g_autofree guint8 *c1 = NULL, *c2 = NULL;
  ZwMember first = zw_member_deflated ("notes.txt", g_bytes_get_data (notes, NULL), g_bytes_get_size (notes), &c1);
  ZwMember second = zw_member_deflated ("Lync-UccApi-0.UccApilog", g_bytes_get_data (log, NULL),
                                        g_bytes_get_size (log), &c2);
  g_autoptr(GByteArray) zip1 = zw_build (&first, 1);
  g_autoptr(GByteArray) zip2 = zw_build (&second, 1);
  g_autofree char *p1 = write_zip (dir, "a.zip", zip1);
  g_autofree char *p2 = write_zip (dir, "b.zip", zip2);
  g_autoptr(GFile) f1 = g_file_new_for_path (p1);
  g_autoptr(GFile) f2 = g_file_new_for_path (p2);
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);

  _ld_analysis_set_zip_budget (an, 3 * 1024 * 1024, LD_MAX_ZIP_LOGS);
  g_assert_false (ld_analysis_add_file (an, f1, NULL, NULL));   /* no log in it */
  g_assert_true (ld_analysis_add_file (an, f2, NULL, NULL));
  ld_analysis_finish (an);
  g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 1);
  remove_tree (dir);
}

/* More members named like logs than the analysis reads from zips (here
 * 200 for 205; LD_MAX_ZIP_LOGS in use): the newest are read, the rest are
 * counted in one note. */
static void
test_zip_member_cap (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-zip-XXXXXX", NULL);
  g_autoptr(GBytes) log = log_bytes ();
  g_autofree guint8 *c = NULL;
  guint cap = 200, n = cap + 5;
  g_autofree ZwMember *members = g_new0 (ZwMember, n);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) zip = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  const LdSkippedInput *note = NULL;

  for (guint i = 0; i < n; i++)
    {
      char *name = g_strdup_printf ("l/%05u/Lync-UccApi-0.UccApilog", i);
      ZwMember empty = { name, 0, 0, (const guint8 *) "", 0, 0, 0 };

      g_ptr_array_add (names, name);
      members[i] = empty;
    }
  /* The newest in reading order (names are read in descending order). */
  members[0] = zw_member_deflated (g_ptr_array_index (names, 0), g_bytes_get_data (log, NULL),
                                   g_bytes_get_size (log), &c);
  zip = zw_build (members, n);
  path = write_zip (dir, "many-logs.zip", zip);
  file = g_file_new_for_path (path);

  _ld_analysis_set_zip_budget (an, LD_MAX_ZIP_TOTAL, cap);
  g_assert_true (ld_analysis_add_file (an, file, NULL, &error));
  g_assert_no_error (error);
  ld_analysis_finish (an);
  g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 1);
  for (guint i = 0; i < ld_analysis_get_skipped (an)->len; i++)
    {
      const LdSkippedInput *s = g_ptr_array_index (ld_analysis_get_skipped (an), i);

      if (s->code == LD_ERROR_LIMIT)
        {
          g_assert_null (note);
          note = s;
        }
      else
        g_assert_nonnull (strstr (s->reason, "is empty"));
    }
  g_assert_nonnull (note);
  g_assert_null (note->member);
  g_assert_nonnull (strstr (note->reason, "5 files named like logs"));
  g_assert_nonnull (strstr (note->reason, path));
  /* The 199 empty ones read, and the note. */
  g_assert_cmpuint (ld_analysis_get_skipped (an)->len, ==, cap - 1 + 1);
  remove_tree (dir);
}

/* Audit: a 65,000-character member name took a minute to lay out. It is
 * cut in the middle, said, and the log still read. */
static void
test_zip_long_member_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-zip-XXXXXX", NULL);
  g_autoptr(GBytes) log = log_bytes ();
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree guint8 *c = NULL;
  ZwMember m;
  g_autoptr(GByteArray) zip = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = NULL;
  const LdInput *in;

  while (name->len < 60000)
    g_string_append (name, "Tracing/");
  g_string_append (name, "Lync-UccApi-0.UccApilog");
  m = zw_member_deflated (name->str, g_bytes_get_data (log, NULL), g_bytes_get_size (log), &c);
  zip = zw_build (&m, 1);
  path = write_zip (dir, "long.zip", zip);
  an = try_add (path, &error);
  g_assert_no_error (error);
  in = g_ptr_array_index (ld_analysis_get_inputs (an), 0);
  g_assert_cmpuint (strlen (in->member), <=, LD_MAX_MEMBER_NAME + 4);
  g_assert_true (g_str_has_prefix (in->member, "Tracing/Tracing/"));
  g_assert_true (g_str_has_suffix (in->member, "Lync-UccApi-0.UccApilog"));
  g_assert_nonnull (strstr (in->member, "…"));
  g_assert_cmpuint (in->problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (in->problems, 0), "cut in the middle"));
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 3);
  remove_tree (dir);
}

/* Audit: inside a folder, a damaged zip, a binary "log" and an unreadable
 * file were dropped with exit 0 and no note. Each is named now; files not
 * named like logs (ipconfig.txt that is not one) are no business of ours. */
static void
test_folder_skips_named (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-dir-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *binary = g_build_filename (dir, "Lync-UccApi-1.UccApilog", NULL);
  g_autofree char *empty = g_build_filename (dir, "Lync-UccApi-2.UccApilog", NULL);
  g_autofree char *damaged = g_build_filename (dir, "MOSDALREPORT.zip", NULL);
  g_autofree char *unreadable = g_build_filename (dir, "Lync-UccApi-3.UccApilog", NULL);
  g_autofree char *link = g_build_filename (dir, "Lync-UccApi-4.UccApilog", NULL);
  g_autofree char *fifo = g_build_filename (dir, "Lync-UccApi-5.UccApilog", NULL);
  g_autofree char *notes = g_build_filename (dir, "ipconfig.txt", NULL);
  g_autofree char *truncated = NULL;
  g_autoptr(GBytes) log = log_bytes ();
  char bin[8192];
  gsize tlen;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = NULL;
  GPtrArray *skipped;
  struct { const char *path; const char *needle; gboolean unread; } want[] = {
    { binary, "binary", FALSE },
    { empty, "is empty", FALSE },
    { damaged, "not a readable zip", TRUE },
    { link, "symbolic link", TRUE },
    { fifo, "not a regular file", TRUE },
    { unreadable, "permission denied", TRUE },
  };
  guint n_want = G_N_ELEMENTS (want);

  g_assert_true (g_file_set_contents (good, g_bytes_get_data (log, NULL), g_bytes_get_size (log), NULL));
  for (guint i = 0; i < sizeof bin; i++)
    bin[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (binary, bin, sizeof bin, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_get_contents (data ("truncated.zip"), &truncated, &tlen, NULL));
  g_assert_true (g_file_set_contents (damaged, truncated, tlen, NULL));
  g_assert_true (g_file_set_contents (unreadable, "x", 1, NULL));
  g_chmod (unreadable, 0);
  g_assert_cmpint (symlink (good, link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_file_set_contents (notes, "Windows IP Configuration\n", -1, NULL));
  if (getuid () == 0)
    {
      /* Root reads it all the same: then it is simply not a log. */
      want[n_want - 1].needle = "is not a Lync";
      want[n_want - 1].unread = FALSE;
    }

  an = try_add (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 1);
  skipped = ld_analysis_get_skipped (an);
  for (guint i = 0; i < skipped->len; i++)
    g_test_message ("skipped: %s", ((LdSkippedInput *) g_ptr_array_index (skipped, i))->reason);
  g_assert_cmpuint (skipped->len, ==, n_want);
  for (guint w = 0; w < n_want; w++)
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < skipped->len; i++)
        {
          const LdSkippedInput *s = g_ptr_array_index (skipped, i);

          if (g_strcmp0 (s->path, want[w].path) != 0)
            continue;
          seen = TRUE;
          g_assert_null (s->member);
          g_assert_nonnull (strstr (s->reason, want[w].path));
          g_assert_nonnull (strstr (s->reason, want[w].needle));
          g_assert_cmpint (ld_skipped_input_is_unread (s), ==, want[w].unread);
        }
      g_assert_true (seen);
    }
  g_chmod (unreadable, 0600);
  remove_tree (dir);
}

/* A device named on the command line (/dev/zero) is refused at once,
 * never read forever. A named pipe is read in one pass: test-input-pipe.c. */
static void
test_named_special_files (void)
{
  expect_error ("/dev/zero", LD_ERROR_READ, "not a regular file");
}

/* Audit: a 128 KB reason, a 64 KB URI made the PDF take minutes. One value
 * is kept to LD_MAX_VALUE, cut with a mark that says how long it was; the
 * attempt and its code are still there. */
static GBytes *
log_with (const char *needle,
          const char *insert_after,
          gsize       n)
{
  g_autoptr(GBytes) log = log_bytes ();
  const char *text = g_bytes_get_data (log, NULL);
  const char *at = strstr (text, needle);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (at);
  at += strlen (insert_after);
  g_string_append_len (out, text, at - text);
  for (gsize i = 0; i < n; i++)
    g_string_append_c (out, 'y');
  g_string_append (out, at);
  return g_string_free_to_bytes (out);
}

static void
test_value_cap (void)
{
  g_autoptr(GBytes) long_reason = log_with ("reason=\"Call failed", "reason=\"Call failed", 128 * 1024);
  g_autoptr(GBytes) long_uri = log_with ("INVITE sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37",
                                         "INVITE sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37", 64 * 1024);
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(LdAnalysis) an2 = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const LdAttempt *failed, *focus;
  const LdDiagnostic *diag;

  g_assert_true (ld_analysis_add_data (an, "long-reason.uccapilog", g_bytes_get_data (long_reason, NULL),
                                       g_bytes_get_size (long_reason), &error));
  ld_analysis_finish (an);
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 3);
  failed = g_ptr_array_index (ld_analysis_get_attempts (an), 2);
  g_assert_cmpint (failed->outcome, ==, LD_OUTCOME_FAILED);
  diag = ld_attempt_get_primary_diagnostic (failed);
  g_assert_nonnull (diag);
  g_assert_cmpint (diag->code, ==, 23);
  g_assert_nonnull (diag->reason);
  g_test_message ("reason: %zu bytes", strlen (diag->reason));
  g_assert_cmpuint (strlen (diag->reason), <=, LD_MAX_VALUE + 64);
  g_assert_nonnull (strstr (diag->reason, "[cut: "));
  g_assert_true (g_str_has_prefix (diag->reason, "Call failedyyy"));
  json = ld_analysis_to_json (an, FALSE);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_cmpuint (strlen (json), <, 200 * 1024);

  g_assert_true (ld_analysis_add_data (an2, "long-uri.uccapilog", g_bytes_get_data (long_uri, NULL),
                                       g_bytes_get_size (long_uri), &error));
  ld_analysis_finish (an2);
  g_assert_cmpuint (ld_analysis_get_attempts (an2)->len, ==, 3);
  focus = g_ptr_array_index (ld_analysis_get_attempts (an2), 0);
  g_assert_cmpuint (strlen (focus->target), <=, LD_MAX_VALUE + 64);
  g_assert_true (ld_value_is_cut (focus->target));
  g_assert_true (g_str_has_prefix (focus->target, "sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37yyy"));
  {
    g_autofree char *said = g_strdup_printf ("[cut: %zu bytes in all]",
                                             strlen ("sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37") +
                                             64 * 1024);

    g_assert_true (g_str_has_suffix (focus->target, said));
  }
}

/* A header folded over 200 000 lines is read in linear time, and cut.
 * (With the browser, which keeps every header of a call's messages: the
 * CLI keeps only those something reads, not Subject.) */
static void
test_value_cap_folded (void)
{
  GString *msg = g_string_new ("01/30/2014|10:05:08.012 1A2C:1D40 INFO  :: Sending Packet - 52.112.1.10:443 "
                               "(From Local Address: 192.168.1.20:50123) 1 bytes:\r\n"
                               "01/30/2014|10:05:08.012 1A2C:1D40 INFO  :: INVITE sip:bob@example.com SIP/2.0\r\n"
                               "Call-ID: folded\r\nCSeq: 1 INVITE\r\nFrom: <sip:a@example.com>;tag=1\r\n"
                               "To: <sip:bob@example.com>\r\nSubject: start\r\n");
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(GError) error = NULL;
  const LdAttempt *a;
  const char *subject;
  gint64 t0;

  for (guint i = 0; i < 200000; i++)
    g_string_append (msg, " folded\r\n");
  g_string_append (msg, "\r\nm=audio 5000 RTP/AVP 0\r\n"
                        "01/30/2014|10:05:08.013 1A2C:1D40 INFO  :: End of Sending Packet - 52.112.1.10:443 "
                        "(From Local Address: 192.168.1.20:50123) 1 bytes\r\n");
  t0 = g_get_monotonic_time ();
  g_assert_true (ld_analysis_add_data (an, "folded.uccapilog", msg->str, msg->len, &error));
  ld_analysis_finish (an);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 1);
  a = g_ptr_array_index (ld_analysis_get_attempts (an), 0);
  subject = ld_sip_message_get_header (a->invite, "Subject");
  g_assert_nonnull (subject);
  g_assert_true (ld_value_is_cut (subject));
  g_assert_nonnull (strstr (subject, " 1400005 bytes in all]"));
  g_string_free (msg, TRUE);
}

/* A 20 GB sparse file holding two logs is answered at once: its holes
 * (never written, read as zeros) are skipped and counted, not read. */
static void
test_sparse_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-sparse-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(GBytes) log = log_bytes ();
  g_autofree char *second = NULL;
  gsize second_len;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = NULL;
  const LdInput *in;
  struct stat st;
  FILE *f;
  gint64 t0;

  g_assert_true (g_file_get_contents (data ("Communicator-uccapi-0.uccapilog"), &second, &second_len, NULL));
  f = fopen (path, "w");
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (g_bytes_get_data (log, NULL), 1, g_bytes_get_size (log), f), ==, g_bytes_get_size (log));
  g_assert_cmpint (fseeko (f, (off_t) 20 * 1024 * 1024 * 1024, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (second, 1, second_len, f), ==, second_len);
  g_assert_cmpint (fclose (f), ==, 0);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if ((guint64) st.st_blocks * 512 > (guint64) st.st_size / 2)
    {
      g_test_skip ("this file system does not keep sparse files");
      remove_tree (dir);
      return;
    }
  t0 = g_get_monotonic_time ();
  an = try_add (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
  /* Both logs, on either side of the hole. */
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 5);
  in = g_ptr_array_index (ld_analysis_get_inputs (an), 0);
  g_assert_cmpuint (in->problems->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (in->problems, in->problems->len - 1), "were never written"));
  remove_tree (dir);
}

/* A file in a folder named with a terminal escape is named with it shown
 * escaped (GIO gives such a name as a URI): nothing read from a disk
 * reaches a terminal as a command. */
static void
test_folder_hostile_names (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-dir-XXXXXX", NULL);
  g_autofree char *evil = g_build_filename (dir, "Lync-UccApi-\033]0;owned\007\n.UccApilog", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = NULL;
  const LdSkippedInput *s;

  g_assert_true (g_file_set_contents (evil, "", 0, NULL));
  an = try_add (dir, &error);
  g_assert_cmpuint (ld_analysis_get_skipped (an)->len, ==, 1);
  s = g_ptr_array_index (ld_analysis_get_skipped (an), 0);
  g_assert_null (strchr (s->reason, '\033'));
  g_assert_null (strchr (s->reason, '\n'));
  g_assert_null (strchr (s->path, '\033'));
  g_assert_nonnull (strstr (s->reason, "Lync-UccApi-%1B%5D0;owned%07%0A.UccApilog is empty"));
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/input/mosdal-zip", test_mosdal_zip);
  g_test_add_func ("/core/input/odd-layout-zip", test_odd_layout_zip);
  g_test_add_func ("/core/input/bad-zips", test_bad_zips);
  g_test_add_func ("/core/input/lying-zip", test_lying_zip);
  g_test_add_func ("/core/input/empty-and-garbage", test_empty_and_garbage);
  g_test_add_func ("/core/input/missing-and-unreadable", test_missing_and_unreadable);
  g_test_add_func ("/core/input/changed-while-read", test_changed_while_read);
  g_test_add_func ("/core/input/folders", test_folders);
  g_test_add_func ("/core/input/no-sip", test_no_sip);
  g_test_add_func ("/core/input/ansi-and-nul", test_ansi_and_nul);
  g_test_add_func ("/core/input/zip-every-damaged-member", test_zip_every_damaged_member);
  g_test_add_func ("/core/input/zip-sizes-lie", test_zip_sizes_lie);
  g_test_add_func ("/core/input/zip-errors-in-words", test_zip_errors_in_words);
  g_test_add_func ("/core/input/zip-budget", test_zip_budget);
  g_test_add_func ("/core/input/zip-budget-refund", test_zip_budget_refund);
  g_test_add_func ("/core/input/zip-member-cap", test_zip_member_cap);
  g_test_add_func ("/core/input/zip-long-member-name", test_zip_long_member_name);
  g_test_add_func ("/core/input/folder-skips-named", test_folder_skips_named);
  g_test_add_func ("/core/input/named-special-files", test_named_special_files);
  g_test_add_func ("/core/input/folder-hostile-names", test_folder_hostile_names);
  g_test_add_func ("/core/input/sparse-file", test_sparse_file);
  g_test_add_func ("/core/input/value-cap", test_value_cap);
  g_test_add_func ("/core/input/value-cap-folded", test_value_cap_folded);
  return g_test_run ();
}
