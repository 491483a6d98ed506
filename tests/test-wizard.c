/* test-wizard.c - the troubleshooting scenario: branches, answers, causes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-wizard"

#include "config.h"

#include <string.h>

#include "lyncdiag.h"

static LdAnalysis *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);

  g_assert_true (ld_analysis_add_file (analysis, file, NULL, &error));
  g_assert_no_error (error);
  ld_analysis_finish (analysis);
  return analysis;
}

static LdWizard *
wizard_for (const char *name)
{
  g_autoptr(LdAnalysis) analysis = load (name);

  return ld_wizard_new (analysis);
}

static void
answer (LdWizard   *wizard,
        const char *key,
        const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_wizard_set_answer (wizard, key, value, &error));
  g_assert_no_error (error);
}

static const LdWizardStep *
step (LdWizard   *wizard,
      const char *id)
{
  const LdWizardStep *s = ld_wizard_get_step (wizard, id);

  g_assert_nonnull (s);
  return s;
}

static gboolean
has_evidence_line (const GArray *evidence,
                   guint64       line)
{
  for (guint i = 0; i < evidence->len; i++)
    if (g_array_index (evidence, LdEvidence, i).line == line)
      return TRUE;
  return FALSE;
}

static const char *
find_title (LdWizard   *wizard,
            const char *id)
{
  GPtrArray *findings = ld_analysis_get_findings (ld_wizard_get_analysis (wizard));

  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (((const LdFinding *) g_ptr_array_index (findings, i))->id, id) == 0)
      return ((const LdFinding *) g_ptr_array_index (findings, i))->title;
  g_error ("no %s finding", id);
  return NULL;
}

static LdCauseStatus
cause (LdWizard   *wizard,
       const char *id)
{
  const LdWizardCause *c = ld_wizard_get_cause (wizard, id);

  g_assert_nonnull (c);
  return c->status;
}

/* The support article's own log: every log-answerable step is answered,
 * with the lines a helpdesk person would look at in Snooper. */
static void
test_kb_case (void)
{
  g_autoptr(LdWizard) w = wizard_for ("Lync-UccApi-0.UccApilog");
  const LdWizardStep *s;
  g_autoptr(GPtrArray) visible = ld_wizard_dup_visible_steps (w);
  const char *order[] = { "symptom", "contacts", "same-contact", "plan", "network", "collect", "examine",
                          "security-software", "causes", "result" };

  /* The article's order, with the one-contact branch taken. */
  g_assert_cmpuint (visible->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < visible->len; i++)
    g_assert_cmpstr (((LdWizardStep *) g_ptr_array_index (visible, i))->id, ==, order[i]);

  s = step (w, "symptom");
  g_assert_cmpstr (s->answer, ==, "app-sharing");
  g_assert_cmpint (s->source, ==, LD_WIZARD_SOURCE_LOG);
  g_assert_true (has_evidence_line (s->evidence, 253));

  s = step (w, "contacts");
  g_assert_cmpstr (s->answer, ==, "one");
  g_assert_cmpint (s->source, ==, LD_WIZARD_SOURCE_LOG);

  s = step (w, "plan");
  g_assert_cmpint (s->source, ==, LD_WIZARD_SOURCE_UNANSWERED);
  g_assert_null (s->answer);

  /* Step 3 names this log's relays and port range instead of TRIPP. */
  s = step (w, "network");
  g_assert_nonnull (strstr (s->text, "TRIPP"));
  g_assert_nonnull (strstr (s->text, "207.46.5.63"));
  g_assert_nonnull (strstr (s->text, "65.55.127.64"));
  g_assert_nonnull (strstr (s->text, "1025:65000"));
  g_assert_nonnull (strstr (s->text, "3478"));
  g_assert_nonnull (strstr (s->text, "50000–59999"));

  s = step (w, "collect");
  g_assert_cmpstr (s->answer, ==, "open-logs");
  g_assert_nonnull (strstr (s->text, "MOSDALREPORT.zip"));
  g_assert_nonnull (strstr (s->text, "Lync Online"));

  /* Step 5: the join INVITE, the server's answer, the diagnostic. */
  s = step (w, "examine");
  g_assert_cmpstr (s->answer, ==, "ms-client-diagnostics 23");
  g_assert_true (has_evidence_line (s->evidence, 67));
  g_assert_true (has_evidence_line (s->evidence, 93));
  g_assert_true (has_evidence_line (s->evidence, 253));
  g_assert_nonnull (strstr (s->text, "app:conf:focus:id:TF2497F37"));
  g_assert_nonnull (strstr (s->text, "0x4000000"));

  /* A finding stands for three of the article's causes: each supported,
   * the likelier named in each reason (issue 20: the Findings tab rated
   * the TCP block "error, high" while the wizard called it unknown). */
  g_assert_cmpint (cause (w, LD_WIZARD_CAUSE_PORTS), ==, LD_CAUSE_SUPPORTED);
  g_assert_cmpint (cause (w, LD_WIZARD_CAUSE_EDGES), ==, LD_CAUSE_SUPPORTED);
  g_assert_cmpint (cause (w, LD_WIZARD_CAUSE_MEET), ==, LD_CAUSE_UNKNOWN);
  g_assert_cmpint (cause (w, LD_WIZARD_CAUSE_INSPECTION), ==, LD_CAUSE_SUPPORTED);
  g_assert_true (has_evidence_line (ld_wizard_get_cause (w, LD_WIZARD_CAUSE_PORTS)->evidence, 253));
  g_assert_cmpstr (step (w, "causes")->answer, ==, "ports-blocked,edge-to-edge,tcp-media-blocked");
  g_assert_nonnull (strstr (ld_wizard_get_cause (w, LD_WIZARD_CAUSE_EDGES)->reason,
                            "More likely: Port 443 or ports 50000–59999"));
  g_assert_nonnull (strstr (ld_wizard_get_cause (w, LD_WIZARD_CAUSE_INSPECTION)->reason, "To tell them apart"));
  g_assert_cmpstr (step (w, "result")->answer, ==, "cause-found");
  g_assert_nonnull (strstr (ld_wizard_get_conclusion (w)->summary, "Port 443"));
}

