/* ld-attempts.c - attempts from the exchanges that matter: what each was, how it ended, which side did it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <string.h>

#include "ld-analysis.h"
#include "ld-analysis-private.h"
#include "ld-parallel.h"
#include "ld-sip-message-private.h"

static const char *
find_conf (const char *s)
{
  /* [MS-CONFIM]: ...;gruu;opaque=app:conf:focus:id:<ID>. Only "app:conf:"
   * is required: case varies, and the support article itself writes
   * "opague=app:conf:chat:id:..." (sic) and "...:gruu;opaque=...". */
  for (const char *p = s; p != NULL && *p != '\0'; p++)
    if ((*p == 'a' || *p == 'A') && _ld_ascii_equal_n (p, "app:conf:", 9))
      return p;
  return NULL;
}

static gboolean
is_conference_uri (const char *s)
{
  return find_conf (s) != NULL;
}

static LdModality
conference_modality (const char *uri)
{
  const char *p = find_conf (uri);

  if (p == NULL)
    return LD_MODALITY_OTHER;
  p += strlen ("app:conf:");
  if (_ld_ascii_equal_n (p, "focus:", 6))
    return LD_MODALITY_FOCUS;
  if (_ld_ascii_equal_n (p, "chat:", 5))
    return LD_MODALITY_CHAT;
  if (_ld_ascii_equal_n (p, "audio-video:", 12))
    return LD_MODALITY_AUDIO_VIDEO;
  if (_ld_ascii_equal_n (p, "applicationsharing:", 19) ||
      _ld_ascii_equal_n (p, "application-sharing:", 20))
    return LD_MODALITY_APPLICATION_SHARING;
  if (_ld_ascii_equal_n (p, "data-conf:", 10) || _ld_ascii_equal_n (p, "data:", 5))
    return LD_MODALITY_DATA;
  return LD_MODALITY_OTHER;
}


/* Peer-to-peer modality from the SDP m= lines (also inside multipart
 * bodies, which Lync uses to offer ICE draft 6 and RFC 5245 at once). */
static gboolean
sdp_modality (const char *body,
              LdModality *out)
{
  gboolean audio = FALSE, video = FALSE, appshare = FALSE, data = FALSE, message = FALSE;
  const char *p = body;

  while (p != NULL && *p != '\0')
    {
      if (p[0] == 'm' && p[1] == '=')
        {
          if (_ld_ascii_equal_n (p + 2, "audio", 5))
            audio = TRUE;
          else if (_ld_ascii_equal_n (p + 2, "video", 5))
            video = TRUE;
          else if (_ld_ascii_equal_n (p + 2, "applicationsharing", 18))
            appshare = TRUE;
          else if (_ld_ascii_equal_n (p + 2, "data", 4))
            data = TRUE;
          else if (_ld_ascii_equal_n (p + 2, "message", 7))
            message = TRUE;
        }
      p = strchr (p, '\n');
      if (p != NULL)
        p++;
    }
  if (video)
    *out = LD_MODALITY_VIDEO;
  else if (audio)
    *out = LD_MODALITY_AUDIO;
  else if (appshare)
    *out = LD_MODALITY_APPLICATION_SHARING;
  else if (data)
    *out = LD_MODALITY_DATA;
  else if (message)
    *out = LD_MODALITY_CHAT;  /* an IM session: m=message ([MS-SIPRE] 2.2.x, SIPE) */
  else
    return FALSE;
  return TRUE;
}

static gboolean
is_initial_invite (const LdSipMessage *msg)
{
  return msg->is_request && g_strcmp0 (msg->method, "INVITE") == 0 &&
         (msg->to_tag == NULL || *msg->to_tag == '\0');
}

/* What an INVITE opens: a conference join (its URI names the
 * conference) or a peer-to-peer session: a call, sharing or file transfer
 * by the media its SDP offers, an IM session (m=message), else "other".
 * Shared by the early attempts seen while reading and the final ones, so
 * both classify alike. */
static void
classify_invite (const LdSipMessage  *invite,
                 LdAttemptKind       *kind,
                 LdModality          *modality,
                 const char         **conf_uri)
{
  gboolean incoming = invite->direction == LD_DIRECTION_RECEIVED;
  const char *conf = NULL;

  if (is_conference_uri (invite->request_uri))
    conf = invite->request_uri;
  else if (is_conference_uri (invite->to))
    conf = invite->to;
  else if (incoming && is_conference_uri (invite->from))
    conf = invite->from;

  *conf_uri = conf;
  if (conf != NULL)
    {
      *kind = LD_ATTEMPT_CONFERENCE;
      *modality = conference_modality (conf);
      return;
    }
  *kind = LD_ATTEMPT_PEER_TO_PEER;
  if (!sdp_modality (invite->body, modality))
    *modality = LD_MODALITY_OTHER;
}

