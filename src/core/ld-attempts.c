/* ld-attempts.c - attempts from the messages read: what each dialog was, how it ended, in what order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <string.h>

#include "ld-analysis.h"
#include "ld-analysis-private.h"
#include "ld-parallel.h"

static const char *
find_conf (const char *s)
{
  /* [MS-CONFIM]: ...;gruu;opaque=app:conf:focus:id:<ID>. Only "app:conf:"
   * is required: case varies, and the support article itself writes
   * "opague=app:conf:chat:id:..." (sic) and "...:gruu;opaque=...". */
  for (const char *p = s; p != NULL && *p != '\0'; p++)
    if ((*p == 'a' || *p == 'A') && g_ascii_strncasecmp (p, "app:conf:", 9) == 0)
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
  if (g_ascii_strncasecmp (p, "focus:", 6) == 0)
    return LD_MODALITY_FOCUS;
  if (g_ascii_strncasecmp (p, "chat:", 5) == 0)
    return LD_MODALITY_CHAT;
  if (g_ascii_strncasecmp (p, "audio-video:", 12) == 0)
    return LD_MODALITY_AUDIO_VIDEO;
  if (g_ascii_strncasecmp (p, "applicationsharing:", 19) == 0 ||
      g_ascii_strncasecmp (p, "application-sharing:", 20) == 0)
    return LD_MODALITY_APPLICATION_SHARING;
  if (g_ascii_strncasecmp (p, "data-conf:", 10) == 0 || g_ascii_strncasecmp (p, "data:", 5) == 0)
    return LD_MODALITY_DATA;
  return LD_MODALITY_OTHER;
}


/* Peer-to-peer modality from the SDP m= lines (also inside multipart
 * bodies, which Lync uses to offer ICE draft 6 and RFC 5245 at once). */
static gboolean
sdp_modality (const char *body,
              LdModality *out)
{
  gboolean audio = FALSE, video = FALSE, appshare = FALSE, data = FALSE;
  const char *p = body;

  while (p != NULL && *p != '\0')
    {
      if (p[0] == 'm' && p[1] == '=')
        {
          if (g_ascii_strncasecmp (p + 2, "audio", 5) == 0)
            audio = TRUE;
          else if (g_ascii_strncasecmp (p + 2, "video", 5) == 0)
            video = TRUE;
          else if (g_ascii_strncasecmp (p + 2, "applicationsharing", 18) == 0)
            appshare = TRUE;
          else if (g_ascii_strncasecmp (p + 2, "data", 4) == 0)
            data = TRUE;
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

/* What an initial INVITE opens, if anything: a conference join (its URI
 * names the conference) or a peer-to-peer session (its SDP offers media);
 * an INVITE with neither, e.g. an IM session, opens no attempt. Shared by
 * the early attempts seen while reading and the final ones, so both
 * classify alike. */
static gboolean
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
      return TRUE;
    }
  *kind = LD_ATTEMPT_PEER_TO_PEER;
  *modality = LD_MODALITY_OTHER;
  return sdp_modality (invite->body, modality);
}

static char *
invite_dup_target (const LdSipMessage *invite,
                   const char         *conf_uri)
{
  char *target;

  if (conf_uri != NULL && conf_uri != invite->request_uri)
    target = ld_sip_uri_dup_address (conf_uri);
  else
    target = g_strdup (invite->request_uri);
  return target != NULL ? target : g_strdup ("");
}

static LdAttempt *
attempt_new (LdAnalysis         *self,
             const LdSipMessage *invite)
{
  LdAttempt *a;
  const char *conf_uri;
  LdAttemptKind kind;
  LdModality modality;
  gboolean incoming = invite->direction == LD_DIRECTION_RECEIVED;

  if (!classify_invite (invite, &kind, &modality, &conf_uri))
    return NULL;

  a = g_new0 (LdAttempt, 1);
  a->kind = kind;
  a->modality = modality;
  a->incoming = incoming;
  a->call_id = invite->call_id;
  a->invite = invite;
  a->start = invite->time;
  a->end = invite->time;
  a->messages = g_ptr_array_new ();
  a->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_diagnostic_free);
  a->findings = g_ptr_array_new ();
  a->target = _ld_string_chunk_take (self->strings, invite_dup_target (invite, conf_uri), TRUE);
  /* A conference's other end is its organizer: the user part of its URI. */
  if (conf_uri != NULL)
    a->remote_party = _ld_string_chunk_take (self->strings, ld_sip_uri_dup_address (conf_uri), TRUE);
  else
    a->remote_party = _ld_string_chunk_take (self->strings,
                                               ld_sip_uri_dup_address (incoming ? invite->from : invite->to), TRUE);
  return a;
}

/* Called from the reading thread for every kept message: an initial
 * INVITE of a dialog that has no attempt yet opens an early one. */
