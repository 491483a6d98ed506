/* test-real-exchanges.c - every kind of SIP exchange, judged on real excerpts
 *
 * The logs are tests/data/real/: each cites its source at its top and
 * lists the lines added to make it a log. Each test says what the log's
 * exchange is (kind, outcome, code and its meaning, which side did it)
 * and what the rules make of it: no false alarm and no false all-clear.
 * The near-misses (a sign-in challenged then admitted, a routing note in
 * a call that connected, a subscription the server ended as it was
 * replaced) must stay quiet. */

#include <string.h>

#include "ld-analysis.h"
#include "ld-diagnostic.h"
#include "ld-format.h"
#include "ld-sip-message.h"

static LdAnalysis *
analyse_paths (const char * const *names)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      g_assert_true (ld_analysis_add_file (analysis, file, NULL, &error));
      g_assert_no_error (error);
    }
  ld_analysis_finish (analysis);
  return analysis;
}

static LdAnalysis *
analyse (const char *name)
{
  const char *names[] = { name, NULL };

  return analyse_paths (names);
}

static LdAnalysis *
analyse_text (const char *text)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_analysis_add_data (analysis, "memory.uccapilog", text, strlen (text), &error));
  g_assert_no_error (error);
  ld_analysis_finish (analysis);
  return analysis;
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* The one diagnostic of @a with @code in @header. */
static const LdDiagnostic *
find_diagnostic (const LdAttempt *a,
                 LdDiagHeader     header,
                 int              code)
{
  for (guint i = 0; i < a->diagnostics->len; i++)
    {
      const LdDiagnostic *d = g_ptr_array_index (a->diagnostics, i);

      if (d->header == header && d->code == code)
        return d;
    }
  g_error ("attempt %u has no %s %d", a->id, ld_diag_header_to_string (header), code);
  return NULL;
}

/* What the code table says @code means contains @words. */
static void
assert_meaning (LdDiagHeader header,
                int          code,
                const char  *words)
{
  const LdCodeInfo *info = ld_code_lookup (header, code);

  g_assert_nonnull (info);
  g_assert_nonnull (info->meaning);
  if (strstr (info->meaning, words) == NULL)
    g_error ("the meaning of %d (“%s”) does not say “%s”", code, info->meaning, words);
}

static const LdFinding *
find_finding (LdAnalysis *analysis,
              const char *id)
{
  GPtrArray *findings = ld_analysis_get_findings (analysis);

  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      if (g_strcmp0 (f->id, id) == 0)
        return f;
    }
  return NULL;
}

static gboolean
finding_covers (const LdFinding *f,
                guint            attempt)
{
  for (guint i = 0; i < f->attempts->len; i++)
    if (g_array_index (f->attempts, guint, i) == attempt)
      return TRUE;
  return FALSE;
}

/* No finding is a warning or an error: nothing to alarm anyone. */
static void
assert_quiet (LdAnalysis *analysis)
{
  GPtrArray *findings = ld_analysis_get_findings (analysis);

  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      if (f->severity != LD_SEVERITY_INFO)
        g_error ("false alarm: %s (%s)", f->id, f->title);
    }
}

static const LdExchange *
only_exchange_of_kind (LdAnalysis   *analysis,
                       LdAttemptKind kind,
                       guint        *out_count)
{
  const LdExchange *found = NULL;
  guint count = 0;

  for (guint i = 0; i < ld_analysis_get_n_exchanges (analysis); i++)
    {
      const LdExchange *e = ld_analysis_get_exchange (analysis, i);

      if (e->kind == kind)
        {
          found = found != NULL ? found : e;
          count++;
        }
    }
  if (out_count != NULL)
    *out_count = count;
  return found;
}

/* SERVICE refused 403 with ms-diagnostics 4268 (delegate scheduling): a
 * failed service request the server refused, never "nothing points to a
 * problem". */