/* The target an attempt is named by: the conference, or the opening
 * request's URI; for an exchange whose request is not in the log, whom
 * its answer was addressed to. */
static char *
dup_target (const LdSipMessage *opening,
            const char         *conf_uri)
{
  char *target;

  if (conf_uri != NULL && conf_uri != opening->request_uri)
    target = ld_sip_uri_dup_address (conf_uri);
  else if (opening->is_request)
    target = g_strdup (opening->request_uri);
  else
    target = ld_sip_uri_dup_address (opening->to);
  return target != NULL ? target : g_strdup ("");
}

static gboolean
is_method (const LdSipMessage *msg,
           LdSipMethod         method)
{
  return ld_sip_method_from_string (msg->method, -1) == method;
}

/* The kind, modality and target of the attempt an exchange becomes, from
 * the message that opens it. */
static void
describe (const LdExchange    *e,
          const LdSipMessage  *opening,
          LdAttemptKind       *kind,
          LdModality          *modality,
          const char         **conf_uri)
{
  *conf_uri = NULL;
  *modality = LD_MODALITY_OTHER;
  *kind = e->kind;
  if (e->method == LD_SIP_METHOD_INVITE && opening->is_request && is_method (opening, LD_SIP_METHOD_INVITE))
    classify_invite (opening, kind, modality, conf_uri);
}

static void note_failing_diagnostics (LdAnalysis         *self,
                                      const LdSipMessage *m);

/* Called from the reading thread for every kept message (every message
 * _ld_attempts_build() reads). A diagnostic reporting a failure marks its
 * exchange, for _ld_attempts_build(): noted here, while the message is
 * fresh in memory, rather than in one more pass over all of them there.
 * The first message of an exchange that becomes an attempt (an INVITE's
 * initial INVITE, a sign-in, an exchange that failed or carries a
 * diagnostic) opens an early one. */
void
_ld_attempts_note_kept (LdAnalysis         *self,
                        const LdSipMessage *msg)
{
  LdEarlyAttempt *early;
  LdExchange *e;
  const char *conf_uri;
  LdAttemptKind kind;
  LdModality modality;

  note_failing_diagnostics (self, msg);
  if (msg->exchange == 0 || (self->flags & LD_ANALYSIS_FLAGS_EARLY_ATTEMPTS) == 0)
    return;
  e = _ld_exchange_at (self, msg->exchange - 1);
  if ((e->flags & LD_EXCHANGE_EARLY) != 0 || (e->flags & LD_EXCHANGE_KEPT) == 0)
    return;
  if (e->method == LD_SIP_METHOD_INVITE)
    {
      if (!is_initial_invite (msg))
        return;
    }
  /* Any other exchange becomes an attempt when it did not succeed: known
   * while reading when it failed (or, for the window's early view, carries
   * a diagnostic). */
  else if ((e->flags & LD_EXCHANGE_DEREGISTERED) == 0 &&
           !(e->status >= 300 && (e->flags & LD_EXCHANGE_CHALLENGED) == 0 &&
             !(e->method == LD_SIP_METHOD_REGISTER && e->status < 400)))
    return;
  e->flags |= LD_EXCHANGE_EARLY;
  describe (e, msg, &kind, &modality, &conf_uri);

  early = g_new0 (LdEarlyAttempt, 1);
  early->kind = kind;
  early->modality = modality;
  early->incoming = msg->is_request ? msg->direction == LD_DIRECTION_RECEIVED
                                    : msg->direction == LD_DIRECTION_SENT;
  early->start = e->method == LD_SIP_METHOD_INVITE ? msg->time : e->start;
  early->target = dup_target (msg, conf_uri);

  g_mutex_lock (&self->early_lock);
  if (self->early != NULL)
    g_ptr_array_add (self->early, early);
  else
    ld_early_attempt_free (early);
  g_mutex_unlock (&self->early_lock);
}

/* An attempt of @exchange opened by @opening: what making the list of
 * attempts needs, on one thread. attempt_describe() makes the rest, its
 * other arrays too, in parallel. */
static LdAttempt *
attempt_new (LdAnalysis         *self,
             guint               exchange,
             const LdSipMessage *opening)
{
  const LdExchange *e = _ld_exchange_at (self, exchange);
  LdAttempt *a = g_new0 (LdAttempt, 1);

  a->incoming = (e->flags & LD_EXCHANGE_INCOMING) != 0;
  a->call_id = opening->call_id;
  a->invite = opening;
  a->start = opening->time;
  a->end = opening->time;
  a->exchange = exchange;
  a->input = opening->input;
  a->messages = g_ptr_array_new ();
  return a;
}

