/* ld-exchanges.c - every SIP exchange of a log, classified as it is read
 *
 * An exchange is a transaction with its 401/407 rounds (a REGISTER, a
 * SERVICE, an OPTIONS…) or a dialog (an INVITE's, a SUBSCRIBE's with its
 * NOTIFYs). Most of a client log is presence traffic that worked: such a
 * message is read from a peek at its start line and a few headers
 * (_ld_sip_message_peek()), counted into a compact LdExchange and dropped
 * (or, behind the message browser, kept as text). A message is parsed and
 * kept when it matters: every message of a call, join or sign-in, a final
 * error response, a 401/407 challenge, a message carrying a diagnostic, the
 * registrar's NOTIFY that signs the user out. From the point an exchange
 * matters on, the rest of it is kept too, and the request that opened it
 * is recovered from the few requests held back until their answer
 * (Pending), so that a refused SERVICE shows the SERVICE as well as the
 * 403.
 *
 * Exchanges are found by Call-ID across inputs: a dialog continues from a
 * rotated file into the next. Two users' logs of the same call are two
 * exchanges, one per user, each with its own sides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <string.h>

#include "ld-analysis.h"
#include "ld-analysis-private.h"

#define EXCHANGE_BLOCK 4096

/* ---- The exchanges ------------------------------------------------------ */

LdExchange *
_ld_exchange_at (LdAnalysis *self,
                 guint       index)
{
  return &self->exchanges.blocks[index / EXCHANGE_BLOCK][index % EXCHANGE_BLOCK];
}

/* In blocks that never move: a large log has over a hundred thousand
 * exchanges, and an array doubling its size would hold twice that for a
 * moment. */
static guint
exchange_new (LdAnalysis         *self,
              const LdRecordInfo *info,
              LdSipMethod         method,
              LdAttemptKind       kind)
{
  LdExchangeStore *store = &self->exchanges;
  guint index = store->n;
  LdExchange *e;

  if (index % EXCHANGE_BLOCK == 0)
    {
      store->blocks = g_renew (LdExchange *, store->blocks, index / EXCHANGE_BLOCK + 1);
      store->blocks[index / EXCHANGE_BLOCK] = g_new (LdExchange, EXCHANGE_BLOCK);
    }
  store->n++;
  e = _ld_exchange_at (self, index);
  memset (e, 0, sizeof *e);
  e->start = info->time >= 0 && info->time < (G_GINT64_CONSTANT (1) << 47) ? info->time : -1;
  e->line = MIN (info->line, (G_GUINT64_CONSTANT (1) << 40) - 1);
  /* A record a rotated file ended in begins in the input before (see
   * record_input() in ld-analysis-read.c). */
  e->input = info->previous_input && self->cur_index > 0 ? self->cur_index - 1 : self->cur_index;
  e->method = method;
  e->kind = kind;
  e->outcome = LD_OUTCOME_NO_RESPONSE;
  return index;
}

static void pending_clear (LdPending *p);

/* What only reading needs: the Call-IDs and the requests held back. */
static void
free_reading (LdAnalysis *self)
{
  for (guint k = 0; k < LD_PENDING_SLOTS; k++)
    {
      LdPending *p = &self->pending[k];

      if (p->text != NULL)
        g_string_free (g_steal_pointer (&p->text), TRUE);
      pending_clear (p);
    }
  self->pending_last = NULL;
  g_clear_pointer (&self->call_table.keys, g_free);
  g_clear_pointer (&self->call_table.values, g_free);
  g_clear_pointer (&self->call_table.cseqs, g_free);
  self->call_table.mask = 0;
  self->call_table.n = 0;
  g_clear_pointer (&self->last_kept, g_free);
  self->n_last_kept = 0;
}

void
_ld_exchanges_clear (LdAnalysis *self)
{
  LdExchangeStore *store = &self->exchanges;

  for (guint i = 0; i * EXCHANGE_BLOCK < store->n; i++)
    g_free (store->blocks[i]);
  g_clear_pointer (&store->blocks, g_free);
  store->n = 0;
  free_reading (self);
}