static void
test_branch_one_contact (void)
{
  g_autoptr(LdWizard) w = wizard_for ("Lync-UccApi-0.UccApilog");

  g_assert_true (step (w, "same-contact")->visible);
  g_assert_false (step (w, "common")->visible);
  g_assert_cmpint (step (w, "same-contact")->source, ==, LD_WIZARD_SOURCE_UNANSWERED);

  answer (w, "same-contact", "yes");
  g_assert_cmpstr (step (w, "same-contact")->answer, ==, "yes");
  g_assert_cmpint (step (w, "same-contact")->source, ==, LD_WIZARD_SOURCE_USER);

  /* The user says it failed with others too: the other branch. */
  answer (w, "contacts", "several");
  g_assert_cmpint (step (w, "contacts")->source, ==, LD_WIZARD_SOURCE_USER);
  g_assert_false (step (w, "same-contact")->visible);
  g_assert_true (step (w, "common")->visible);
}

/* Two users' logs with the same contact answer step 2a themselves. */
static void
test_branch_someone_else (void)
{
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(LdWizard) w = NULL;
  const char *names[] = { "Communicator-uccapi-0.uccapilog", "wizard-second-user.uccapilog" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_assert_true (ld_analysis_add_file (analysis, file, NULL, NULL));
    }
  ld_analysis_finish (analysis);
  w = ld_wizard_new (analysis);

  g_assert_cmpstr (step (w, "contacts")->answer, ==, "one");
  g_assert_true (step (w, "same-contact")->visible);
  g_assert_cmpstr (step (w, "same-contact")->answer, ==, "yes");
  g_assert_cmpint (step (w, "same-contact")->source, ==, LD_WIZARD_SOURCE_LOG);
  g_assert_cmpuint (step (w, "same-contact")->evidence->len, ==, 2);

  /* One user's log alone cannot say. */
  {
    g_autoptr(LdWizard) one = wizard_for ("Communicator-uccapi-0.uccapilog");
    g_assert_null (step (one, "same-contact")->answer);
  }
}