/* The kind, modality, target and other end of @a, from the message that
 * opened it, and its arrays of diagnostics and findings. A string made
 * here goes into the analysis's store under @lock; a target that is the
 * opening request's URI is that URI, already in the store when the
 * message is compacted (it outlives its attempt, and is never compacted
 * again), so most attempts take the lock once. */
static void
attempt_describe (LdAnalysis         *self,
                  LdAttempt          *a,
                  const LdSipMessage *opening,
                  GMutex             *lock)
{
  const LdExchange *e = _ld_exchange_at (self, a->exchange);
  const LdInput *input = a->input < self->inputs->len ? g_ptr_array_index (self->inputs, a->input) : NULL;
  const char *conf_uri;
  const char *other;
  char *target = NULL, *remote_party;

  a->user = input != NULL ? input->user : NULL;
  a->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_diagnostic_free);
  a->findings = g_ptr_array_new ();
  describe (e, opening, &a->kind, &a->modality, &conf_uri);
  /* As dup_target() would copy it. */
  if (opening->compacted && opening->is_request && opening->request_uri != NULL &&
      (conf_uri == NULL || conf_uri == opening->request_uri))
    a->target = opening->request_uri;
  else
    target = dup_target (opening, conf_uri);
  /* A conference's other end is its organizer: the user part of its URI;
   * a sign-in's, the user signing in. */
  if (conf_uri != NULL)
    other = conf_uri;
  else if (a->kind == LD_ATTEMPT_SIGN_IN)
    other = opening->is_request && opening->direction == LD_DIRECTION_SENT ? opening->from : opening->to;
  else if (opening->is_request)
    other = opening->direction == LD_DIRECTION_RECEIVED ? opening->from : opening->to;
  else
    other = opening->direction == LD_DIRECTION_SENT ? opening->from : opening->to;
  remote_party = ld_sip_uri_dup_address (other);
  if (target != NULL || remote_party != NULL)
    {
      g_mutex_lock (lock);
      if (target != NULL)
        a->target = _ld_string_chunk_take (self->strings, target, TRUE);
      a->remote_party = _ld_string_chunk_take (self->strings, remote_party, TRUE);
      g_mutex_unlock (lock);
    }
  /* The server's sign-out is addressed to this client's contact (an IP
   * address): the attempt is named by the user it signed out. */
  if (a->kind == LD_ATTEMPT_SIGN_IN && opening->direction == LD_DIRECTION_RECEIVED && a->remote_party != NULL)
    a->target = a->remote_party;
}

typedef struct
{
  LdAnalysis *self;
  GPtrArray  *attempts;
  gboolean   *server_input;  /* per input: a server's trace */
  GPtrArray  *openings;      /* per attempt: the message that opened it */
  /* Each distinct diagnostic header value parsed once (into
   * self->diagnostics), by header: value -> the parsed one; and the same
   * by the value's address. */
  GMutex      lock;
  GHashTable *parsed[LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS + 1];
  GHashTable *by_address[LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS + 1];
} Settling;

/* A diagnostic for @value of @header: parsed once per distinct value,
 * shared by every attempt that carries it (_ld_diagnostic_dup_sharing()).
 * Attempts are settled on several threads: the tables are read and
 * written under the lock, a value is parsed outside it.
 *
 * The messages' diagnostic values are stored once each in the analysis's
 * string chunk (a log repeats them in thousands of calls), so a value is
 * looked up by its address first: hashing and comparing the whole text,
 * often a kilobyte of media statistics, under the lock had both threads
 * waiting for each other. A value stored twice is found by its text, as
 * before. */
static LdDiagnostic *
shared_diagnostic (Settling     *settling,
                   LdDiagHeader  header,
                   const char   *value)
{
  GHashTable *table = settling->parsed[header];
  GHashTable *by_address = settling->by_address[header];
  LdDiagnostic *parsed;

  g_mutex_lock (&settling->lock);
  parsed = g_hash_table_lookup (by_address, value);
  if (parsed == NULL)
    {
      parsed = g_hash_table_lookup (table, value);
      if (parsed != NULL)
        g_hash_table_insert (by_address, (gpointer) value, parsed);
    }
  g_mutex_unlock (&settling->lock);
  if (parsed == NULL)
    {
      /* Its raw text borrowed: the message, whose header this is,
       * outlives the attempts. */
      LdDiagnostic *fresh = _ld_diagnostic_parse_borrowing (header, value);

      g_mutex_lock (&settling->lock);
      parsed = g_hash_table_lookup (table, value);
      if (parsed == NULL)
        {
          g_hash_table_insert (table, (gpointer) value, fresh);
          g_ptr_array_add (settling->self->diagnostics, fresh);
          parsed = g_steal_pointer (&fresh);
        }
      g_hash_table_insert (by_address, (gpointer) value, parsed);
      g_mutex_unlock (&settling->lock);
      g_clear_pointer (&fresh, ld_diagnostic_free);
    }
  return _ld_diagnostic_dup_sharing (parsed, value);
}

