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
}

static void
test_bad_zips (void)
{
  expect_error (data ("truncated.zip"), LD_ERROR_ZIP, "not a readable zip");
  expect_error (data ("no-logs.zip"), LD_ERROR_NO_LOGS, "holds no Lync or Skype for Business log");
  expect_error (data ("encrypted.zip"), LD_ERROR_NO_LOGS, "encrypted");
  expect_error (data ("bomb.zip"), LD_ERROR_NO_LOGS, "zip bomb");
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
  return g_test_run ();
}