static void
test_branch_several (void)
{
  g_autoptr(LdWizard) w = wizard_for ("wizard-several-contacts.uccapilog");
  const LdWizardStep *s;

  s = step (w, "contacts");
  g_assert_cmpstr (s->answer, ==, "several");
  g_assert_cmpint (s->source, ==, LD_WIZARD_SOURCE_LOG);
  g_assert_false (step (w, "same-contact")->visible);

  /* What they have in common is proposed from the cross-attempt view. */
  s = step (w, "common");
  g_assert_true (s->visible);
  g_assert_cmpint (s->source, ==, LD_WIZARD_SOURCE_LOG);
  /* The pattern the findings found, in their words. */
  g_assert_cmpstr (s->answer, ==, "all-remote");
  g_assert_nonnull (strstr (s->text, ld_cause_lookup ("fails-all-remote") != NULL
                                     ? find_title (w, "fails-all-remote") : "?"));
  g_assert_cmpuint (s->evidence->len, >=, 2);

  /* Free text is accepted where the choices may not fit. */
  answer (w, "common", "all on the guest Wi-Fi");
  g_assert_cmpstr (step (w, "common")->answer, ==, "all on the guest Wi-Fi");
}

static void
test_branch_plan (void)
{
  g_autoptr(LdWizard) w = wizard_for ("Lync-UccApi-0.UccApilog");
  g_autoptr(LdWizard) online = wizard_for ("wizard-audio-fails.uccapilog");

  g_assert_true (step (w, "network")->visible);
  answer (w, "plan", "dedicated");
  g_assert_false (step (w, "network")->visible);
  g_assert_nonnull (strstr (step (w, "plan")->text, "dedicated"));
  answer (w, "plan", "multi-tenant");
  g_assert_true (step (w, "network")->visible);
  answer (w, "plan", "on-premises");
  g_assert_true (step (w, "network")->visible);

  /* A log that talks to lync.com answers the plan itself. */
  g_assert_cmpstr (step (online, "plan")->answer, ==, "multi-tenant");
  g_assert_cmpint (step (online, "plan")->source, ==, LD_WIZARD_SOURCE_LOG);
  g_assert_cmpuint (step (online, "plan")->evidence->len, >, 0);
}

/* The related symptoms: a refused meeting join, a failed audio call. */
static void
test_symptom_meeting (void)
{
  g_autoptr(LdWizard) w = wizard_for ("wizard-meeting-join.uccapilog");
  const LdWizardStep *s = step (w, "symptom");

  g_assert_cmpstr (s->answer, ==, "meeting-join");
  g_assert_cmpint (s->source, ==, LD_WIZARD_SOURCE_LOG);
  g_assert_cmpstr (step (w, "examine")->answer, ==, "ms-diagnostics 3012");
  /* ICEWarn 0x80012b names a TLS-inspecting proxy (0x800000). */
  g_assert_cmpstr (step (w, "security-software")->answer, ==, "yes");
  g_assert_cmpint (step (w, "security-software")->source, ==, LD_WIZARD_SOURCE_LOG);
  g_assert_cmpint (cause (w, LD_WIZARD_CAUSE_INSPECTION), ==, LD_CAUSE_SUPPORTED);
}

static void
test_cause_ports (void)
{
  g_autoptr(LdWizard) kb = wizard_for ("Lync-UccApi-0.UccApilog");
  g_autoptr(LdWizard) healthy = wizard_for ("healthy-audio.uccapilog");

  g_assert_cmpint (cause (kb, LD_WIZARD_CAUSE_PORTS), ==, LD_CAUSE_SUPPORTED);
  /* A standing finding keeps the cause supported: the answer against it
   * is shown, not hidden, and does not make the voices disagree. */
  answer (kb, "network", "passed");
  g_assert_cmpint (cause (kb, LD_WIZARD_CAUSE_PORTS), ==, LD_CAUSE_SUPPORTED);
  g_assert_nonnull (strstr (ld_wizard_get_cause (kb, LD_WIZARD_CAUSE_PORTS)->reason,
                            "Against, but not enough to rule it out while the finding stands: Your answer: every "
                            "address and port was reachable"));
  answer (kb, "network", "failed");
  g_assert_cmpint (cause (kb, LD_WIZARD_CAUSE_PORTS), ==, LD_CAUSE_SUPPORTED);

  /* No finding: the media that connected rules it out. */
  g_assert_cmpint (cause (healthy, LD_WIZARD_CAUSE_PORTS), ==, LD_CAUSE_CONTRADICTED);
  g_assert_cmpstr (step (healthy, "result")->answer, ==, "no-failure");
  g_assert_cmpint (step (healthy, "symptom")->source, ==, LD_WIZARD_SOURCE_UNANSWERED);
}