static void
collect_diagnostics (Settling           *settling,
                     LdAttempt          *a,
                     const LdSipMessage *msg)
{
  if (msg->diag_count == 0)
    return;
  for (guint i = 0; i < msg->n_headers; i++)
    {
      const LdHeader *h = &msg->headers[i];
      LdDiagHeader kind;
      LdDiagnostic *d;

      if (!ld_diag_header_from_name (h->name, &kind) || kind >= G_N_ELEMENTS (settling->parsed))
        continue;
      d = shared_diagnostic (settling, kind, h->value);
      d->message = msg;
      g_ptr_array_add (a->diagnostics, d);
    }
}

/* Whether a diagnostic reports a failure in its place. A code by itself
 * is a failure, informational or unknown (ld_code_get_verdict()); in a 1xx
 * or 2xx, in a request, or in a final response of a transaction other
 * than the one that decided the attempt (one that later succeeded), only
 * a code the tables call a failure is one; in the final error response
 * that decided the attempt, any code but an informational one explains
 * that failure. An unknown code never makes anything fail by itself. */
static gboolean
diagnostic_fails (const LdSipMessage *final,
                  const LdDiagnostic *d)
{
  LdCodeVerdict verdict = ld_diagnostic_get_verdict (d);
  const LdSipMessage *m = d->message;

  if (verdict == LD_CODE_INFORMATIONAL)
    return FALSE;
  if (m != NULL && !m->is_request && m->status >= 300 && m == final)
    return TRUE;
  return verdict == LD_CODE_FAILURE;
}

/**
 * ld_attempt_diagnostic_is_failure:
 * @attempt: an attempt
 * @diagnostic: one of its diagnostics
 *
 * Returns: whether @diagnostic reports a failure where it stands in
 *   @attempt (see diagnostic_fails()): what views show as "failure"
 */
gboolean
ld_attempt_diagnostic_is_failure (const LdAttempt    *attempt,
                                  const LdDiagnostic *diagnostic)
{
  g_return_val_if_fail (attempt != NULL && diagnostic != NULL, FALSE);

  return diagnostic_fails (attempt->final_response, diagnostic);
}

/* The first diagnostic that reports a failure, and the message that
 * carries it. */
static const LdDiagnostic *
first_failing_diagnostic (const LdAttempt *a)
{
  for (guint i = 0; i < a->diagnostics->len; i++)
    {
      const LdDiagnostic *d = g_ptr_array_index (a->diagnostics, i);

      if (diagnostic_fails (a->final_response, d))
        return d;
    }
  return NULL;
}

/* A call or a join: the first final response to its (latest) INVITE
 * decides, a 487 is a cancel, and a diagnostic that reports a failure
 * (a client's media failure in its BYE) fails a call that was answered. */
static void
settle_invite (LdAttempt *a)
{
  gboolean cancelled = FALSE;
  const LdSipMessage *final = NULL;
  const LdDiagnostic *d;
  guint32 cseq = a->invite->cseq;

  for (guint i = 0; i < a->messages->len; i++)
    {
      const LdSipMessage *m = g_ptr_array_index (a->messages, i);

      if (m->is_request && is_method (m, LD_SIP_METHOD_CANCEL) && m->cseq == cseq)
        cancelled = TRUE;
      else if (!m->is_request && is_method (m, LD_SIP_METHOD_INVITE) && m->cseq == cseq && m->status >= 200)
        {
          /* The first final response counts; later ones are retransmissions. */
          if (final == NULL)
            final = m;
        }
      if (m->body != NULL && strstr (m->body, "a=remote-candidates") != NULL)
        a->remote_candidates = TRUE;
    }

  a->final_response = final;
  if (final != NULL)
    {
      a->status = final->status;
      a->status_reason = final->reason;
    }
  d = first_failing_diagnostic (a);

  if (final != NULL && final->status == 487)
    a->outcome = LD_OUTCOME_CANCELLED;
  else if (final != NULL && final->status >= 300)
    a->outcome = LD_OUTCOME_FAILED;
  else if (d != NULL)
    a->outcome = LD_OUTCOME_FAILED;
  else if (final != NULL)
    a->outcome = LD_OUTCOME_SUCCEEDED;
  else if (cancelled)
    a->outcome = LD_OUTCOME_CANCELLED;
  else
    a->outcome = LD_OUTCOME_NO_RESPONSE;

  if (a->outcome == LD_OUTCOME_FAILED)
    a->failure = final != NULL && final->status >= 300 ? final : d->message;
}