static LdAttemptKind
kind_of_method (LdSipMethod method)
{
  switch (method)
    {
    case LD_SIP_METHOD_INVITE:    return LD_ATTEMPT_PEER_TO_PEER; /* or a conference: see ld-attempts.c */
    case LD_SIP_METHOD_REGISTER:  return LD_ATTEMPT_SIGN_IN;
    case LD_SIP_METHOD_SUBSCRIBE:
    case LD_SIP_METHOD_NOTIFY:
    case LD_SIP_METHOD_BENOTIFY:  return LD_ATTEMPT_SUBSCRIPTION;
    case LD_SIP_METHOD_SERVICE:   return LD_ATTEMPT_SERVICE;
    case LD_SIP_METHOD_MESSAGE:   return LD_ATTEMPT_MESSAGE;
    case LD_SIP_METHOD_INFO:      return LD_ATTEMPT_INFO;
    case LD_SIP_METHOD_REFER:     return LD_ATTEMPT_REFER;
    case LD_SIP_METHOD_OPTIONS:   return LD_ATTEMPT_OPTIONS;
    case LD_SIP_METHOD_PUBLISH:   return LD_ATTEMPT_PUBLISH;
    case LD_SIP_METHOD_ACK:
    case LD_SIP_METHOD_BYE:
    case LD_SIP_METHOD_CANCEL:
    case LD_SIP_METHOD_UPDATE:
    case LD_SIP_METHOD_PRACK:
    case LD_SIP_METHOD_NEGOTIATE:
    case LD_SIP_METHOD_OTHER:
    default:                      return LD_ATTEMPT_OTHER;
    }
}

/* Requests that belong to the dialog of their Call-ID when there is one. */
static gboolean
is_in_dialog_method (LdSipMethod method)
{
  switch (method)
    {
    case LD_SIP_METHOD_INVITE:
    case LD_SIP_METHOD_ACK:
    case LD_SIP_METHOD_BYE:
    case LD_SIP_METHOD_CANCEL:
    case LD_SIP_METHOD_UPDATE:
    case LD_SIP_METHOD_PRACK:
    case LD_SIP_METHOD_INFO:
    case LD_SIP_METHOD_MESSAGE:
    case LD_SIP_METHOD_REFER:
    case LD_SIP_METHOD_SUBSCRIBE:
    case LD_SIP_METHOD_NOTIFY:
    case LD_SIP_METHOD_BENOTIFY:
    case LD_SIP_METHOD_OPTIONS:
      return TRUE;
    case LD_SIP_METHOD_REGISTER:
    case LD_SIP_METHOD_SERVICE:
    case LD_SIP_METHOD_PUBLISH:
    case LD_SIP_METHOD_NEGOTIATE:
    case LD_SIP_METHOD_OTHER:
    default:
      return FALSE;
    }
}

/* ---- Call-IDs while reading ------------------------------------------- */

/* Eight bytes a step, as the fingerprints of ld-analysis-read.c; a peek's
 * span and a parsed Call-ID of the same bytes hash alike. 0 is kept for
 * a free slot. */
guint64
_ld_call_id_hash (const char *text,
                  gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ len;
  guint64 w;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      memcpy (&w, text + i, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      h ^= h >> 29;
    }
  w = 0;
  memcpy (&w, text + i, len - i);
  h = (h ^ w) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  h ^= h >> 32;
  return h != 0 ? h : 1;
}

/* Open addressing, at most three quarters full; 64-bit keys make two
 * Call-IDs that share a slot by chance unthinkable (2^-40 in a log of a
 * million dialogs). */