static void
test_service_delegate (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("service-delegate-4268.uccapilog");
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdInput *input = g_ptr_array_index (ld_analysis_get_inputs (analysis), 0);
  const LdAttempt *a;
  const LdDiagnostic *d;
  const LdFinding *f;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpstr (input->user, ==, "sip:user@domain.com");
  g_assert_cmpuint (attempts->len, ==, 1);
  a = g_ptr_array_index (attempts, 0);
  g_assert_cmpint (a->kind, ==, LD_ATTEMPT_SERVICE);
  g_assert_cmpint (a->outcome, ==, LD_OUTCOME_FAILED);
  g_assert_cmpint (a->status, ==, 403);
  g_assert_cmpstr (a->user, ==, "sip:user@domain.com");
  g_assert_cmpstr (a->invite->method, ==, "SERVICE");
  /* The server refused it: this client received the 403. */
  g_assert_nonnull (a->failure);
  g_assert_cmpint (a->failure->status, ==, 403);
  g_assert_cmpint (a->failure_side, ==, LD_DIRECTION_RECEIVED);
  d = find_diagnostic (a, LD_DIAG_HEADER_MS_DIAGNOSTICS, 4268);
  g_assert_cmpstr (d->source, ==, "BLU2A16FES08.infra.lync.com");
  g_assert_true (ld_attempt_diagnostic_is_failure (a, d));
  assert_meaning (LD_DIAG_HEADER_MS_DIAGNOSTICS, 4268, "delegate");

  f = find_finding (analysis, "delegate-refused");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, LD_SEVERITY_ERROR);
  g_assert_true (finding_covers (f, a->id));
  g_assert_nonnull (strstr (f->detail, "This client received that response."));
  g_assert_cmpint (g_array_index (f->evidence, LdEvidence, 0).direction, ==, LD_DIRECTION_RECEIVED);
  /* A host named in a diagnostic is not a connection that failed. */
  g_assert_null (find_finding (analysis, "meet-lync-blocked"));

  text = ld_analysis_to_text (analysis);
  g_assert_null (strstr (text, "Nothing in the log points to a problem"));
  g_assert_nonnull (strstr (text, "Failed by: 403 Forbidden (SERVICE)  [received, line 29]"));
  json = ld_analysis_to_json (analysis, FALSE);
  g_assert_nonnull (strstr (json, "\"kind\":\"service\""));
  g_assert_nonnull (strstr (json, "\"direction\":\"received\""));
}

/* The registrar's NOTIFY "deregistered;event=rejected" with
 * ms-diagnostics-public 4141 "User disabled": the user was signed out, a
 * failed sign-in that the server did. */
