/* test-reading.c - what reading gives the analysis: server trace findings, rotation joins, damaged text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <zip.h>

#include "analysis-helpers.h"
#include "lyncdiag.h"
#include "ld-input-private.h"

static LdAnalysis *
analyse_files (const char * const *names)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", names[i], NULL));
      g_autoptr(GError) error = NULL;

      g_assert_true (ld_analysis_add_file (analysis, file, NULL, &error));
      g_assert_no_error (error);
    }
  ld_analysis_finish (analysis);
  return analysis;
}

static LdAnalysis *
analyse_one (const char *name)
{
  const char *names[] = { name, NULL };

  return analyse_files (names);
}

static const LdFinding *
find (LdAnalysis *analysis,
      const char *id)
{
  GPtrArray *findings = ld_analysis_get_findings (analysis);

  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      if (strcmp (f->id, id) == 0)
        return f;
    }
  return NULL;
}

static guint
count_findings (LdAnalysis *analysis,
                const char *prefix)
{
  GPtrArray *findings = ld_analysis_get_findings (analysis);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += g_str_has_prefix (((const LdFinding *) g_ptr_array_index (findings, i))->id, prefix);
  return n;
}

static gboolean
has_action (const LdFinding *f,
            const char      *words)
{
  for (guint i = 0; i < f->actions->len; i++)
    if (strstr (g_ptr_array_index (f->actions, i), words) != NULL)
      return TRUE;
  return FALSE;
}

static char *
range_of (const LdInput *input)
{
  g_autofree char *first = ld_time_format_iso (input->first_time);
  g_autofree char *last = ld_time_format_iso (input->last_time);

  return g_strdup_printf ("%s %s", first, last);
}

static gboolean
input_has_problem (const LdInput *input,
                   const char    *words)
{
  for (guint i = 0; i < input->problems->len; i++)
    if (strstr (g_ptr_array_index (input->problems, i), words) != NULL)
      return TRUE;
  return FALSE;
}

/* ---- Server traces ----------------------------------------------------- */

static void
test_edge_federation (void)
{
  /* Issue 19: an Edge trace whose only records are a TL_ERROR certificate
   * mismatch and a TL_WARN SRV mismatch. */
  g_autoptr(LdAnalysis) an = analyse_one ("sipstack-edge-federation.log");
  const LdInput *input = g_ptr_array_index (ld_analysis_get_inputs (an), 0);
  const LdFinding *cert = find (an, "server-certificate-mismatch");
  const LdFinding *srv = find (an, "server-srv-domain-mismatch");
  g_autofree char *range = range_of (input);
  const LdEvidence *e;

  g_assert_false (ld_analysis_is_empty (an));
  g_assert_cmpint (input->format, ==, LD_LOG_FORMAT_SERVER);
  g_assert_cmpstr (range, ==, "2017-03-02T06:30:40.025 2017-03-02T07:10:46.230");
  /* No advice to turn on client logging for a server trace with records. */
  g_assert_false (input_has_problem (input, "Logging may have been switched off"));
  g_assert_false (input_has_problem (input, "holds no SIP message"));

  g_assert_nonnull (cert);
  g_assert_cmpint (cert->severity, ==, LD_SEVERITY_ERROR);
  g_assert_cmpint (cert->confidence, ==, LD_CONFIDENCE_HIGH);
  g_assert_nonnull (strstr (cert->title, "certificate"));
  g_assert_nonnull (strstr (cert->detail, "0xc3e93d67 SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH"));
  g_assert_nonnull (strstr (cert->detail, "expected-fqdn =\" vcse.acano.steven.lab \"; certName =\" vcse.steven.lab \""));
  g_assert_nonnull (strstr (cert->detail, "Peer: vcse.steven.lab:25001"));
  g_assert_true (has_action (cert, "Subject Alternative Name"));
  e = &g_array_index (cert->evidence, LdEvidence, 0);
  g_assert_cmpuint (e->line, ==, 17);
  g_assert_cmpstr (e->excerpt, ==, "Result-Code: 0xc3e93d67 SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH");

  g_assert_nonnull (srv);
  g_assert_cmpint (srv->severity, ==, LD_SEVERITY_ERROR);
  g_assert_nonnull (strstr (srv->detail, "domain =\" acano.steven.lab \"; fqdn1 =\" vcse.steven.lab :5061\""));
  g_assert_true (has_action (srv, "_sipfederationtls._tcp"));
  e = &g_array_index (srv->evidence, LdEvidence, 0);
  g_assert_cmpuint (e->line, ==, 8);

  /* Each record is explained once; nothing generic on top. */
  g_assert_null (find (an, "server-diagnostic"));
  g_assert_cmpuint (count_findings (an, "server-"), ==, 2);
}