static void
test_cause_meet (void)
{
  g_autoptr(LdWizard) blocked = wizard_for ("wizard-audio-fails.uccapilog");
  g_autoptr(LdWizard) p2p = wizard_for ("Communicator-uccapi-0.uccapilog");
  g_autoptr(LdWizard) kb = wizard_for ("Lync-UccApi-0.UccApilog");
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_netcheck_result_free);
  LdNetcheckResult *r;

  g_assert_cmpint (cause (blocked, LD_WIZARD_CAUSE_MEET), ==, LD_CAUSE_SUPPORTED);
  g_assert_true (has_evidence_line (ld_wizard_get_cause (blocked, LD_WIZARD_CAUSE_MEET)->evidence, 2));
  g_assert_cmpint (cause (p2p, LD_WIZARD_CAUSE_MEET), ==, LD_CAUSE_CONTRADICTED);

  g_assert_cmpint (cause (kb, LD_WIZARD_CAUSE_MEET), ==, LD_CAUSE_UNKNOWN);
  answer (kb, "plan", "on-premises");
  g_assert_cmpint (cause (kb, LD_WIZARD_CAUSE_MEET), ==, LD_CAUSE_CONTRADICTED);
  answer (kb, "plan", NULL);

  /* A network check that could not reach the meeting host: evidence
   * shown with where and when it was measured, never the user's answer,
   * and no finding: the cause stays unknown, with the measurement noted. */
  r = g_new0 (LdNetcheckResult, 1);
  r->target = ld_netcheck_target_new ("meet.lync.com", 443, LD_NETCHECK_TCP, "test");
  r->status = LD_NETCHECK_TIMED_OUT;
  g_ptr_array_add (results, r);
  ld_wizard_set_network_results (kb, results);
  g_assert_cmpint (cause (kb, LD_WIZARD_CAUSE_MEET), ==, LD_CAUSE_UNKNOWN);
  g_assert_nonnull (strstr (ld_wizard_get_cause (kb, LD_WIZARD_CAUSE_MEET)->reason, "Measured from "));
  g_assert_null (step (kb, "network")->answer);
  g_assert_cmpint (step (kb, "network")->source, ==, LD_WIZARD_SOURCE_UNANSWERED);
  g_assert_true (g_str_has_prefix (step (kb, "network")->measured, "Measured from "));
  g_assert_nonnull (strstr (step (kb, "network")->measured, g_get_host_name ()));
  g_assert_nonnull (strstr (step (kb, "network")->measured, "0 of 1 address and port reachable"));
  /* Reached from here: that rules it out. */
  r->status = LD_NETCHECK_OPEN;
  ld_wizard_set_network_results (kb, results);
  g_assert_cmpint (cause (kb, LD_WIZARD_CAUSE_MEET), ==, LD_CAUSE_CONTRADICTED);
  g_assert_null (step (kb, "network")->answer);
  g_assert_nonnull (strstr (step (kb, "network")->measured, "1 of 1 address and port reachable"));
  /* The ports finding still stands. */
  g_assert_cmpint (cause (kb, LD_WIZARD_CAUSE_PORTS), ==, LD_CAUSE_SUPPORTED);
  /* The user's own answer is still theirs to give. */
  answer (kb, "network", "failed");
  g_assert_cmpstr (step (kb, "network")->answer, ==, "failed");
  g_assert_cmpint (step (kb, "network")->source, ==, LD_WIZARD_SOURCE_USER);
  g_assert_nonnull (step (kb, "network")->measured);
}

static void
test_cause_edges (void)
{
  g_autoptr(LdWizard) kb = wizard_for ("Lync-UccApi-0.UccApilog");
  g_autoptr(LdWizard) same = wizard_for ("wizard-audio-fails.uccapilog");
  g_autoptr(LdWizard) several = wizard_for ("wizard-several-contacts.uccapilog");

  g_assert_cmpint (cause (kb, LD_WIZARD_CAUSE_EDGES), ==, LD_CAUSE_SUPPORTED);
  g_assert_nonnull (strstr (ld_wizard_get_cause (kb, LD_WIZARD_CAUSE_EDGES)->reason, "65.55.127.64"));
  /* One relay on both sides: no second Edge server to fail. */
  g_assert_cmpint (cause (same, LD_WIZARD_CAUSE_EDGES), ==, LD_CAUSE_CONTRADICTED);
  g_assert_cmpint (cause (several, LD_WIZARD_CAUSE_EDGES), ==, LD_CAUSE_CONTRADICTED);
}