static guint32 *
call_table_find (LdCallTable *t,
                 guint64      key)
{
  gsize i;

  if (t->keys == NULL || (t->n + 1) * 4 > (t->mask + 1) * 3)
    {
      gsize size = t->keys != NULL ? (t->mask + 1) * 2 : 1024;
      guint64 *keys = g_new0 (guint64, size);
      guint32 *values = g_new (guint32, size);
      guint32 *cseqs = g_new (guint32, size);

      for (gsize j = 0; t->keys != NULL && j <= t->mask; j++)
        if (t->keys[j] != 0)
          {
            gsize k = t->keys[j] & (size - 1);

            while (keys[k] != 0)
              k = (k + 1) & (size - 1);
            keys[k] = t->keys[j];
            values[k] = t->values[j];
            cseqs[k] = t->cseqs[j];
          }
      g_free (t->keys);
      g_free (t->values);
      g_free (t->cseqs);
      t->keys = keys;
      t->values = values;
      t->cseqs = cseqs;
      t->mask = size - 1;
    }
  for (i = key & t->mask; t->keys[i] != 0; i = (i + 1) & t->mask)
    if (t->keys[i] == key)
      return &t->values[i];
  t->keys[i] = key;
  t->values[i] = 0;
  t->cseqs[i] = 0;
  t->n++;
  return &t->values[i];
}

/* ---- Requests held back until their answer ----------------------------- */

static void
pending_clear (LdPending *p)
{
  if (p->text != NULL)
    g_string_truncate (p->text, 0);
  p->exchange = 0;
  p->deferred = NULL;
}

/* A request that was not parsed, remembered until its final response: a
 * copy of its text (or, behind the browser, the message that keeps it). */
static LdPending *
pending_add (LdAnalysis         *self,
             const LdRecordInfo *info,
             guint64             call_hash,
             guint32             cseq,
             guint               exchange,
             const char         *text,
             gsize               len)
{
  LdPending *p = &self->pending[self->pending_next];

  self->pending_next = (self->pending_next + 1) % LD_PENDING_SLOTS;
  pending_clear (p);
  p->call_hash = call_hash;
  p->cseq = cseq;
  p->exchange = exchange + 1;
  p->input = info->previous_input && self->cur_index > 0 ? self->cur_index - 1 : self->cur_index;
  p->line = info->line;
  p->time = info->time;
  p->direction = info->direction;
  g_strlcpy (p->remote, info->remote != NULL ? info->remote : "", sizeof p->remote);
  g_strlcpy (p->local, info->local != NULL ? info->local : "", sizeof p->local);
  if ((self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) == 0)
    {
      if (p->text == NULL)
        p->text = g_string_sized_new (MAX (len, 1024));
      g_string_append_len (p->text, text, len);
    }
  return p;
}

static LdPending *
pending_find (LdAnalysis *self,
              guint64     call_hash,
              guint32     cseq,
              guint       exchange)
{
  /* Newest first: the answer usually follows its request closely. */
  for (guint k = 1; k <= LD_PENDING_SLOTS; k++)
    {
      LdPending *p = &self->pending[(self->pending_next + LD_PENDING_SLOTS - k) % LD_PENDING_SLOTS];

      if (p->exchange == exchange + 1 && p->call_hash == call_hash && p->cseq == cseq)
        return p;
    }
  return NULL;
}

/* Parses a held-back request and keeps it with its exchange, before the
 * answer that made it matter. */
static void
pending_recover (LdAnalysis *self,
                 LdPending  *p)
{
  const char *text;
  gsize len;
  LdSipMessage *msg;
  g_autofree char *read_again = NULL;

  /* Its text may be in its file (ld-message-text.c); one that the file no
   * longer holds is not recovered. */
  if (p->deferred != NULL && _ld_message_text_is_in_file (p->deferred))
    {
      read_again = ld_analysis_dup_message_text (self, p->deferred, NULL, NULL);
      if (read_again == NULL)
        {
          pending_clear (p);
          return;
        }
      text = read_again;
      len = p->deferred->consumed;
    }
  else if (p->deferred != NULL)
    {
      text = p->deferred->raw;
      len = p->deferred->consumed;
    }
  else if (p->text != NULL && p->text->len > 0)
    {
      text = p->text->str;
      len = p->text->len;
    }
  else
    {
      pending_clear (p);
      return;
    }
  msg = _ld_sip_message_parse_valid (text, len, NULL);
  if (msg != NULL)
    {
      LdRecordInfo info = { 0 };

      info.line = p->line;
      info.time = p->time;
      info.direction = p->direction;
      info.remote = *p->remote != '\0' ? p->remote : NULL;
      info.local = *p->local != '\0' ? p->local : NULL;
      msg->exchange = p->exchange;
      _ld_analysis_keep_recovered (self, p->input, &info, msg, text, MIN (len, (gsize) msg->consumed),
                                   p->deferred != NULL);
    }
  pending_clear (p);
}