void
_ld_attempts_note_early (LdAnalysis         *self,
                    const LdSipMessage *msg)
{
  LdEarlyAttempt *early;
  const char *conf_uri;
  LdAttemptKind kind;
  LdModality modality;

  if (msg->call_id == NULL || !is_initial_invite (msg) ||
      g_hash_table_contains (self->early_calls, msg->call_id))
    return;
  if (!classify_invite (msg, &kind, &modality, &conf_uri))
    return;
  g_hash_table_add (self->early_calls, g_strdup (msg->call_id));

  early = g_new0 (LdEarlyAttempt, 1);
  early->kind = kind;
  early->modality = modality;
  early->incoming = msg->direction == LD_DIRECTION_RECEIVED;
  early->start = msg->time;
  early->target = invite_dup_target (msg, conf_uri);

  g_mutex_lock (&self->early_lock);
  g_ptr_array_add (self->early, early);
  g_mutex_unlock (&self->early_lock);
}

static void
collect_diagnostics (LdAttempt          *a,
                     const LdSipMessage *msg)
{
  if (msg->diag_count == 0)
    return;
  for (guint i = 0; i < msg->n_headers; i++)
    {
      const LdHeader *h = &msg->headers[i];
      LdDiagHeader kind;
      LdDiagnostic *d;

      if (!ld_diag_header_from_name (h->name, &kind))
        continue;
      /* The message, whose header this is, outlives its attempt. */
      d = _ld_diagnostic_parse_borrowing (kind, h->value);
      d->message = msg;
      g_ptr_array_add (a->diagnostics, d);
    }
}

static void
settle_outcome (LdAttempt *a)
{
  gboolean cancelled = FALSE;
  gboolean diag_failure = FALSE;
  const LdSipMessage *final = NULL;
  guint32 cseq = a->invite->cseq;

  for (guint i = 0; i < a->messages->len; i++)
    {
      const LdSipMessage *m = g_ptr_array_index (a->messages, i);

      if (m->time >= 0 && (a->end < 0 || m->time > a->end))
        a->end = m->time;
      if (m->is_request && g_strcmp0 (m->method, "CANCEL") == 0 && m->cseq == cseq)
        cancelled = TRUE;
      else if (!m->is_request && g_strcmp0 (m->method, "INVITE") == 0 &&
               m->cseq == cseq && m->status >= 200)
        {
          /* The first final response counts; later ones are retransmissions. */
          if (final == NULL)
            final = m;
        }
      if (m->body != NULL && strstr (m->body, "a=remote-candidates") != NULL)
        a->remote_candidates = TRUE;
    }

  for (guint i = 0; i < a->diagnostics->len; i++)
    if (ld_diagnostic_is_failure (g_ptr_array_index (a->diagnostics, i)))
      diag_failure = TRUE;

  a->final_response = final;
  if (final != NULL)
    {
      a->status = final->status;
      a->status_reason = final->reason;
    }

  if (final != NULL && final->status == 487)
    a->outcome = LD_OUTCOME_CANCELLED;
  else if (final != NULL && final->status >= 300)
    a->outcome = LD_OUTCOME_FAILED;
  else if (diag_failure)
    a->outcome = LD_OUTCOME_FAILED;
  else if (final != NULL)
    a->outcome = LD_OUTCOME_SUCCEEDED;
  else if (cancelled)
    a->outcome = LD_OUTCOME_CANCELLED;
  else
    a->outcome = LD_OUTCOME_NO_RESPONSE;
}

/* The diagnostics every message of an attempt carries, and its outcome.
 * It reads only the attempt's messages and writes only the attempt, so
 * attempts are settled on two threads. */
static void
settle_attempt (guint    index,
                gpointer data)
{
  GPtrArray *attempts = data;
  LdAttempt *a = g_ptr_array_index (attempts, index);

  for (guint i = 0; i < a->messages->len; i++)
    collect_diagnostics (a, g_ptr_array_index (a->messages, i));
  settle_outcome (a);
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

void
_ld_attempts_build (LdAnalysis *self)
{
  g_autoptr(GHashTable) by_call = g_hash_table_new (g_str_hash, g_str_equal);
  /* Messages outside INVITE dialogs when they were read belong to none:
   * without the message browser they are not even kept. */
  GPtrArray *messages = self->dialog_messages ? self->dialog_messages : self->messages;

  /* Pass 1: one attempt per dialog, opened by its first initial INVITE;
   * an INVITE sent again after a 401/407 challenge replaces it. */
  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *m = g_ptr_array_index (messages, i);
      LdAttempt *a;

      if (m->call_id == NULL || !is_initial_invite (m))
        continue;
      a = g_hash_table_lookup (by_call, m->call_id);
      if (a != NULL)
        {
          if (m->cseq > a->invite->cseq)
            a->invite = m;
          continue;
        }
      a = attempt_new (self, m);
      if (a == NULL)
        continue;
      g_hash_table_insert (by_call, a->call_id, a);
      g_ptr_array_add (self->attempts, a);
    }

  /* Pass 2: every message of the dialog. */
  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *m = g_ptr_array_index (messages, i);
      LdAttempt *a;

      if (m->call_id == NULL)
        continue;
      a = g_hash_table_lookup (by_call, m->call_id);
      if (a == NULL)
        continue;
      g_ptr_array_add (a->messages, (gpointer) m);
    }

  /* Then each attempt on its own, the larger part of the work. */
  _ld_parallel_for ("ld-attempts", self->attempts->len, 64, settle_attempt, self->attempts);

  g_ptr_array_sort (self->attempts, compare_attempts);
  for (guint i = 0; i < self->attempts->len; i++)
    ((LdAttempt *) g_ptr_array_index (self->attempts, i))->id = i + 1;
}