static void
test_cause_inspection (void)
{
  g_autoptr(LdWizard) field = wizard_for ("Communicator-uccapi-0.uccapilog");
  g_autoptr(LdWizard) both = wizard_for ("wizard-audio-fails.uccapilog");
  g_autoptr(LdWizard) kb = wizard_for ("Lync-UccApi-0.UccApilog");

  /* The field report: sharing fails, audio to the same contact works. */
  g_assert_cmpint (cause (field, LD_WIZARD_CAUSE_INSPECTION), ==, LD_CAUSE_SUPPORTED);
  g_assert_nonnull (strstr (ld_wizard_get_cause (field, LD_WIZARD_CAUSE_INSPECTION)->reason, "same contact"));
  g_assert_true (has_evidence_line (ld_wizard_get_cause (field, LD_WIZARD_CAUSE_INSPECTION)->evidence, 164));
  /* The user's "no" is shown against it; the finding still stands. */
  answer (field, "security-software", "no");
  g_assert_cmpint (cause (field, LD_WIZARD_CAUSE_INSPECTION), ==, LD_CAUSE_SUPPORTED);
  g_assert_nonnull (strstr (ld_wizard_get_cause (field, LD_WIZARD_CAUSE_INSPECTION)->reason, "Your answer: no firewall"));

  /* Sharing and audio both failed with every path: the finding stands
   * for both; the ports are the likelier (same confidence, the row). */
  g_assert_cmpint (cause (both, LD_WIZARD_CAUSE_INSPECTION), ==, LD_CAUSE_SUPPORTED);
  g_assert_nonnull (strstr (ld_wizard_get_cause (both, LD_WIZARD_CAUSE_INSPECTION)->reason,
                            "More likely: Port 443"));

  g_assert_cmpint (cause (kb, LD_WIZARD_CAUSE_INSPECTION), ==, LD_CAUSE_SUPPORTED);
}

/* Going back and forth, and changing a branch, loses nothing typed. */
static void
test_answers_kept (void)
{
  g_autoptr(LdWizard) w = wizard_for ("Lync-UccApi-0.UccApilog");

  answer (w, "plan", "multi-tenant");
  answer (w, "contacts", "several");
  answer (w, "common", "all-federated");
  answer (w, "security-software", "unknown");
  answer (w, "contacts", "one");
  g_assert_false (step (w, "common")->visible);
  answer (w, "same-contact", "no");
  answer (w, "contacts", "several");
  g_assert_cmpstr (step (w, "common")->answer, ==, "all-federated");
  g_assert_cmpint (step (w, "common")->source, ==, LD_WIZARD_SOURCE_USER);
  g_assert_cmpstr (step (w, "plan")->answer, ==, "multi-tenant");
  g_assert_cmpstr (step (w, "security-software")->answer, ==, "unknown");
  answer (w, "contacts", "one");
  g_assert_cmpstr (step (w, "same-contact")->answer, ==, "no");

  /* Clearing the user's answer gives the log's back, with its source. */
  answer (w, "contacts", NULL);
  g_assert_cmpstr (step (w, "contacts")->answer, ==, "one");
  g_assert_cmpint (step (w, "contacts")->source, ==, LD_WIZARD_SOURCE_LOG);
  g_assert_cmpstr (step (w, "contacts")->log_answer, ==, "one");
  answer (w, "symptom", "audio-video");
  g_assert_cmpstr (step (w, "symptom")->log_answer, ==, "app-sharing");
}