static void
test_ocs_routing (void)
{
  /* The support article's two records: the TL_INFO protocol record is a
   * message (a near miss), the TL_ERROR record says "Severity: warning" and
   * SIPPROXY_E_ROUTING, whose head has no $$begin_record. */
  g_autoptr(LdAnalysis) an = analyse_one ("sipstack-ocs-routing.log");
  const LdInput *input = g_ptr_array_index (ld_analysis_get_inputs (an), 0);
  const LdFinding *f = find (an, "server-routing");
  g_autofree char *range = range_of (input);

  g_assert_cmpuint (input->sip_messages, ==, 1);
  g_assert_cmpstr (range, ==, "2012-01-18T05:00:43.101 2012-01-18T05:07:42.622");
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (f->detail, "0xc3e93c5e SIPPROXY_E_ROUTING"));
  g_assert_nonnull (strstr (f->detail, "It concerns OPTIONS sip:Options_User@fabrikam.com SIP/2.0"));
  g_assert_true (has_action (f, "-ProxyFqdn"));
  g_assert_true (has_action (f, "trusted server"));
  g_assert_cmpuint (count_findings (an, "server-"), ==, 1);
  g_assert_cmpuint (input->problems->len, ==, 0);
}

/* The support article's TL_ERROR record without its Result-Code line (a
 * record of text alone), and the same under a TL_INFO head without a
 * Severity: built from the real record, nothing added. */
static const char routing_text_only[] =
  "TL_ERROR(TF_COMPONENT) [0]0860.0CDC::01/18/2012-05:07:42.622.000d0b31 (SIPStack,CSIPRequest::GetNextHopByRouteHeader:SIPRequest.cpp(2440))( 00000000028FDD70 ) Exit - route headers from untrusted source. Result 0xC3E93C5E(SIPPROXY_E_ROUTING)\n"
  "LogType: diagnostic\n"
  "Severity: warning\n"
  "Text: Cannot process Route headers from a non-trusted source, or with first Route field in the set not matching the connection on which the request arrived\n"
  "SIP-Start-Line: OPTIONS sip:Options_User@fabrikam.com SIP/2.0\n"
  "SIP-Call-ID: c00bc6180f284b948be61febf274d05e\n"
  "SIP-CSeq: 1 OPTIONS\n"
  "$$end_record\n";

static void
test_server_generic (void)
{
  g_autoptr(LdAnalysis) an = analyse_text ("edge.log", routing_text_only);
  const LdFinding *f = find (an, "server-diagnostic");

  /* Not in the table without its code: told with the server's words; a
   * warning whose meaning is not known explains no failure, so a note
   * (info), with low confidence. */
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, LD_SEVERITY_INFO);
  g_assert_cmpint (f->confidence, ==, LD_CONFIDENCE_LOW);
  g_assert_nonnull (strstr (f->title, ": Cannot process Route headers from a non-trusted source"));
  g_assert_nonnull (strstr (f->detail, "The server says: “Cannot process Route headers"));
  g_assert_null (find (an, "server-routing"));
  g_assert_false (ld_analysis_is_empty (an));

  /* Near miss: an informational record is not a finding. */
  {
    g_autoptr(GString) info = g_string_new (routing_text_only);
    g_autoptr(LdAnalysis) an2 = NULL;

    g_string_replace (info, "TL_ERROR(TF_COMPONENT)", "TL_INFO(TF_COMPONENT)", 1);
    g_string_replace (info, "Severity: warning\n", "", 1);
    an2 = analyse_text ("edge.log", info->str);
    g_assert_cmpuint (count_findings (an2, "server-"), ==, 0);
    g_assert_true (ld_analysis_is_empty (an2));
  }
}