/* ---- Classifying a message --------------------------------------------- */

/* This client's own address in a message it sent or received: the From
 * of a request it sent or of an answer it received, the To otherwise;
 * NULL when @text does not say (a server's trace, no such header). */
static char *
dup_own_address (const LdRecordInfo *info,
                 const LdSipPeek    *peek,
                 const char         *text,
                 gsize               len)
{
  gboolean from;
  const char *end, *line;

  if (text == NULL || (info->direction != LD_DIRECTION_SENT && info->direction != LD_DIRECTION_RECEIVED))
    return NULL;
  from = peek->is_request == (info->direction == LD_DIRECTION_SENT);
  end = peek->body != NULL && peek->body >= text && peek->body <= text + len ? peek->body : text + len;
  for (line = text; line < end;)
    {
      const char *eol = memchr (line, '\n', end - line);
      gsize n = (eol != NULL ? eol : end) - line;
      gsize skip = 0;

      if (from && n > 5 && g_ascii_strncasecmp (line, "From:", 5) == 0)
        skip = 5;
      else if (!from && n > 3 && g_ascii_strncasecmp (line, "To:", 3) == 0)
        skip = 3;
      else if (n > 2 && (line[0] == (from ? 'f' : 't')) && line[1] == ':')
        skip = 2;  /* the compact form */
      if (skip > 0)
        {
          g_autofree char *value = g_strndup (line + skip, n - skip);

          return ld_sip_uri_dup_address (g_strstrip (value));
        }
      if (eol == NULL)
        break;
      line = eol + 1;
    }
  return NULL;
}

/* Is the exchange of another input the same one: the same Call-ID in the
 * next rotated file of the same user, not in another user's log (a call
 * between two users whose logs are both open is in both). Before the
 * current input's user is known, the message's own From or To says. */
static gboolean
same_user (LdAnalysis         *self,
           const LdExchange   *e,
           const LdRecordInfo *info,
           const LdSipPeek    *peek,
           const char         *text,
           gsize               len)
{
  const LdInput *other;
  g_autofree char *own = NULL;

  if (e->input == self->cur_index)
    return TRUE;
  other = g_ptr_array_index (self->inputs, e->input);
  if (other->user == NULL)
    return TRUE;
  if (self->cur->user != NULL)
    return g_strcmp0 (other->user, self->cur->user) == 0;
  own = dup_own_address (info, peek, text, len);
  return own == NULL || g_strcmp0 (own, other->user) == 0;
}

static void
promote (LdExchange *e)
{
  e->flags |= LD_EXCHANGE_KEPT;
}

/**
 * _ld_exchanges_note:
 * @self: an analysis reading an input
 * @info: where the message was read
 * @peek: what the message is, from _ld_sip_message_peek() or a parse
 * @text: (nullable): its text, when it is not parsed yet: a request held
 *   back (see pending_add()) is copied from it
 * @len: its length
 * @keep: (out): whether to parse the message and keep it
 *
 * Finds or opens the message's exchange, updates it, and decides whether
 * the message is kept.
 *
 * Returns: 1 + the index of its exchange
 */