static void
test_invalid_answers (void)
{
  g_autoptr(LdWizard) w = wizard_for ("Lync-UccApi-0.UccApilog");
  g_autoptr(GError) error = NULL;

  g_assert_false (ld_wizard_set_answer (w, "plan", "platinum", &error));
  g_assert_error (error, LD_WIZARD_ERROR, LD_WIZARD_ERROR_INVALID_ANSWER);
  g_assert_nonnull (strstr (error->message, "dedicated"));
  g_clear_error (&error);
  g_assert_false (ld_wizard_set_answer (w, "colour", "blue", &error));
  g_assert_error (error, LD_WIZARD_ERROR, LD_WIZARD_ERROR_UNKNOWN_STEP);
  g_clear_error (&error);
  /* Computed steps are not answered by hand. */
  g_assert_false (ld_wizard_set_answer (w, "causes", "edge-to-edge", &error));
  g_assert_error (error, LD_WIZARD_ERROR, LD_WIZARD_ERROR_UNKNOWN_STEP);
  g_clear_error (&error);
  g_assert_false (ld_wizard_parse_answer (w, "plan", &error));
  g_clear_error (&error);
  g_assert_true (ld_wizard_parse_answer (w, "plan=dedicated", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (step (w, "plan")->answer, ==, "dedicated");
}

static void
test_output (void)
{
  g_autoptr(LdWizard) w = wizard_for ("Lync-UccApi-0.UccApilog");
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  answer (w, "plan", "multi-tenant");
  json = ld_wizard_to_json (w, TRUE);
  g_assert_nonnull (strstr (json, "\"steps\": ["));
  g_assert_nonnull (strstr (json, "\"id\": \"symptom\""));
  g_assert_nonnull (strstr (json, "\"source\": \"log\""));
  g_assert_nonnull (strstr (json, "\"source\": \"user\""));
  g_assert_nonnull (strstr (json, "\"source\": \"unanswered\""));
  g_assert_nonnull (strstr (json, "\"line\": 253"));
  g_assert_nonnull (strstr (json, "\"conclusion\": {"));
  g_assert_nonnull (strstr (json, "\"status\": \"supported\""));
  g_assert_nonnull (strstr (json, "\"summary\": "));

  text = ld_wizard_to_text (w);
  g_assert_nonnull (strstr (text, "Step 1: The symptom"));
  g_assert_nonnull (strstr (text, "[from the log]"));
  g_assert_nonnull (strstr (text, "[your answer]"));
  g_assert_nonnull (strstr (text, "Lync-UccApi-0.UccApilog:253"));
  g_assert_nonnull (strstr (text, "[supported] Port 443"));
}

static void
test_without_logs (void)
{
  g_autoptr(LdWizard) w = ld_wizard_new (NULL);
  GPtrArray *steps = ld_wizard_get_steps (w);

  for (guint i = 0; i < steps->len; i++)
    {
      const LdWizardStep *s = g_ptr_array_index (steps, i);
      if (g_strcmp0 (s->id, "result") != 0 && g_strcmp0 (s->id, "causes") != 0)
        g_assert_cmpint (s->source, ==, LD_WIZARD_SOURCE_UNANSWERED);
    }
  answer (w, "symptom", "app-sharing");
  answer (w, "security-software", "yes");
  /* Supported only when a finding stands: without logs there is none;
   * the answer is noted, "no" would rule it out. */
  g_assert_cmpint (cause (w, LD_WIZARD_CAUSE_INSPECTION), ==, LD_CAUSE_UNKNOWN);
  g_assert_nonnull (strstr (ld_wizard_get_cause (w, LD_WIZARD_CAUSE_INSPECTION)->reason, "Your answer"));
  answer (w, "security-software", "no");
  g_assert_cmpint (cause (w, LD_WIZARD_CAUSE_INSPECTION), ==, LD_CAUSE_CONTRADICTED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/wizard/kb-case", test_kb_case);
  g_test_add_func ("/core/wizard/branch/one-contact", test_branch_one_contact);
  g_test_add_func ("/core/wizard/branch/someone-else", test_branch_someone_else);
  g_test_add_func ("/core/wizard/branch/several-contacts", test_branch_several);
  g_test_add_func ("/core/wizard/branch/plan", test_branch_plan);
  g_test_add_func ("/core/wizard/symptom/meeting-join", test_symptom_meeting);
  g_test_add_func ("/core/wizard/cause/ports-blocked", test_cause_ports);
  g_test_add_func ("/core/wizard/cause/meet-lync-blocked", test_cause_meet);
  g_test_add_func ("/core/wizard/cause/edge-to-edge", test_cause_edges);
  g_test_add_func ("/core/wizard/cause/tcp-inspection", test_cause_inspection);
  g_test_add_func ("/core/wizard/answers-kept", test_answers_kept);
  g_test_add_func ("/core/wizard/invalid-answers", test_invalid_answers);
  g_test_add_func ("/core/wizard/output", test_output);
  g_test_add_func ("/core/wizard/without-logs", test_without_logs);
  return g_test_run ();
}