/* Whether @final carries diagnostics and every one of them is
 * informational by the code tables. */
static gboolean
refused_by_design (const LdAttempt    *a,
                   const LdSipMessage *final)
{
  gboolean any = FALSE;

  for (guint i = 0; i < a->diagnostics->len; i++)
    {
      const LdDiagnostic *d = g_ptr_array_index (a->diagnostics, i);

      if (d->message != final)
        continue;
      if (ld_diagnostic_get_verdict (d) != LD_CODE_INFORMATIONAL)
        return FALSE;
      any = TRUE;
    }
  return any;
}

/* Any other exchange: the last final response to its opening method's
 * latest round decides (a 401/407 challenge answered by a new round is
 * not a failure; one left unanswered while the log goes on is: see
 * settle_compact() in ld-exchanges.c). A sign-in redirected to its
 * home server (3xx) did what it was told. The server's NOTIFY that signed
 * the user out fails its sign-in attempt. */
static void
settle_exchange (LdAttempt        *a,
                 const LdExchange *e)
{
  LdSipMethod method = (LdSipMethod) e->method;
  const LdSipMessage *final = NULL;
  const LdDiagnostic *d;

  for (guint i = 0; i < a->messages->len; i++)
    {
      const LdSipMessage *m = g_ptr_array_index (a->messages, i);

      /* The last final response to its method: of its latest round. */
      if (!m->is_request && m->status >= 200 && is_method (m, method))
        final = m;
    }
  a->final_response = final;
  a->status = final != NULL ? final->status : e->status;
  a->status_reason = final != NULL ? final->reason : NULL;
  d = first_failing_diagnostic (a);

  if ((e->flags & LD_EXCHANGE_DEREGISTERED) != 0)
    {
      a->outcome = LD_OUTCOME_FAILED;
      a->sign_out = TRUE;
      a->failure = a->invite;
      return;
    }
  if (method == LD_SIP_METHOD_REGISTER && a->invite->is_request)
    {
      const char *expires = ld_sip_message_get_header (a->invite, "Expires");

      /* RFC 3261 10.2.2: a REGISTER with Expires: 0 removes the binding. */
      if (expires != NULL && g_ascii_strtoll (expires, NULL, 10) == 0 && g_ascii_isdigit (*expires))
        a->sign_out = TRUE;
    }
  a->outcome = (LdOutcome) e->outcome;
  if (a->outcome == LD_OUTCOME_SUCCEEDED && d != NULL)
    a->outcome = LD_OUTCOME_FAILED;
  /* A refusal whose codes the tables call informational is one by design
   * (2165: the contact list is in Exchange, so the server refuses the old
   * contact subscription and the client reads Exchange): not a failure. */
  if (a->outcome == LD_OUTCOME_FAILED && final != NULL && final->status >= 300 && refused_by_design (a, final))
    a->outcome = LD_OUTCOME_SUCCEEDED;
  if (a->outcome == LD_OUTCOME_FAILED)
    a->failure = final != NULL && final->status >= 300 ? final : d != NULL ? d->message : NULL;
}

/* The diagnostics every message of an attempt carries, and its outcome.
 * It reads only the attempt's messages and exchange and writes only the
 * attempt, so attempts are settled on two threads. */
static void
settle_attempt (guint    index,
                gpointer data)
{
  Settling *settling = data;
  LdAttempt *a = g_ptr_array_index (settling->attempts, index);
  const LdExchange *e = _ld_exchange_at (settling->self, a->exchange);

  attempt_describe (settling->self, a, g_ptr_array_index (settling->openings, index), &settling->lock);
  for (guint i = 0; i < a->messages->len; i++)
    {
      const LdSipMessage *m = g_ptr_array_index (a->messages, i);

      if (m->time >= 0 && (a->end < 0 || m->time > a->end))
        a->end = m->time;
      collect_diagnostics (settling, a, m);
    }
  if (a->kind == LD_ATTEMPT_CONFERENCE || a->kind == LD_ATTEMPT_PEER_TO_PEER)
    settle_invite (a);
  else
    settle_exchange (a, e);
  /* In a server's trace no client's side is known. */
  a->failure_side = a->failure != NULL && !settling->server_input[a->input] ? a->failure->direction
                                                                             : LD_DIRECTION_UNKNOWN;
}

static int
compare_attempts (gconstpointer pa,
                  gconstpointer pb)
{
  const LdAttempt *a = *(const LdAttempt **) pa;
  const LdAttempt *b = *(const LdAttempt **) pb;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->invite->input != b->invite->input)
    return a->invite->input < b->invite->input ? -1 : 1;
  return a->invite->line < b->invite->line ? -1 : a->invite->line > b->invite->line;
}