static void
test_server_call (void)
{
  /* The SRV record among the call it names (Call-ID f1b3ad5d…). */
  g_autoptr(LdAnalysis) an = analyse_one ("sipstack-edge-srv-call.log");
  const LdInput *input = g_ptr_array_index (ld_analysis_get_inputs (an), 0);
  const LdFinding *f = find (an, "server-srv-domain-mismatch");

  g_assert_cmpuint (input->sip_messages, ==, 2);
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (f->detail, "(Call-ID f1b3ad5d-183b-4632-b210-c2f9bec71960)"));
  g_assert_cmpuint (g_array_index (f->evidence, LdEvidence, 0).line, ==, 24);
  /* The finding covers the attempt of that INVITE and no other. */
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, >=, 1);
  g_assert_cmpuint (f->attempts->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->evidence, LdEvidence, 0).attempt, ==, g_array_index (f->attempts, guint, 0));
  for (guint i = 0; i < ld_analysis_get_attempts (an)->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (ld_analysis_get_attempts (an), i);
      gboolean covered = FALSE;

      for (guint k = 0; k < f->attempts->len; k++)
        covered |= g_array_index (f->attempts, guint, k) == a->id;
      g_assert_cmpint (covered, ==, g_strcmp0 (a->call_id, "f1b3ad5d-183b-4632-b210-c2f9bec71960") == 0);
    }
}


/* ---- Rotation ------------------------------------------------------------ */

static LdAnalysis *
analyse_paths (const char * const *names,
               LdAnalysisFlags     flags)
{
  LdAnalysis *analysis = ld_analysis_new (flags);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", names[i], NULL));
      g_autoptr(GError) error = NULL;

      g_assert_true (ld_analysis_add_file (analysis, file, NULL, &error));
      g_assert_no_error (error);
    }
  ld_analysis_finish (analysis);
  return analysis;
}

static const LdSipMessage *
find_response (LdAnalysis *analysis,
               int         status)
{
  GPtrArray *messages = ld_analysis_get_messages (analysis);

  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *m = g_ptr_array_index (messages, i);

      if (!m->is_request && m->status == status)
        return m;
    }
  return NULL;
}