static void
test_deregistered (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("registration-deregistered-4141.uccapilog");
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdInput *input = g_ptr_array_index (ld_analysis_get_inputs (analysis), 0);
  const LdExchange *e;
  const LdAttempt *a;
  const LdDiagnostic *d;
  const LdFinding *f;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;

  /* Only the server's request and the answer: the user is whom it was
   * addressed to (its To as the specification prints it, without '<'). */
  g_assert_cmpstr (input->user, ==, "sip:alice@fabrikam.com");
  g_assert_cmpuint (attempts->len, ==, 1);
  a = g_ptr_array_index (attempts, 0);
  g_assert_cmpint (a->kind, ==, LD_ATTEMPT_SIGN_IN);
  g_assert_true (a->sign_out);
  g_assert_true (a->incoming);
  g_assert_cmpint (a->outcome, ==, LD_OUTCOME_FAILED);
  g_assert_cmpstr (a->target, ==, "sip:alice@fabrikam.com");
  g_assert_nonnull (a->failure);
  g_assert_cmpstr (a->failure->method, ==, "NOTIFY");
  g_assert_true (a->failure->is_request);
  g_assert_cmpint (a->failure_side, ==, LD_DIRECTION_RECEIVED);
  d = find_diagnostic (a, LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC, 4141);
  g_assert_cmpstr (d->reason, ==, "User disabled");
  g_assert_true (ld_attempt_diagnostic_is_failure (a, d));
  assert_meaning (LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC, 4141, "disabled");
  e = ld_analysis_get_exchange (analysis, a->exchange);
  g_assert_cmpuint (e->flags & LD_EXCHANGE_DEREGISTERED, !=, 0);
  g_assert_cmpint (e->kind, ==, LD_ATTEMPT_SIGN_IN);
  g_assert_true (ld_analysis_get_exchange_attempt (analysis, a->exchange) == a);

  f = find_finding (analysis, "account-disabled");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, LD_SEVERITY_ERROR);
  g_assert_true (finding_covers (f, a->id));
  g_assert_nonnull (strstr (f->detail, "The server sent that request to this client."));

  text = ld_analysis_to_text (analysis);
  g_assert_null (strstr (text, "Nothing in the log points to a problem"));
  g_assert_nonnull (strstr (text, "signed out by the server"));
  g_assert_nonnull (strstr (text, "Signed out: NOTIFY"));
  json = ld_analysis_to_json (analysis, FALSE);
  g_assert_nonnull (strstr (json, "\"kind\":\"sign-in\""));
  g_assert_nonnull (strstr (json, "\"sign_out\":true"));
}

/* Near miss: REGISTER challenged twice (407 NTLM rounds) then admitted
 * 200 OK is one sign-in that worked, counted and not listed; cut after a
 * challenge, it got no answer in the log (not a failure). */