/* Which exchanges become attempts: every call, join and IM session (from
 * its initial INVITE), and any other exchange, a sign-in too, that did not
 * succeed or carries a diagnostic, once a message of it was kept. One that
 * succeeded stays an LdExchange: views count it, and
 * ld_analysis_dup_exchange_messages() gives what was kept of it. */
/* RFC 3261 Timer B: 64*T1 = 32 s. */
#define INVITE_OFFERED_MS 32000

static gboolean
becomes_attempt (const LdExchange   *e,
                 const LdSipMessage *m,
                 gint64              input_end)
{
  /* An invitation this client received and had not answered when its log
   * ends, within the 32 s a SIP transaction waits (RFC 3261 Timer B), was
   * still being offered to the user: counted, like a routine request the
   * log ends on, not a failed attempt. */
  if (e->method == LD_SIP_METHOD_INVITE && (e->flags & LD_EXCHANGE_INCOMING) != 0 &&
      e->outcome == LD_OUTCOME_NO_RESPONSE && e->start >= 0 && input_end >= 0 &&
      input_end - e->start < INVITE_OFFERED_MS)
    return FALSE;
  if (e->method == LD_SIP_METHOD_INVITE)
    return is_initial_invite (m);
  /* A routine request left unanswered is most often the log's end (or a
   * server trace's filter): it is counted (the text and JSON summaries of
   * exchanges say how many), not listed. One that worked is listed only
   * when a diagnostic in it reports a failure: an informational code
   * (2139 "Terminating old subscription…") or an unknown one in a 200 is
   * not a problem. */
  if (e->outcome == LD_OUTCOME_NO_RESPONSE || e->outcome == LD_OUTCOME_SUCCEEDED)
    return (e->flags & LD_EXCHANGE_FAILING_DIAGNOSTIC) != 0;
  return TRUE;
}

/* Marks the exchange of @m when a diagnostic in it reports a failure by
 * its code: it becomes an attempt even when it worked. */
static void
note_failing_diagnostics (LdAnalysis         *self,
                          const LdSipMessage *m)
{
  LdExchange *e;

  if (m->exchange == 0 || m->diag_count == 0)
    return;
  e = _ld_exchange_at (self, m->exchange - 1);
  if (e->method == LD_SIP_METHOD_INVITE || (e->flags & LD_EXCHANGE_FAILING_DIAGNOSTIC) != 0)
    return;
  for (guint k = 0; k < m->n_headers; k++)
    {
      LdDiagHeader header;
      LdDiagnostic *d;

      if (!ld_diag_header_from_name (m->headers[k].name, &header))
        continue;
      d = _ld_diagnostic_parse_borrowing (header, m->headers[k].value);
      if (ld_diagnostic_get_verdict (d) == LD_CODE_FAILURE)
        e->flags |= LD_EXCHANGE_FAILING_DIAGNOSTIC;
      ld_diagnostic_free (d);
    }
}

/* What _ld_attempts_build() notes of an exchange's messages. */
enum
{
  MESSAGES_PASSED = 1 << 0,    /* one was read before its attempt opened */
  MESSAGES_AGAIN = 1 << 1,     /* so they are gathered again */
  MESSAGES_UNSORTED = 1 << 2,  /* one came before the one before it */
};

/* Exchanges are gathered in blocks of this many, each block by one piece,
 * so that no two threads write to the same cache line of the per-exchange
 * arrays. */
#define GATHER_BLOCK 64

/* An attempt opened while gathering, and where its opening message is in
 * the messages kept. */
typedef struct
{
  LdAttempt *attempt;
  guint      opening;
} Opened;

typedef struct
{
  LdAnalysis  *self;
  GPtrArray   *messages;     /* kept, in reading order */
  LdAttempt  **by_exchange;
  guint8      *state;        /* per exchange: MESSAGES_* */
  guint        n_pieces;
  GArray      *opened[];     /* per piece: Opened, in order of opening */
} Gathering;

/* Whether the gathering piece @piece takes exchange @x. */
static inline gboolean
gathers (const Gathering *g,
         guint            piece,
         guint            x)
{
  return (x / GATHER_BLOCK) % g->n_pieces == piece;
}

/* One piece of gathering: every message kept is looked at, but only the
 * exchanges of this piece's blocks are gathered. An attempt per exchange
 * that becomes one, opened by its first message kept (a call's by its
 * first initial INVITE; an INVITE sent again after a 401/407 challenge
 * replaces it), and every message kept of the exchange from there on, in
 * reading order. The diagnostics that make an exchange an attempt were
 * noted while reading (_ld_attempts_note_kept()). */