guint
_ld_exchanges_note (LdAnalysis         *self,
                    const LdRecordInfo *info,
                    const LdSipPeek    *peek,
                    const char         *text,
                    gsize               len,
                    gboolean           *keep)
{
  LdSipMethod method = peek->is_request ? peek->method : peek->cseq_method;
  guint64 hash = peek->call_hash;
  guint32 *slot = hash != 0 ? call_table_find (&self->call_table, hash) : NULL;
  LdExchange *e = slot != NULL && *slot != 0 ? _ld_exchange_at (self, *slot - 1) : NULL;
  /* The CSeq of the exchange's latest request lives with its Call-ID
   * while reading; an exchange of no Call-ID has only this message. */
  guint32 no_call_cseq = 0;
  guint32 *cseq = slot != NULL ? &self->call_table.cseqs[slot - self->call_table.values] : &no_call_cseq;
  guint index = e != NULL ? *slot - 1 : 0;
  gboolean opening = FALSE;
  gboolean deregistration = FALSE;

  if (e != NULL && !same_user (self, e, info, peek, text, len))
    e = NULL;

  if (peek->is_request)
    {
      deregistration = (method == LD_SIP_METHOD_NOTIFY || method == LD_SIP_METHOD_BENOTIFY) &&
                       (peek->flags & LD_SIP_PEEK_REGISTRATION_EVENT) != 0;
      if (deregistration)
        e = NULL;  /* a sign-out of its own, whatever else shares its Call-ID */
      else if (e != NULL && (e->flags & LD_EXCHANGE_DIALOG) != 0 && is_in_dialog_method (method))
        {
          /* A re-INVITE, a retry after a challenge, a refresh of a
           * subscription, a NOTIFY, a BYE… of the dialog. */
          if (method == e->method)
            opening = TRUE;
          else if (method == LD_SIP_METHOD_CANCEL)
            e->flags |= LD_EXCHANGE_CANCELLED;
          else if (method == LD_SIP_METHOD_NOTIFY || method == LD_SIP_METHOD_BENOTIFY)
            e->flags |= LD_EXCHANGE_NOTIFIED;  /* RFC 6665 4.1.2.4: it may precede the 200 */
        }
      else if (e != NULL && method == e->method &&
               ((e->flags & LD_EXCHANGE_FINAL) == 0 || (e->flags & LD_EXCHANGE_CHALLENGED) != 0))
        opening = TRUE;  /* the same request again: after a challenge, or retransmitted */
      else if (e != NULL && method == LD_SIP_METHOD_CANCEL)
        e->flags |= LD_EXCHANGE_CANCELLED;
      else
        e = NULL;

      if (e == NULL)
        {
          LdAttemptKind kind = kind_of_method (method);

          index = exchange_new (self, info, method, kind);
          e = _ld_exchange_at (self, index);
          opening = TRUE;
          if (method == LD_SIP_METHOD_INVITE || method == LD_SIP_METHOD_SUBSCRIBE ||
              method == LD_SIP_METHOD_NOTIFY || method == LD_SIP_METHOD_BENOTIFY)
            e->flags |= LD_EXCHANGE_DIALOG;
          if (info->direction == LD_DIRECTION_RECEIVED)
            e->flags |= LD_EXCHANGE_INCOMING;
          /* Calls and joins are always kept, as the server's sign-out is,
           * and a client log's first sign-in: its From names the user
           * (ld-analysis-read.c). A later sign-in (a refresh every few
           * minutes) is kept once it fails. */
          if (method == LD_SIP_METHOD_INVITE || deregistration ||
              (method == LD_SIP_METHOD_REGISTER && self->cur_user_rank < 3 &&
               info->format != LD_LOG_FORMAT_SERVER))
            promote (e);
          if (deregistration)
            e->flags &= ~LD_EXCHANGE_DIALOG;
          if (slot != NULL)
            *slot = index + 1;
        }
      if (opening)
        {
          *cseq = peek->cseq;
          /* A BENOTIFY is never answered ([MS-SIP] 3.5): it is final as sent. */
          if (method == LD_SIP_METHOD_BENOTIFY && e->method == LD_SIP_METHOD_BENOTIFY)
            e->flags |= LD_EXCHANGE_FINAL;
        }
    }
  else
    {
      if (e != NULL && (e->flags & LD_EXCHANGE_DIALOG) == 0 && method != e->method)
        e = NULL;
      if (e == NULL)
        {
          /* The answer to a request the log does not hold (it began later). */
          index = exchange_new (self, info, method, kind_of_method (method));
          e = _ld_exchange_at (self, index);
          e->flags |= LD_EXCHANGE_NO_REQUEST;
          *cseq = peek->cseq;
          if (method == LD_SIP_METHOD_INVITE || method == LD_SIP_METHOD_SUBSCRIBE)
            e->flags |= LD_EXCHANGE_DIALOG;
          if (info->direction == LD_DIRECTION_SENT)
            e->flags |= LD_EXCHANGE_INCOMING;
          if (method == LD_SIP_METHOD_INVITE)
            promote (e);
          if (slot != NULL)
            *slot = index + 1;
        }
      /* The final answer to its opening request (its latest round). */
      if (peek->status >= 200 && method == e->method && peek->cseq == *cseq)
        {
          e->flags |= LD_EXCHANGE_FINAL;
          e->status = MIN (peek->status, 999);
          if (peek->status == 401 || peek->status == 407)
            e->flags |= LD_EXCHANGE_CHALLENGED;
          else
            e->flags &= ~LD_EXCHANGE_CHALLENGED;
        }
    }

  if (e->n_messages < (1u << 11) - 1)
    e->n_messages++;
  if (info->time >= 0 && info->time < (G_GINT64_CONSTANT (1) << 47))
    {
      if (e->start < 0)
        e->start = info->time;
      else if (info->time > e->start)
        e->duration = (guint32) MIN (info->time - e->start, G_MAXUINT32);
    }
  if ((peek->flags & LD_SIP_PEEK_DIAGNOSTIC) != 0)
    e->flags |= LD_EXCHANGE_DIAGNOSTIC;

  /* What is kept: see the head of this file. */
  if (!peek->is_request && peek->status >= 300 && peek->status != 401 && peek->status != 407)
    promote (e);
  if ((peek->flags & LD_SIP_PEEK_DIAGNOSTIC) != 0)
    promote (e);
  *keep = (e->flags & LD_EXCHANGE_KEPT) != 0 || (!peek->is_request && peek->status >= 300) ||
          (peek->flags & LD_SIP_PEEK_FOLDED) != 0;

  if (*keep)
    {
      /* The request this answer belongs to, if it was held back. */
      if (!peek->is_request)
        {
          LdPending *p = pending_find (self, hash, peek->cseq, index);

          if (p != NULL)
            pending_recover (self, p);
        }
    }
  else if (peek->is_request && method != LD_SIP_METHOD_BENOTIFY && method != LD_SIP_METHOD_ACK)
    self->pending_last = pending_add (self, info, hash, peek->cseq, index, text, len);
  else if (!peek->is_request && peek->status >= 200)
    {
      LdPending *p = pending_find (self, hash, peek->cseq, index);

      if (p != NULL)
        pending_clear (p);
    }
  return index + 1;
}