static void
test_sign_in_challenged (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("signin-ntlm-challenge.uccapilog");
  const LdInput *input = g_ptr_array_index (ld_analysis_get_inputs (analysis), 0);
  g_autoptr(LdAnalysis) cut = NULL;
  g_autofree char *text = read_fixture ("signin-ntlm-challenge.uccapilog");
  g_autofree char *summary = NULL;
  const LdExchange *e;
  guint count;
  char *end;

  g_assert_cmpstr (input->user, ==, "sip:user@cosmo.local");
  g_assert_cmpuint (ld_analysis_get_attempts (analysis)->len, ==, 0);
  g_assert_cmpuint (ld_analysis_get_findings (analysis)->len, ==, 0);
  e = only_exchange_of_kind (analysis, LD_ATTEMPT_SIGN_IN, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (ld_analysis_get_n_exchanges (analysis), ==, 1);
  g_assert_cmpint (e->outcome, ==, LD_OUTCOME_SUCCEEDED);
  g_assert_cmpuint (e->status, ==, 200);
  g_assert_cmpuint (e->n_messages, ==, 6);
  g_assert_cmpuint (e->flags & LD_EXCHANGE_CHALLENGED, ==, 0);
  summary = ld_analysis_to_text (analysis);
  g_assert_nonnull (strstr (summary, "sign-in        1: 1 succeeded"));

  /* The log ends right after the second challenge: the handshake was
   * under way, nothing failed. */
  end = strstr (text, "End of Data Received");
  end = strstr (end + 1, "End of Data Received");
  end = strchr (end, '\n') + 1;
  *end = '\0';
  cut = analyse_text (text);
  g_assert_cmpuint (ld_analysis_get_attempts (cut)->len, ==, 0);
  g_assert_cmpuint (ld_analysis_get_findings (cut)->len, ==, 0);
  e = only_exchange_of_kind (cut, LD_ATTEMPT_SIGN_IN, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpint (e->outcome, ==, LD_OUTCOME_NO_RESPONSE);
  g_assert_cmpuint (e->status, ==, 407);
  g_assert_cmpuint (e->flags & LD_EXCHANGE_CHALLENGED, !=, 0);
}

/* The same challenge, left unanswered while the log goes on: the sign-in
 * failed (the client gave up), and says so. */
static void
test_sign_in_challenge_unanswered (void)
{
  g_autofree char *text = read_fixture ("signin-ntlm-challenge.uccapilog");
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(LdAnalysis) analysis = NULL;
  const LdAttempt *a;
  char *end;

  end = strstr (text, "End of Data Received");
  end = strstr (end + 1, "End of Data Received");
  end = strchr (end, '\n') + 1;
  g_string_append_len (log, text, end - text);
  /* ADDED: a trace line a minute later (the log goes on). */
  g_string_append (log, "03/01/2010|10:09:10.000 0A10:0A14 INFO  :: CUccLogger - still running\n");
  analysis = analyse_text (log->str);
  g_assert_cmpuint (ld_analysis_get_attempts (analysis)->len, ==, 1);
  a = g_ptr_array_index (ld_analysis_get_attempts (analysis), 0);
  g_assert_cmpint (a->kind, ==, LD_ATTEMPT_SIGN_IN);
  g_assert_cmpint (a->outcome, ==, LD_OUTCOME_FAILED);
  g_assert_cmpint (a->status, ==, 407);
  g_assert_cmpint (a->failure_side, ==, LD_DIRECTION_RECEIVED);
}

/* An IM INVITE this client refused 488 with ms-client-diagnostics 52035:
 * this client refused it, not the other end. */
static void
test_im_refused_by_this_client (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("im-refused-52035-by-this-client.uccapilog");
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdAttempt *a;
  const LdDiagnostic *d;
  const LdFinding *f;
  g_autofree char *json = NULL;

  g_assert_cmpuint (attempts->len, ==, 1);
  a = g_ptr_array_index (attempts, 0);
  g_assert_cmpint (a->kind, ==, LD_ATTEMPT_PEER_TO_PEER);
  g_assert_cmpint (a->modality, ==, LD_MODALITY_CHAT);
  g_assert_true (a->incoming);
  g_assert_cmpstr (a->remote_party, ==, "sip:bot@contoso.com");
  g_assert_cmpstr (a->user, ==, "sip:alice@contoso.com");
  g_assert_cmpint (a->outcome, ==, LD_OUTCOME_FAILED);
  g_assert_cmpint (a->status, ==, 488);
  g_assert_nonnull (a->failure);
  g_assert_false (a->failure->is_request);
  g_assert_cmpint (a->failure->direction, ==, LD_DIRECTION_SENT);
  g_assert_cmpint (a->failure_side, ==, LD_DIRECTION_SENT);
  g_assert_cmpstr (ld_attempt_get_side_label (a), ==, "sent by this client");
  d = find_diagnostic (a, LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 52035);
  g_assert_true (d->message == a->failure);
  assert_meaning (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 52035, "same conversation ID");

  f = find_finding (analysis, "duplicate-conversation");
  g_assert_nonnull (f);
  g_assert_true (finding_covers (f, a->id));
  g_assert_nonnull (strstr (f->detail, "it refused the new session itself"));
  g_assert_null (strstr (f->detail, "other client answered"));
  g_assert_cmpint (g_array_index (f->evidence, LdEvidence, 0).direction, ==, LD_DIRECTION_SENT);
  json = ld_analysis_to_json (analysis, FALSE);
  g_assert_nonnull (strstr (json, "\"direction\":\"sent\""));
}

/* Near miss: a 101 Progress Report carrying the routing note 25008, in a
 * call answered 200 OK; then the same note in the 200 itself. Neither
 * fails the call. */
static void
test_routing_note_in_answered_call (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("call-101-25008-answered.uccapilog");
  g_autofree char *text = read_fixture ("call-101-25008-answered.uccapilog");
  const char *note = "ms-diagnostics: 25008;reason=\"Attempting to route to Primary Pool\"\n";
  g_autoptr(GString) moved = NULL;
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdAttempt *a;
  const LdDiagnostic *d;
  char *at;

  g_assert_cmpuint (attempts->len, ==, 1);
  a = g_ptr_array_index (attempts, 0);
  g_assert_cmpint (a->kind, ==, LD_ATTEMPT_PEER_TO_PEER);
  g_assert_cmpint (a->modality, ==, LD_MODALITY_AUDIO);
  g_assert_cmpint (a->outcome, ==, LD_OUTCOME_SUCCEEDED);
  g_assert_cmpint (a->status, ==, 200);
  g_assert_null (a->failure);
  d = find_diagnostic (a, LD_DIAG_HEADER_MS_DIAGNOSTICS, 25008);
  g_assert_cmpint (d->message->status, ==, 101);
  g_assert_false (ld_attempt_diagnostic_is_failure (a, d));
  g_assert_cmpint (ld_code_get_verdict (LD_DIAG_HEADER_MS_DIAGNOSTICS, 25008), ==, LD_CODE_INFORMATIONAL);
  assert_meaning (LD_DIAG_HEADER_MS_DIAGNOSTICS, 25008, "not an error");
  assert_quiet (analysis);

  /* The note moved into the 200 OK (a 2xx with an informational code). */
  at = strstr (text, note);
  g_assert_nonnull (at);
  moved = g_string_new_len (text, at - text);
  g_string_append (moved, at + strlen (note));
  at = strstr (moved->str, "SIP/2.0 200 OK\n");
  g_assert_nonnull (at);
  g_string_insert (moved, at - moved->str + strlen ("SIP/2.0 200 OK\n"), note);
  {
    g_autoptr(LdAnalysis) again = analyse_text (moved->str);
    const LdAttempt *b;

    g_assert_cmpuint (ld_analysis_get_attempts (again)->len, ==, 1);
    b = g_ptr_array_index (ld_analysis_get_attempts (again), 0);
    g_assert_cmpint (b->outcome, ==, LD_OUTCOME_SUCCEEDED);
    d = find_diagnostic (b, LD_DIAG_HEADER_MS_DIAGNOSTICS, 25008);
    g_assert_cmpint (d->message->status, ==, 200);
    g_assert_false (ld_attempt_diagnostic_is_failure (b, d));
    assert_quiet (again);
  }
}

/* Near miss: the empty BENOTIFY "Subscription-State: terminated" with
 * ms-diagnostics-public 2139 ends a subscription a new one replaced: it
 * is housekeeping, and a notification that is not the registrar's is not
 * a sign-out although it looks like one (terminated, expires=0, a public
 * diagnostic). */
static void
test_subscription_replaced (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("subscription-2139-terminated.uccapilog");
  const LdExchange *e;
  guint count;

  g_assert_cmpuint (ld_analysis_get_attempts (analysis)->len, ==, 0);
  g_assert_cmpuint (ld_analysis_get_findings (analysis)->len, ==, 0);
  g_assert_null (only_exchange_of_kind (analysis, LD_ATTEMPT_SIGN_IN, &count));
  e = only_exchange_of_kind (analysis, LD_ATTEMPT_SUBSCRIPTION, &count);
  g_assert_cmpuint (count, ==, 2);
  /* The first subscription: its 200, then the BENOTIFY that ended it. */
  g_assert_cmpint (e->outcome, ==, LD_OUTCOME_SUCCEEDED);
  g_assert_cmpuint (e->n_messages, ==, 3);
  g_assert_cmpuint (e->flags & (LD_EXCHANGE_DIAGNOSTIC | LD_EXCHANGE_NOTIFIED), ==,
                    LD_EXCHANGE_DIAGNOSTIC | LD_EXCHANGE_NOTIFIED);
  g_assert_cmpuint (e->flags & LD_EXCHANGE_DEREGISTERED, ==, 0);
  g_assert_cmpint (ld_code_get_verdict (LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC, 2139), ==, LD_CODE_INFORMATIONAL);
}

/* A federated call refused 404, with the diagnostics of the Mediation
 * Server AMS0S00MED02.infra.lync.com that relayed it: a failed call the
 * far side answered; no "meet.lync.com is blocked". */
static void
test_federated_not_found (void)
{
  g_autoptr(LdAnalysis) analysis = analyse ("federated-404-relayed.uccapilog");
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  GPtrArray *findings = ld_analysis_get_findings (analysis);
  const LdAttempt *a;
  const LdDiagnostic *d;
  gboolean error = FALSE;

  g_assert_cmpuint (attempts->len, ==, 1);
  a = g_ptr_array_index (attempts, 0);
  g_assert_cmpint (a->kind, ==, LD_ATTEMPT_PEER_TO_PEER);
  g_assert_cmpint (a->modality, ==, LD_MODALITY_AUDIO);
  g_assert_cmpint (a->outcome, ==, LD_OUTCOME_FAILED);
  g_assert_cmpint (a->status, ==, 404);
  g_assert_cmpint (a->failure_side, ==, LD_DIRECTION_RECEIVED);
  g_assert_cmpint (a->failure->status, ==, 404);
  d = find_diagnostic (a, LD_DIAG_HEADER_MS_DIAGNOSTICS, 1034);
  g_assert_cmpstr (d->source, ==, "federation.messenger.msn.com");
  assert_meaning (LD_DIAG_HEADER_MS_DIAGNOSTICS, 1034, "federated partner");
  d = find_diagnostic (a, LD_DIAG_HEADER_MS_DIAGNOSTICS, 10003);
  g_assert_cmpstr (d->source, ==, "AMS0S00MED02.infra.lync.com");

  g_assert_null (find_finding (analysis, "meet-lync-blocked"));
  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      error |= f->severity == LD_SEVERITY_ERROR && finding_covers (f, a->id);
    }
  g_assert_true (error);
}

/* Two users' logs opened together: each attempt knows whose log it is. */
static void
test_two_users (void)
{
  const char *names[] = { "service-delegate-4268.uccapilog", "registration-deregistered-4141.uccapilog", NULL };
  g_autoptr(LdAnalysis) analysis = analyse_paths (names);
  g_autoptr(GPtrArray) users = ld_analysis_dup_users (analysis);
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  g_autofree char *text = NULL;

  g_assert_cmpuint (ld_analysis_get_n_users (analysis), ==, 2);
  g_assert_cmpuint (users->len, ==, 2);
  g_assert_cmpuint (attempts->len, ==, 2);
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      const LdInput *input = g_ptr_array_index (ld_analysis_get_inputs (analysis), a->input);

      g_assert_cmpstr (a->user, ==, input->user);
      g_assert_cmpstr (a->user, ==, a->kind == LD_ATTEMPT_SERVICE ? "sip:user@domain.com" : "sip:alice@fabrikam.com");
    }
  text = ld_analysis_to_text (analysis);
  g_assert_nonnull (strstr (text, "  User:    sip:alice@fabrikam.com\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/real-exchanges/service-delegate-4268", test_service_delegate);
  g_test_add_func ("/core/real-exchanges/deregistered-4141", test_deregistered);
  g_test_add_func ("/core/real-exchanges/sign-in-challenged", test_sign_in_challenged);
  g_test_add_func ("/core/real-exchanges/sign-in-challenge-unanswered", test_sign_in_challenge_unanswered);
  g_test_add_func ("/core/real-exchanges/im-refused-52035-by-this-client", test_im_refused_by_this_client);
  g_test_add_func ("/core/real-exchanges/routing-note-25008-in-answered-call", test_routing_note_in_answered_call);
  g_test_add_func ("/core/real-exchanges/subscription-replaced-2139", test_subscription_replaced);
  g_test_add_func ("/core/real-exchanges/federated-404-relayed", test_federated_not_found);
  g_test_add_func ("/core/real-exchanges/two-users", test_two_users);
  return g_test_run ();
}