static void
test_rotation_joined (void)
{
  /* Issue 19: the 504's first headers end Lync-UccApi-1, its Call-ID, CSeq
   * and ms-diagnostics start Lync-UccApi-0. Read in order, the two halves
   * are one message, in the first file at the line its record starts. */
  const char *names[] = { "rotation/Lync-UccApi-1.UccApilog", "rotation/Lync-UccApi-0.UccApilog", NULL };
  g_autoptr(LdAnalysis) an = analyse_paths (names, LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  GPtrArray *inputs = ld_analysis_get_inputs (an);
  const LdInput *older, *newer;
  const LdSipMessage *resp = find_response (an, 504);

  g_assert_cmpuint (inputs->len, ==, 2);
  older = g_ptr_array_index (inputs, 0);
  newer = g_ptr_array_index (inputs, 1);
  g_assert_true (g_str_has_suffix (older->path, "Lync-UccApi-1.UccApilog"));
  g_assert_nonnull (resp);
  g_assert_cmpuint (resp->input, ==, 0);
  g_assert_cmpuint (resp->line, ==, 22);
  g_assert_cmpstr (resp->call_id, ==, "d0bce97cce8a45fcbb8cc973ba0282da");
  g_assert_cmpuint (resp->cseq, ==, 1);
  g_assert_nonnull (strstr (ld_sip_message_get_header (resp, "ms-diagnostics"), "1009; reason =\"No match for domain"));
  g_assert_nonnull (ld_sip_message_get_header (resp, "Authentication-Info"));
  /* Neither file is without SIP; each says its part. */
  g_assert_cmpuint (older->sip_messages, >=, 2);
  g_assert_cmpuint (newer->sip_messages, ==, 1);
  g_assert_false (input_has_problem (newer, "holds no SIP message"));
  g_assert_true (input_has_problem (older, "ends in the middle of the SIP message that begins at line 22"));
  g_assert_true (input_has_problem (newer, "Lines 1–8 of this file end the SIP message that begins at line 22 of "
                                           "the previous file"));
  g_assert_false (ld_analysis_is_empty (an));
  g_assert_false (resp->cut_at_end);
  /* The call the 504 answers failed, explained by its 1009 (issue 19: the
   * cut response had turned it into "no response"). */
  {
    const LdFinding *dns = find (an, "federation-dns");
    GPtrArray *attempts = ld_analysis_get_attempts (an);
    const LdAttempt *a = NULL;

    for (guint i = 0; i < attempts->len && a == NULL; i++)
      if (g_strcmp0 (((const LdAttempt *) g_ptr_array_index (attempts, i))->call_id,
                     "d0bce97cce8a45fcbb8cc973ba0282da") == 0)
        a = g_ptr_array_index (attempts, i);
    g_assert_nonnull (a);
    g_assert_cmpint (a->outcome, ==, LD_OUTCOME_FAILED);
    g_assert_cmpint (a->status, ==, 504);
    g_assert_nonnull (dns);
    g_assert_cmpuint (dns->attempts->len, ==, 1);
    g_assert_cmpuint (g_array_index (dns->attempts, guint, 0), ==, a->id);
    g_assert_null (find (an, "no-response"));
  }
}

static void
test_rotation_half_alone (void)
{
  /* Near misses: the second file alone holds only the end of the message,
   * which it says instead of "no SIP message"; the first alone keeps its
   * half, cut, and says so. */
  {
    const char *names[] = { "rotation/Lync-UccApi-0.UccApilog", NULL };
    g_autoptr(LdAnalysis) an = analyse_paths (names, LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
    const LdInput *input = g_ptr_array_index (ld_analysis_get_inputs (an), 0);

    g_assert_true (input_has_problem (input, "Lines 1–7 of this file are the end of a SIP message whose beginning "
                                             "is in the previous log file"));
    g_assert_false (input_has_problem (input, "holds no SIP message"));
  }
  {
    const char *names[] = { "rotation/Lync-UccApi-1.UccApilog", NULL };
    g_autoptr(LdAnalysis) an = analyse_paths (names, LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
    const LdInput *input = g_ptr_array_index (ld_analysis_get_inputs (an), 0);
    const LdSipMessage *resp = find_response (an, 504);

    g_assert_nonnull (resp);
    g_assert_cmpuint (resp->input, ==, 0);
    g_assert_null (ld_sip_message_get_header (resp, "ms-diagnostics"));
    g_assert_true (resp->cut_at_end);
    g_assert_cmpuint (input->sip_messages, ==, 2);
    g_assert_true (input_has_problem (input, "ends in the middle of the SIP message that begins at line 22"));
    /* The attempt and the findings say where the record was cut. */
    {
      const LdFinding *nr = find (an, "no-response");
      const LdFinding *un = find (an, "unexplained-failure");

      g_assert_nonnull (nr);
      g_assert_nonnull (strstr (nr->detail, "The file ends in the middle of a SIP message (line 22), cut when the "
                                            "log was rotated"));
      g_assert_nonnull (un);
      g_assert_nonnull (strstr (un->detail, "the file ends in the middle of that response (line 22)"));
    }
  }
  /* A log that is not the same log's next file is not joined with it. */
  {
    const char *names[] = { "rotation/Lync-UccApi-1.UccApilog", "sipstack-ocs-routing.log", NULL };
    g_autoptr(LdAnalysis) an = analyse_paths (names, LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
    const LdSipMessage *resp = find_response (an, 504);

    g_assert_nonnull (resp);
    g_assert_cmpuint (resp->input, ==, 0);
    g_assert_null (ld_sip_message_get_header (resp, "ms-diagnostics"));
  }
}


/* ---- Rotation order ------------------------------------------------------ */

static void
test_rotation_order (void)
{
  static const struct { const char *older, *newer; } pairs[] = {
    { "Lync-UccApi-1.UccApilog", "Lync-UccApi-0.UccApilog" },
    { "lync-uccapi-1.uccapilog", "Lync-UccApi-0.UccApilog" },    /* any case */
    { "Lync-UccApi-10.UccApilog", "Lync-UccApi-9.UccApilog" },   /* by number */
    { "Lync-UccApi-0.UccApilog.bak", "Lync-UccApi-0.UccApilog" },
    { "LYNC-UCCAPI-0.UCCAPILOG.BAK", "lync-uccapi-0.uccapilog" },
    { "Lync-UccApi-1.UccApilog", "Lync-UccApi-0.UccApilog.bak" },
    { "Tracing/Lync-UccApi-1.UccApilog\x01" "7", "Tracing/Lync-UccApi-0.UccApilog\x01" "3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_assert_cmpint (_ld_input_compare_rotation (pairs[i].older, pairs[i].newer), <, 0);
      g_assert_cmpint (_ld_input_compare_rotation (pairs[i].newer, pairs[i].older), >, 0);
    }
  /* Near misses: logs of two names, and two folders, are no rotation:
   * descending name order, as always. */
  g_assert_cmpint (_ld_input_compare_rotation ("Lync-UccApi-0.UccApilog", "Communicator-uccapi-1.uccapilog"), <, 0);
  g_assert_cmpint (_ld_input_compare_rotation ("b/Lync-UccApi-0.UccApilog", "a/Lync-UccApi-1.UccApilog"), <, 0);
}

static void
test_named_files_order (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  const char *named[] = { "/t/MOSDALREPORT.zip", "/t/Lync-UccApi-0.UccApilog", "/t/notes.txt",
                          "/u/Lync-UccApi-1.UccApilog", "/t/lync-uccapi-1.uccapilog" };
  const char *want[] = { "/t/MOSDALREPORT.zip", "/t/lync-uccapi-1.uccapilog", "/t/Lync-UccApi-0.UccApilog",
                         "/t/notes.txt", "/u/Lync-UccApi-1.UccApilog" };

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    g_ptr_array_add (files, g_file_new_for_path (named[i]));
  ld_files_sort_rotated (files);
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autofree char *path = g_file_get_path (g_ptr_array_index (files, i));
      g_assert_cmpstr (path, ==, want[i]);
    }
}

static void
add_member (zip_t      *za,
            const char *name,
            const char *fixture)
{
  char *contents = NULL;
  gsize len = 0;
  zip_source_t *src;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", fixture, NULL), &contents, &len,
                                      NULL));
  src = zip_source_buffer (za, contents, len, 1);
  g_assert_nonnull (src);
  g_assert_cmpint (zip_file_add (za, name, src, ZIP_FL_ENC_UTF_8), >=, 0);
}

static void
test_rotation_in_zip_and_folder (void)
{
  /* The pair in a zip, the newer named first and in another letter case,
   * and the fixtures' folder: read oldest first either way, and joined. */
  g_autofree char *dir = g_dir_make_tmp ("ld-reading-XXXXXX", NULL);
  g_autofree char *zip_path = g_build_filename (dir, "MOSDALREPORT.zip", NULL);
  int err = 0;
  zip_t *za = zip_open (zip_path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  const char *sources[] = { NULL, "rotation" };

  g_assert_nonnull (za);
  add_member (za, "MOSDAL_Report/Tracing/lync-uccapi-0.uccapilog", "rotation/Lync-UccApi-0.UccApilog");
  add_member (za, "MOSDAL_Report/Tracing/Lync-UccApi-1.UccApilog", "rotation/Lync-UccApi-1.UccApilog");
  g_assert_cmpint (zip_close (za), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
      g_autoptr(GFile) file = sources[i] == NULL ? g_file_new_for_path (zip_path)
                                                 : g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data",
                                                                                             sources[i], NULL));
      g_autoptr(GError) error = NULL;
      GPtrArray *inputs;
      const LdSipMessage *resp;

      g_assert_true (ld_analysis_add_file (an, file, NULL, &error));
      g_assert_no_error (error);
      ld_analysis_finish (an);
      inputs = ld_analysis_get_inputs (an);
      g_assert_cmpuint (inputs->len, ==, 2);
      {
        const LdInput *first = g_ptr_array_index (inputs, 0);
        const char *name = first->member != NULL ? first->member : first->path;

        g_assert_true (g_str_has_suffix (name, "Lync-UccApi-1.UccApilog"));
      }
      resp = find_response (an, 504);
      g_assert_nonnull (resp);
      g_assert_nonnull (ld_sip_message_get_header (resp, "ms-diagnostics"));
      g_assert_cmpuint (resp->input, ==, 0);
    }
  g_unlink (zip_path);
  g_rmdir (dir);
}


/* ---- Lync for Mac ---------------------------------------------------------- */

static void
test_lync_for_mac (void)
{
  /* No public sample of a Lync for Mac log was found: the content here is
   * a stand-in that is not a Windows client's log; what is tested is that
   * the file is named for what it is, by its name (the support article on
   * Lync for Mac's files: ~/Library/Logs/Microsoft-Lync.log, -x.log). */
  g_autofree char *dir = g_dir_make_tmp ("ld-mac-XXXXXX", NULL);
  const char *names[] = { "Microsoft-Lync.log", "microsoft-lync-0.log", "Microsoft-Lync-Plugin.log" };
  const char *text = "This stands in for a Lync for Mac log line.\n";

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
      g_autoptr(LdAnalysis) an2 = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
      g_autoptr(GError) error = NULL;
      gboolean mac = i < 2;
      GPtrArray *skipped;
      gboolean named = FALSE;

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      /* Named. */
      g_assert_false (ld_analysis_add_file (an, file, NULL, &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_NOT_A_LOG);
      g_assert_cmpint (strstr (error->message, "this client's log format (Lync for Mac) is not supported yet") != NULL,
                       ==, mac);
      g_assert_cmpint (strstr (error->message, "is not a Lync or Skype for Business log") != NULL, ==, !mac);
      /* In a folder: said as skipped, with the same words (a near miss,
       * another .log that is not a log, is passed over as before). */
      g_clear_error (&error);
      ld_analysis_add_file (an2, folder, NULL, &error);
      skipped = ld_analysis_get_skipped (an2);
      for (guint k = 0; k < skipped->len; k++)
        named |= strstr (((LdSkippedInput *) g_ptr_array_index (skipped, k))->reason,
                         "(Lync for Mac) is not supported yet") != NULL;
      g_assert_cmpint (named, ==, mac);
      g_unlink (path);
    }
  g_rmdir (dir);
}


/* ---- Damaged text through the analysis ----------------------------------- */

static void
test_leading_zeros (void)
{
  /* A crash left the first 8 KB of the log as zeros: the rest is read, and
   * the zeros said. Near miss: a file of zeros alone is no log. */
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GString) data = g_string_sized_new (16384);
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(LdAnalysis) an2 = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  const LdInput *input;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "rotation", "Lync-UccApi-1.UccApilog",
                                                           NULL), &contents, &len, NULL));
  g_string_set_size (data, 8192);
  memset (data->str, 0, 8192);
  g_string_append_len (data, contents, len);
  g_assert_true (ld_analysis_add_data (an, "Lync-UccApi-0.UccApilog", data->str, data->len, &error));
  g_assert_no_error (error);
  ld_analysis_finish (an);
  input = g_ptr_array_index (ld_analysis_get_inputs (an), 0);
  g_assert_cmpuint (input->sip_messages, ==, 2);
  g_assert_true (input_has_problem (input, "The file starts with 8192 zero bytes"));

  g_string_set_size (data, 8192);
  g_assert_false (ld_analysis_add_data (an2, "zeros.uccapilog", data->str, data->len, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_NOT_A_LOG);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reading/server/edge-federation", test_edge_federation);
  g_test_add_func ("/reading/server/ocs-routing", test_ocs_routing);
  g_test_add_func ("/reading/server/generic", test_server_generic);
  g_test_add_func ("/reading/server/call", test_server_call);
  g_test_add_func ("/reading/rotation/joined", test_rotation_joined);
  g_test_add_func ("/reading/rotation/half-alone", test_rotation_half_alone);
  g_test_add_func ("/reading/rotation/order", test_rotation_order);
  g_test_add_func ("/reading/rotation/named-files-order", test_named_files_order);
  g_test_add_func ("/reading/rotation/zip-and-folder", test_rotation_in_zip_and_folder);
  g_test_add_func ("/reading/lync-for-mac", test_lync_for_mac);
  g_test_add_func ("/reading/damage/leading-zeros", test_leading_zeros);
  return g_test_run ();
}