/* A CR or a NUL would end a C string early: the peek of a parsed message
 * uses the parsed fields. */
void
_ld_exchanges_peek_parsed (const LdSipMessage *msg,
                           LdSipPeek          *out)
{
  const char *event = NULL, *type = NULL;

  memset (out, 0, sizeof *out);
  out->is_request = msg->is_request;
  out->cseq = msg->cseq;
  out->cseq_method = ld_sip_method_from_string (msg->method, -1);
  out->method = out->cseq_method;
  out->status = msg->status;
  if (msg->call_id != NULL)
    {
      out->call_id = msg->call_id;
      out->call_id_len = strlen (msg->call_id);
      out->call_hash = _ld_call_id_hash (out->call_id, out->call_id_len);
    }
  if (msg->diag_count > 0)
    out->flags |= LD_SIP_PEEK_DIAGNOSTIC;
  /* Only a NOTIFY can be the registrar's sign-out. */
  if (msg->is_request && (out->method == LD_SIP_METHOD_NOTIFY || out->method == LD_SIP_METHOD_BENOTIFY))
    {
      event = ld_sip_message_get_header (msg, "Event");
      type = ld_sip_message_get_header (msg, "Content-Type");
    }
  if ((event != NULL && g_ascii_strncasecmp (event, "registration-notify", 19) == 0) ||
      (type != NULL && g_ascii_strncasecmp (type, "text/registration-event", 23) == 0))
    out->flags |= LD_SIP_PEEK_REGISTRATION_EVENT;
}