static void
gather_piece (guint    piece,
              gpointer data)
{
  Gathering *g = data;
  LdAnalysis *self = g->self;
  GPtrArray *messages = g->messages;
  GArray *opened = g->opened[piece];
  gboolean any_again = FALSE;

  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *m = g_ptr_array_index (messages, i);
      guint x = m->exchange - 1;
      const LdExchange *e;
      LdAttempt *a;

      if (m->exchange == 0 || !gathers (g, piece, x))
        continue;
      e = _ld_exchange_at (self, x);
      a = g->by_exchange[x];
      if (a != NULL)
        {
          if (e->method == LD_SIP_METHOD_INVITE && is_initial_invite (m) && m->cseq > a->invite->cseq)
            a->invite = m;
          /* Its opening request recovered after its answer. */
          else if (!a->invite->is_request && m->is_request && is_method (m, e->method))
            a->invite = m;
        }
      else
        {
          const LdInput *in = e->input < self->inputs->len ? g_ptr_array_index (self->inputs, e->input) : NULL;
          Opened o;

          if (!becomes_attempt (e, m, in != NULL ? in->last_time : -1))
            {
              /* Should a later message open it, this one is its too. */
              g->state[x] |= MESSAGES_PASSED;
              continue;
            }
          a = attempt_new (self, x, m);
          g->by_exchange[x] = a;
          o.attempt = a;
          o.opening = i;
          g_array_append_val (opened, o);
          if (g->state[x] & MESSAGES_PASSED)
            {
              g->state[x] |= MESSAGES_AGAIN;
              any_again = TRUE;
            }
        }
      /* In reading order but for a request recovered after its answer
       * (ld-exchanges.c): sorted only then. */
      if (a->messages->len > 0 &&
          _ld_message_compare (&a->messages->pdata[a->messages->len - 1], &m) > 0)
        g->state[x] |= MESSAGES_UNSORTED;
      g_ptr_array_add (a->messages, (gpointer) m);
    }
  /* Rarely, an attempt opened by a later message than its exchange's
   * first: its messages gathered again, all of them. */
  if (any_again)
    {
      for (guint i = 0; i < opened->len; i++)
        {
          LdAttempt *a = g_array_index (opened, Opened, i).attempt;

          if (g->state[a->exchange] & MESSAGES_AGAIN)
            g_ptr_array_set_size (a->messages, 0);
        }
      for (guint i = 0; i < messages->len; i++)
        {
          const LdSipMessage *m = g_ptr_array_index (messages, i);
          guint x = m->exchange - 1;
          LdAttempt *a;

          if (m->exchange == 0 || !gathers (g, piece, x) || (g->state[x] & MESSAGES_AGAIN) == 0)
            continue;
          a = g->by_exchange[x];
          if (a->messages->len > 0 &&
              _ld_message_compare (&a->messages->pdata[a->messages->len - 1], &m) > 0)
            g->state[x] |= MESSAGES_UNSORTED;
          g_ptr_array_add (a->messages, (gpointer) m);
        }
    }
  for (guint i = 0; i < opened->len; i++)
    {
      LdAttempt *a = g_array_index (opened, Opened, i).attempt;

      if (g->state[a->exchange] & MESSAGES_UNSORTED)
        g_ptr_array_sort (a->messages, _ld_message_compare);
      if (a->invite->time >= 0)
        a->start = a->end = a->invite->time;
    }
}

/* The attempts every piece opened, in the order of their opening
 * messages: the order one pass over the messages would have opened them
 * in. */
static void
merge_opened (Gathering *g,
              GPtrArray *attempts,
              GPtrArray *openings)
{
  g_autofree guint *next = g_new0 (guint, g->n_pieces);

  for (;;)
    {
      const Opened *first = NULL;
      guint from = 0;

      for (guint p = 0; p < g->n_pieces; p++)
        {
          const Opened *o;

          if (next[p] >= g->opened[p]->len)
            continue;
          o = &g_array_index (g->opened[p], Opened, next[p]);
          if (first == NULL || o->opening < first->opening)
            {
              first = o;
              from = p;
            }
        }
      if (first == NULL)
        return;
      g_ptr_array_add (attempts, first->attempt);
      g_ptr_array_add (openings, g_ptr_array_index (g->messages, first->opening));
      next[from]++;
    }
}

void
_ld_attempts_build (LdAnalysis *self)
{
  /* The messages kept: those of the exchanges that mattered. */
  GPtrArray *messages = self->dialog_messages ? self->dialog_messages : self->messages;
  guint n_exchanges = MAX (self->exchanges.n, 1);
  /* A piece per thread, each going through every message: one that only
   * reads a message's exchange costs little beside gathering it. */
  guint n_pieces = MAX (MIN (_ld_parallel_get_n_threads (), (n_exchanges + GATHER_BLOCK - 1) / GATHER_BLOCK), 1);
  g_autofree LdAttempt **by_exchange = g_new0 (LdAttempt *, n_exchanges);
  g_autofree guint8 *state = g_new0 (guint8, n_exchanges);
  g_autofree Gathering *gathering = g_malloc0 (sizeof (Gathering) + n_pieces * sizeof (GArray *));
  g_autofree gboolean *server_input = g_new0 (gboolean, self->inputs->len + 1);
  g_autoptr(GPtrArray) openings = g_ptr_array_new ();
  Settling settling = { self, self->attempts, server_input, openings };

  g_mutex_init (&settling.lock);
  for (guint i = 0; i < G_N_ELEMENTS (settling.parsed); i++)
    {
      settling.parsed[i] = g_hash_table_new (g_str_hash, g_str_equal);
      settling.by_address[i] = g_hash_table_new (NULL, NULL);
    }

  for (guint i = 0; i < self->inputs->len; i++)
    server_input[i] = ((const LdInput *) g_ptr_array_index (self->inputs, i))->format == LD_LOG_FORMAT_SERVER;

  /* The messages, which are too many to stay in the cache, go through
   * each piece once: see gather_piece(). */
  gathering->self = self;
  gathering->messages = messages;
  gathering->by_exchange = by_exchange;
  gathering->state = state;
  gathering->n_pieces = n_pieces;
  for (guint p = 0; p < n_pieces; p++)
    gathering->opened[p] = g_array_new (FALSE, FALSE, sizeof (Opened));
  _ld_parallel_for (n_pieces, 1, gather_piece, gathering);
  merge_opened (gathering, self->attempts, openings);
  for (guint p = 0; p < n_pieces; p++)
    g_array_unref (gathering->opened[p]);

  /* Then each attempt on its own, the larger part of the work. */
  _ld_parallel_for (self->attempts->len, 64, settle_attempt, &settling);
  for (guint i = 0; i < G_N_ELEMENTS (settling.parsed); i++)
    {
      g_hash_table_unref (settling.parsed[i]);
      g_hash_table_unref (settling.by_address[i]);
    }
  g_mutex_clear (&settling.lock);

  g_ptr_array_sort (self->attempts, compare_attempts);
  for (guint i = 0; i < self->attempts->len; i++)
    {
      LdAttempt *a = g_ptr_array_index (self->attempts, i);
      LdExchange *e = _ld_exchange_at (self, a->exchange);

      a->id = i + 1;
      e->kind = a->kind;
      e->outcome = a->outcome;
      e->status = MIN (MAX (a->status, 0), 999);
    }
}

/* The kept message at @input and @line, among @messages. */
static const LdSipMessage *
message_at (GPtrArray *messages,
            guint      input,
            guint64    line)
{
  for (guint k = 0; k < messages->len; k++)
    {
      const LdSipMessage *m = g_ptr_array_index (messages, k);

      if (m->line == line && m->input == input)
        return m;
    }
  return NULL;
}

/**
 * _ld_attempts_note_evidence_sides:
 * @self: an analysis whose findings are made
 *
 * Tells each piece of evidence that points at a SIP message whether this
 * client sent it or received it, so that every finding can say so. A
 * finding holds a few pieces; one of an attempt is looked for among its
 * messages, one of no attempt (rarely a SIP message) among all kept.
 */
void
_ld_attempts_note_evidence_sides (LdAnalysis *self)
{
  GPtrArray *messages = self->dialog_messages ? self->dialog_messages : self->messages;

  for (guint i = 0; i < self->findings->len; i++)
    {
      LdFinding *f = g_ptr_array_index (self->findings, i);

      for (guint j = 0; j < f->evidence->len; j++)
        {
          LdEvidence *ev = &g_array_index (f->evidence, LdEvidence, j);
          const LdAttempt *a = ld_analysis_get_attempt_by_id (self, ev->attempt);
          const LdSipMessage *found = NULL;

          ev->direction = LD_DIRECTION_UNKNOWN;
          /* In a server's trace no client's side is known. */
          if (ev->input < self->inputs->len &&
              ((const LdInput *) g_ptr_array_index (self->inputs, ev->input))->format == LD_LOG_FORMAT_SERVER)
            continue;
          if (a != NULL)
            found = message_at (a->messages, ev->input, ev->line);
          else if (ev->excerpt != NULL && strchr (ev->excerpt, ':') != NULL)
            found = message_at (messages, ev->input, ev->line);
          if (found != NULL)
            ev->direction = found->direction;
        }
    }
}