/* [MS-SIPREGE] 3.5.1.4 and 4.1.3: the registrar signs an endpoint out with
 * a NOTIFY (Event: registration-notify, Content-Type:
 * text/registration-event) whose body is "deregistered;event=…". Other
 * registration notifications (a change of the presence service's state)
 * are not a sign-out. */
static gboolean
body_says_deregistered (const char *body)
{
  while (body != NULL && g_ascii_isspace (*body))
    body++;
  return body != NULL && g_ascii_strncasecmp (body, "deregistered", 12) == 0;
}

/**
 * _ld_exchanges_note_kept:
 * @self: an analysis reading an input
 * @msg: a message parsed and kept, its exchange set
 *
 * What only a parse tells about an exchange: whether the registrar's
 * NOTIFY really signed the user out.
 */
void
_ld_exchanges_note_kept (LdAnalysis   *self,
                         LdSipMessage *msg)
{
  LdExchange *e;

  if (msg->exchange == 0 || !msg->is_request)
    return;
  e = _ld_exchange_at (self, msg->exchange - 1);
  if ((e->method == LD_SIP_METHOD_NOTIFY || e->method == LD_SIP_METHOD_BENOTIFY) &&
      (e->flags & LD_EXCHANGE_DIALOG) == 0 && e->n_messages == 1 &&
      msg->direction != LD_DIRECTION_SENT && body_says_deregistered (msg->body))
    {
      e->kind = LD_ATTEMPT_SIGN_IN;
      e->flags |= LD_EXCHANGE_DEREGISTERED;
    }
}

/**
 * _ld_exchanges_set_deferred:
 * @self: an analysis reading an input
 * @msg: the message the browser keeps of the request last held back
 *
 * Behind the message browser a held-back request is not copied: the
 * browser's message keeps its text.
 */
void
_ld_exchanges_set_deferred (LdAnalysis   *self,
                            LdSipMessage *msg)
{
  if (self->pending_last != NULL && self->pending_last->exchange == msg->exchange)
    self->pending_last->deferred = msg;
  self->pending_last = NULL;
}

/* How long a log goes on after a 401/407 challenge nobody answered
 * before the challenge counts as the answer: a log that ends sooner ends
 * in the middle of the handshake. */
#define CHALLENGE_UNANSWERED_MS 30000

/* How an exchange ended, from what was counted of it. A 401/407 challenge
 * is a round of the handshake, not an answer: left unanswered while the
 * log goes on (@input_end, its input's last time) the request failed; at
 * the log's end it got no answer yet. */
static LdOutcome
settle_compact (const LdExchange *e,
                gint64            input_end)
{
  if ((e->flags & LD_EXCHANGE_DEREGISTERED) != 0)
    return LD_OUTCOME_FAILED;
  if ((e->flags & LD_EXCHANGE_CHALLENGED) != 0 && e->start >= 0 &&
      (input_end < 0 || e->start + (gint64) e->duration + CHALLENGE_UNANSWERED_MS > input_end))
    return LD_OUTCOME_NO_RESPONSE;
  if ((e->flags & LD_EXCHANGE_FINAL) != 0)
    {
      if (e->status == 487)
        return LD_OUTCOME_CANCELLED;
      if (e->status < 300)
        return LD_OUTCOME_SUCCEEDED;
      /* A sign-in redirected to its home server went where it was told. */
      if (e->status < 400 && e->method == LD_SIP_METHOD_REGISTER)
        return LD_OUTCOME_SUCCEEDED;
      return LD_OUTCOME_FAILED;
    }
  if ((e->flags & LD_EXCHANGE_CANCELLED) != 0)
    return LD_OUTCOME_CANCELLED;
  if ((e->flags & LD_EXCHANGE_NOTIFIED) != 0)
    return LD_OUTCOME_SUCCEEDED;
  return LD_OUTCOME_NO_RESPONSE;
}

/**
 * _ld_exchanges_end_reading:
 * @self: an analysis
 *
 * Drops what only reading needs: the Call-IDs, and the requests held back
 * (an unanswered routine request is counted, not an attempt: see
 * becomes_attempt() in ld-attempts.c). Settles each exchange's outcome
 * from what was counted; ld-attempts.c refines those that become attempts.
 */
void
_ld_exchanges_end_reading (LdAnalysis *self)
{
  free_reading (self);
  for (guint i = 0; i < self->exchanges.n; i++)
    {
      LdExchange *e = _ld_exchange_at (self, i);
      const LdInput *input = e->input < self->inputs->len ? g_ptr_array_index (self->inputs, e->input) : NULL;

      e->outcome = settle_compact (e, input != NULL ? input->last_time : -1);
    }
}

/* ---- What views ask ---------------------------------------------------- */

/**
 * ld_analysis_get_n_exchanges:
 * @self: a finished analysis
 *
 * Returns: how many SIP exchanges the inputs hold
 */
guint
ld_analysis_get_n_exchanges (LdAnalysis *self)
{
  g_return_val_if_fail (LD_IS_ANALYSIS (self), 0);

  return self->exchanges.n;
}

/**
 * ld_analysis_get_exchange:
 * @self: a finished analysis
 * @index: below ld_analysis_get_n_exchanges()
 *
 * Returns: (transfer none): the exchange, in the order their first
 *   messages were read
 */
const LdExchange *
ld_analysis_get_exchange (LdAnalysis *self,
                          guint       index)
{
  g_return_val_if_fail (LD_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (index < self->exchanges.n, NULL);

  return _ld_exchange_at (self, index);
}

/**
 * ld_analysis_get_exchange_attempt:
 * @self: a finished analysis
 * @index: an exchange
 *
 * Returns: (transfer none) (nullable): the attempt the exchange became,
 *   or %NULL when it is one that worked and is only counted
 */
LdAttempt *
ld_analysis_get_exchange_attempt (LdAnalysis *self,
                                  guint       index)
{
  GPtrArray *attempts;

  g_return_val_if_fail (LD_IS_ANALYSIS (self), NULL);

  attempts = ld_analysis_get_attempts (self);
  for (guint i = 0; i < attempts->len; i++)
    {
      LdAttempt *a = g_ptr_array_index (attempts, i);

      if (a->exchange == index)
        return a;
    }
  return NULL;
}

/**
 * ld_analysis_dup_exchange_messages:
 * @self: a finished analysis
 * @index: an exchange
 *
 * The messages kept of an exchange: all of them with
 * %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES (it waits for
 * ld_analysis_finish_messages()), else those parsed because they
 * mattered. An exchange that is an attempt has its messages there already.
 *
 * Returns: (transfer container) (element-type LdSipMessage): in time order
 */
GPtrArray *
ld_analysis_dup_exchange_messages (LdAnalysis *self,
                                   guint       index)
{
  GPtrArray *messages, *out;

  g_return_val_if_fail (LD_IS_ANALYSIS (self), NULL);

  out = g_ptr_array_new ();
  messages = ld_analysis_get_messages (self);
  for (guint i = 0; i < messages->len; i++)
    {
      LdSipMessage *m = g_ptr_array_index (messages, i);

      if (m->exchange == index + 1)
        g_ptr_array_add (out, m);
    }
  return out;
}
