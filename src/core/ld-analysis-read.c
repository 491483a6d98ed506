/* ld-analysis-read.c - reading an input into an analysis: records, messages, duplicates, trace lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-analysis.h"
#include "ld-analysis-private.h"
#include "ld-error.h"
#include "ld-input-private.h"
#include "ld-parallel.h"
#include "ld-read-ahead.h"
#include "ld-redact-private.h"
#include "ld-sip-message-private.h"
#include "ld-value-cap.h"

#define READ_CHUNK (1024 * 1024)
/* Of a read-ahead's chunks (four): as fast as a megabyte's on the 200 MB
 * zips of both benchmark mixes, and 3 MB less at the peak. */
#define AHEAD_CHUNK (256 * 1024)

/* ---- Fingerprints ----------------------------------------------------- */

void
_ld_fingerprint_set_clear (FingerprintSet *set)
{
  g_clear_pointer (&set->slots, g_free);
  set->mask = 0;
  set->n = 0;
  set->has_zero = FALSE;
}

static void
fingerprint_set_put (guint64 *slots,
                     gsize    mask,
                     guint64  fp)
{
  gsize i = fp & mask;

  while (slots[i] != 0)
    i = (i + 1) & mask;
  slots[i] = fp;
}

static gboolean
fingerprint_set_contains (const FingerprintSet *set,
                          guint64               fp)
{
  if (fp == 0)
    return set->has_zero;
  if (set->slots == NULL)
    return FALSE;
  for (gsize i = fp & set->mask; set->slots[i] != 0; i = (i + 1) & set->mask)
    if (set->slots[i] == fp)
      return TRUE;
  return FALSE;
}

static void
fingerprint_set_add (FingerprintSet *set,
                     guint64         fp)
{
  if (fingerprint_set_contains (set, fp))
    return;
  if (fp == 0)
    {
      set->has_zero = TRUE;
      return;
    }
  /* At most half full, so probes stay short. */
  if (set->slots == NULL || (set->n + 1) * 2 > set->mask + 1)
    {
      gsize size = set->slots != NULL ? (set->mask + 1) * 2 : 4096;
      guint64 *slots = g_new0 (guint64, size);

      for (gsize j = 0; set->slots != NULL && j <= set->mask; j++)
        if (set->slots[j] != 0)
          fingerprint_set_put (slots, size - 1, set->slots[j]);
      g_free (set->slots);
      set->slots = slots;
      set->mask = size - 1;
    }
  fingerprint_set_put (set->slots, set->mask, fp);
  set->n++;
}


static void
report_progress (LdAnalysis *self,
                 guint64     delta)
{
  self->progress_done += delta;
  if (self->progress_func != NULL)
    self->progress_func (self->progress_done, MAX (self->progress_total, self->progress_done),
                         self->progress_data);
}


/* ---- Reading ---------------------------------------------------------- */

/* The same message seen in two overlapping rotated files has the same
 * time, direction and text. Eight bytes a step, each a multiply and a
 * shift: the byte-at-a-time FNV-1a this replaces took a tenth of the
 * message browser's loading, which keeps every message. Only compared
 * within one run, so host byte order is fine. */
static inline guint64
fingerprint_mix (guint64 h,
                 guint64 w)
{
  h = (h ^ w) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return h ^ (h >> 29);
}

static guint64
fingerprint (gint64       time,
             LdDirection  direction,
             const char  *text,
             gsize        len)
{
  guint64 h = fingerprint_mix (0, len);
  guint64 w;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      memcpy (&w, text + i, 8);
      h = fingerprint_mix (h, w);
    }
  w = 0;
  memcpy (&w, text + i, len - i);
  h = fingerprint_mix (h, w);
  h = fingerprint_mix (h, (guint64) time);
  return fingerprint_mix (h, (guint64) direction);
}

static gboolean
looks_like_sip_start (const char *text,
                      gsize       len)
{
  const char *nl = memchr (text, '\n', MIN (len, 4096));
  gsize n = nl ? (gsize) (nl - text) : MIN (len, 4096);

  while (n > 0 && (text[n - 1] == '\r' || text[n - 1] == ' '))
    n--;
  return (n > 8 && _ld_ascii_equal_n (text, "SIP/2.0 ", 8)) ||
         (n > 8 && _ld_ascii_equal_n (text + n - 8, " SIP/2.0", 8));
}

/* A record's "ip:port" in the string chunk. The same connection carries
 * record after record: the last one is compared before the chunk's table
 * is asked, which hashes the whole string. */
static char *
intern_endpoint (LdAnalysis  *self,
                 char       **last,
                 const char  *endpoint)
{
  if (endpoint == NULL)
    return NULL;
  if (*last == NULL || strcmp (*last, endpoint) != 0)
    *last = g_string_chunk_insert_const (self->strings, endpoint);
  return *last;
}

/* A record a rotated file ended in begins in the input before this one
 * (ld_log_reader_continue_cut()): its message is that input's. Joined
 * with its rest it is counted in both, so that neither file of the two
 * says it holds no SIP message. */
static inline guint
record_input (LdAnalysis         *self,
              const LdRecordInfo *info)
{
  return info->previous_input && self->cur_index > 0 ? self->cur_index - 1 : self->cur_index;
}

static inline void
count_message (LdAnalysis         *self,
               const LdRecordInfo *info)
{
  self->total_sip++;
  if (G_UNLIKELY (info->previous_input && self->cur_index > 0))
    {
      ((LdInput *) g_ptr_array_index (self->inputs, self->cur_index - 1))->sip_messages++;
      if (!info->joined)
        return;
    }
  self->cur_messages++;
}

/* Whose log (a server's trace is many users' log: none): the From of the
 * REGISTER this client sent, else of the first
 * request it sent (its own address, as Lync writes it), else the To of
 * the first request it received (a log holding only the server's
 * sign-out NOTIFY and its answer). */
static void
note_user (LdAnalysis         *self,
           const LdSipMessage *msg)
{
  const char *header;
  guint rank;
  char *user;

  if (!msg->is_request)
    return;
  if (msg->direction == LD_DIRECTION_SENT)
    {
      header = msg->from;
      rank = g_strcmp0 (msg->method, "REGISTER") == 0 ? 3 : 2;
    }
  else if (msg->direction == LD_DIRECTION_RECEIVED)
    {
      header = msg->to;
      rank = 1;
    }
  else
    return;
  if (header == NULL || rank <= self->cur_user_rank)
    return;
  user = ld_sip_uri_dup_address (header);
  if (user == NULL)
    return;
  g_free (self->cur->user);
  self->cur->user = user;
  self->cur_user_rank = rank;
}

/* Where a message came from, from its record. */
static void
set_origin (LdAnalysis         *self,
            guint               input,
            const LdRecordInfo *info,
            LdSipMessage       *msg)
{
  msg->input = input;
  msg->line = info->line;
  msg->time = info->time;
  msg->direction = info->direction;
  msg->cut_at_end = info->cut_at_end != FALSE;
  if (msg->stripped || msg->compacted)
    {
      msg->remote = intern_endpoint (self, &self->last_remote, info->remote);
      msg->local = intern_endpoint (self, &self->last_local, info->local);
    }
  else
    {
      msg->remote = g_strdup (info->remote);
      msg->local = g_strdup (info->local);
    }
}

/* What is worked out of a record from its text alone, needing nothing of
 * the analysis: with the pipeline, by whichever thread has time to spare
 * (ld-record-queue.c). The peek's spans are kept as offsets into the
 * text, which the queue copies. */
typedef struct
{
  gboolean   placeable;     /* one message, which its peek can place */
  LdSipPeek  peek;
  gssize     call_id_at;    /* or -1 */
  gssize     body_at;       /* or -1 */
  guint64    file_offset;   /* where the text is in the file: see LdRecordInfo */
  guint32    file_length;
  /* With the message browser, which asks them of almost every record
   * (on_noted_record(), defer_record()); else not worked out. */
  guint      ascii : 1;     /* ld_text_is_plain_ascii() of the text */
  gsize      length;        /* _ld_sip_message_peek_length() of it, placeable only */
} RecordNote;

/* Whether a message the browser keeps, parsed from @text, its record's
 * text from the start as read (@place says where that is, or is NULL),
 * leaves its text in the file (ld-message-text.c): not one with diagnostic
 * headers, whose text the list's verdict reads. */
static inline gboolean
leaves_text_in_file (const LdRecordInfo *info,
                     const RecordNote   *place,
                     guint               diagnostics)
{
  return place != NULL && place->file_length > 0 && !info->previous_input && diagnostics == 0;
}

/* Whether @msg, from @text, is a message an earlier input had: it is then
 * dropped. Only a message of an earlier input is a duplicate, so until one
 * is noted in the set there is none to compare with: the browser's
 * messages are fingerprinted then, from the text it keeps (see
 * begin_input()); the others now, for the inputs that follow, unless none
 * does. A single log, the usual case, needs none. */
static gboolean
is_repeat (LdAnalysis         *self,
           LdSipMessage       *msg,
           const LdRecordInfo *info,
           const char         *text,
           gsize               len)
{
  guint64 fp;

  if (self->seen_upto == 0 && ((self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) != 0 || self->cur_is_last))
    return FALSE;
  fp = fingerprint (info->time, info->direction, text, len);
  msg->fingerprint = (gint64) fp;
  return fingerprint_set_contains (&self->seen, fp);
}

/* Returns whether @owned_msg was kept (not seen in an earlier input).
 * @exchange is 1 + the index of its exchange when the peek found it
 * already, and @in_dialog whether the peek said it matters; else 0: the
 * exchange is found here from the parsed message. @text is what it was
 * parsed from; @place, when it is its record's text as read from the
 * start, where that is in the file (see leaves_text_in_file()). */
static gboolean
add_message (LdAnalysis         *self,
             const LdRecordInfo *info,
             LdSipMessage       *owned_msg,
             guint               exchange,
             gboolean            in_dialog,
             const char         *text,
             gsize               len,
             const RecordNote   *place)
{
  g_autoptr(LdSipMessage) msg = owned_msg;
  gboolean keep;

  count_message (self, info);
  set_origin (self, record_input (self, info), info, msg);

  if (self->cur->user_agent == NULL && msg->direction != LD_DIRECTION_RECEIVED)
    {
      const char *ua = ld_sip_message_get_user_agent (msg);

      if (ua != NULL && (strstr (ua, "OC/") != NULL || strstr (ua, "UCCAPI") != NULL ||
                         strstr (ua, "UCCP") != NULL))
        {
          self->cur->user_agent = g_strdup (ua);
          self->cur->client = ld_client_from_user_agent (ua);
        }
    }
  if (exchange == 0)
    {
      LdSipPeek peek;

      _ld_exchanges_peek_parsed (msg, &peek);
      exchange = _ld_exchanges_note (self, info, &peek, text, len, &in_dialog);
    }
  msg->exchange = exchange;
  /* After its exchange is noted: an input's first sign-in is kept for
   * naming the user. */
  if (!msg->stripped && info->format != LD_LOG_FORMAT_SERVER)
    note_user (self, msg);

  keep = (self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) != 0;
  if (!keep && !in_dialog)
    return FALSE;
  /* Only the message browser shows the whole text; without it, headers and
   * body are all the analysis needs, and the copy would double the memory. */
  if ((self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) == 0)
    g_clear_pointer (&msg->raw, g_free);

  if (is_repeat (self, msg, info, text, len))
    return FALSE;
  /* Kept only for the message browser (most of a log: presence and
   * registration), the raw text is all it needs. */
  if (!in_dialog && msg->raw != NULL)
    {
      if (!msg->stripped)
        ld_sip_message_strip (msg, self->strings);
    }
  else if (keep && msg->compacted && msg->raw == NULL)
    {
      /* Parsed compacted (on_noted_record()): the browser's text, left in
       * the file where it can be. */
      if (msg->consumed == len && leaves_text_in_file (info, place, msg->diag_count))
        msg->raw = _ld_message_text_place (self, text, len, place->file_offset, place->file_length);
      else
        msg->raw = _ld_text_store_add (self->texts, text, len);
    }
  else if (!msg->compacted)
    {
      /* The browser's call messages: their text stays in the file rather
       * than being copied into the string chunk. */
      gboolean in_file = keep && msg->raw != NULL && msg->consumed > 0 && msg->consumed == len &&
                         leaves_text_in_file (info, place, msg->diag_count);

      if (!keep)
        {
          _ld_analysis_drop_unread (msg);
        }
      if (in_file)
        g_clear_pointer (&msg->raw, g_free);
      _ld_analysis_compact_message (self, msg);
      if (in_file)
        msg->raw = _ld_message_text_place (self, text, len, place->file_offset, place->file_length);
    }
  if (in_dialog)
    {
      _ld_exchanges_note_kept (self, msg);
      _ld_attempts_note_kept (self, msg);
    }
  if (self->dialog_messages != NULL && in_dialog)
    g_ptr_array_add (self->dialog_messages, msg);
  else if (self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES)
    _ld_exchanges_set_deferred (self, msg);
  g_ptr_array_add (self->messages, g_steal_pointer (&msg));
  return TRUE;
}

/**
 * _ld_analysis_keep_recovered:
 * @self: an analysis reading an input
 * @input: the input the request was read from
 * @info: where it was read
 * @msg: (transfer full): a request held back and parsed now that its
 *   exchange matters (see ld-exchanges.c), its exchange set
 * @text: the text it was parsed from
 * @len: the length of its message there
 * @browser_has_it: whether the message browser keeps the request already
 *
 * Keeps it for its exchange's attempt, unless an earlier input had it (as
 * add_message() drops a repeat). It was counted when it was read.
 */
void
_ld_analysis_keep_recovered (LdAnalysis         *self,
                             guint               input,
                             const LdRecordInfo *info,
                             LdSipMessage       *msg,
                             const char         *text,
                             gsize               len,
                             gboolean            browser_has_it)
{
  /* As add_message() drops a repeat: the same log read twice (a report's
   * log and the same log beside it) has its requests once. The browser's
   * copy was dropped already, if it was a repeat. */
  if (!browser_has_it && is_repeat (self, msg, info, text, len))
    {
      ld_sip_message_free (msg);
      return;
    }
  set_origin (self, input, info, msg);
  g_clear_pointer (&msg->raw, g_free);
  if (self->dialog_messages == NULL)
    {
      _ld_analysis_drop_unread (msg);
    }
  _ld_analysis_compact_message (self, msg);
  _ld_attempts_note_kept (self, msg);
  if (self->dialog_messages != NULL)
    {
      g_ptr_array_add (self->dialog_messages, msg);
      /* The browser lists the copy it has; this one only its attempt reads. */
      if (browser_has_it)
        g_ptr_array_add (self->recovered, msg);
      else
        g_ptr_array_add (self->messages, msg);
    }
  else
    g_ptr_array_add (self->messages, msg);
}

/* With the message browser, most records are presence and registration
 * that the analysis only counts, the browser needs a few fields of each.
 * Reading is what a window's loading waits for, so their text is only
 * kept here, and they are parsed once the attempts are made
 * (ld_analysis_finish_messages()), while the window shows those. A record
 * is kept so when it holds one message whose end is known without
 * parsing. */
static gboolean
defer_record (LdAnalysis         *self,
              const LdRecordInfo *info,
              const char         *text,
              gsize               len,
              guint               exchange,
              const RecordNote   *note,
              gboolean            as_read)
{
  LdSipMessage *msg;
  gsize used, rest;

  if (!looks_like_sip_start (text, len))
    return FALSE;
  /* Worked out with the note, of the text as read (only the browser's
   * analysis keeps records as text). */
  used = as_read ? note->length : _ld_sip_message_peek_length (text, len);
  if (used == 0)
    return FALSE;
  for (rest = used; rest < len && g_ascii_isspace (text[rest]); rest++)
    ;
  if (looks_like_sip_start (text + rest, len - rest))
    return FALSE;

  msg = _ld_text_store_alloc0 (self->texts, sizeof *msg);
  msg->stored = TRUE;
  msg->stripped = TRUE;
  msg->deferred = TRUE;
  msg->body = (char *) "";
  msg->consumed = used;
  /* Its text is left in the file when it is the file's bytes (the reader
   * placed it there, and it was not made valid UTF-8 here); a message with
   * diagnostic headers keeps it, for the list's verdict (ld-message-text.c). */
  if (as_read && leaves_text_in_file (info, note, (note->peek.flags & LD_SIP_PEEK_DIAGNOSTIC) != 0))
    msg->raw = _ld_message_text_place (self, text, used, note->file_offset, note->file_length);
  else
    msg->raw = _ld_text_store_add (self->texts, text, used);
  add_message (self, info, msg, exchange, FALSE, text, used, NULL);
  return TRUE;
}

/* Whether a record may hold a second message after the first: only when
 * the text after the first's headers is longer than its Content-Length
 * (a log writes a body's line ends as sent, or shortens CRLF to LF). */
static gboolean
may_hold_more (const LdSipPeek *peek,
               const char      *text,
               gsize            len)
{
  const char *end = text + len;

  if (peek->body == NULL)
    return FALSE;
  if (!peek->has_content_length)
    return FALSE;
  while (end > peek->body && g_ascii_isspace (end[-1]))
    end--;
  return (gsize) (end - peek->body) > peek->content_length;
}

/* The message of exchange @index kept last without the browser (see
 * LdAnalysis.last_kept), or NULL. */
static const LdSipMessage *
last_kept (LdAnalysis *self,
           guint       index)
{
  return index < self->n_last_kept ? self->last_kept[index] : NULL;
}

static void
set_last_kept (LdAnalysis         *self,
               guint               index,
               const LdSipMessage *msg)
{
  if (index >= self->n_last_kept)
    {
      guint n = MAX (MAX (self->n_last_kept * 2, index + 1), 1024);

      self->last_kept = g_renew (const LdSipMessage *, self->last_kept, n);
      memset (self->last_kept + self->n_last_kept, 0, (n - self->n_last_kept) * sizeof *self->last_kept);
      self->n_last_kept = n;
    }
  self->last_kept[index] = msg;
}

/* An LdRecordNoteFunc: in either thread (ld-record-queue.c). */
static void
note_record (const LdRecordInfo *info,
             const char         *text,
             gsize               len,
             gpointer            note_data,
             gpointer            user_data)
{
  LdAnalysis *self = user_data;
  RecordNote *note = note_data;
  LdSipPeek *peek = &note->peek;

  note->file_offset = info->file_offset;
  note->file_length = info->file_length;
  /* Else (a start line of over 4 KB, two messages): parsed. */
  note->placeable = _ld_sip_message_peek (text, len, peek) && !may_hold_more (peek, text, len);
  note->call_id_at = peek->call_id != NULL ? peek->call_id - text : -1;
  note->body_at = peek->body != NULL ? peek->body - text : -1;
  peek->call_id = NULL;
  peek->body = NULL;
  /* The analysing thread is the busier of the two with the browser's every
   * message kept: what it would work out of nearly every record's text is
   * worked out here, by the reading thread when that one notes. */
  if (self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES)
    {
      note->ascii = ld_text_is_plain_ascii (text, len);
      note->length = note->placeable && looks_like_sip_start (text, len) ? _ld_sip_message_peek_length (text, len) : 0;
    }
}

/* The note's peek, its spans in @text. */
static void
note_get_peek (const RecordNote *note,
               const char       *text,
               LdSipPeek        *peek)
{
  *peek = note->peek;
  peek->call_id = note->call_id_at >= 0 ? text + note->call_id_at : NULL;
  peek->body = note->body_at >= 0 ? text + note->body_at : NULL;
}

static void
on_noted_record (const LdRecordInfo *info,
                 const char         *text,
                 gsize               len,
                 gconstpointer       note_data,
                 gpointer            user_data)
{
  const RecordNote *note = note_data;
  LdAnalysis *self = user_data;
  g_autofree char *utf8 = NULL;
  const RecordNote *first_place;
  gboolean compact = FALSE;
  guint exchange = 0;

  /* Once the client is identified (its first messages name it), a record
   * holding one message is placed in its exchange from a peek, and parsed
   * only when that exchange matters (see ld-exchanges.c). */
  if (self->cur->user_agent != NULL && note->placeable)
    {
      LdSipPeek peek;
      gboolean keep;

      note_get_peek (note, text, &peek);
      exchange = _ld_exchanges_note (self, info, &peek, text, len, &keep);
      compact = !keep;
    }

  /* Without the message browser, such a record is only counted. */
  if (compact && (self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) == 0)
    {
      count_message (self, info);
      return;
    }

  if (!((self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) ? note->ascii : ld_text_is_plain_ascii (text, len)) &&
      (!g_utf8_validate_len (text, len, NULL) || memchr (text, '\0', len) != NULL))
    {
      utf8 = ld_text_dup_utf8 (text, len);
      text = utf8;
      len = strlen (utf8);
    }

  if (compact && defer_record (self, info, text, len, exchange, note, utf8 == NULL))
    return;

  /* One record usually holds one message; a TCP read can hold two, and
   * Content-Length tells where the first ends. */
  first_place = utf8 == NULL ? note : NULL;
  while (len > 0)
    {
      LdSipMessage *msg = NULL;
      gsize used;

      /* Kept for the browser only, such a message is kept stripped (see
       * add_message()): parse straight into that; when that parser
       * declines, the full parse below is stripped afterwards. */
      if (compact)
        msg = _ld_sip_message_parse_stripped (text, len, self->strings);
      /* Without the browser, a message of an exchange that matters (the
       * peek said so) is kept compacted, with what is read of it: parse
       * straight into that. */
      else if (exchange != 0)
        msg = _ld_sip_message_parse_compact (text, len, self->strings, self->texts,
                                             (self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) != 0
                                               ? &_ld_analysis_browser_filter : &_ld_analysis_read_filter,
                                             last_kept (self, exchange - 1));
      if (msg == NULL)
        msg = _ld_sip_message_parse_valid (text, len, NULL);

      if (msg == NULL)
        return;
      used = MAX (msg->consumed, 1);
      if (add_message (self, info, msg, exchange, !compact, text, MIN (used, len), first_place) && msg->compacted &&
          msg->exchange != 0)
        set_last_kept (self, msg->exchange - 1, msg);
      /* The peek placed the first message only; the text of the first
       * alone starts where its record's does. */
      first_place = NULL;
      exchange = 0;
      compact = FALSE;
      text += MIN (used, len);
      len -= MIN (used, len);
      while (len > 0 && g_ascii_isspace (*text))
        text++, len--;
      if (!looks_like_sip_start (text, len))
        return;
    }
}

static void
on_record (const LdRecordInfo *info,
           const char         *text,
           gsize               len,
           gpointer            user_data)
{
  RecordNote note;

  note_record (info, text, len, &note, user_data);
  on_noted_record (info, text, len, &note, user_data);
}

static gboolean
trace_is_interesting (const char *level,
                      const char *text,
                      gsize       len)
{
  if (((level[0] == 'E' || level[0] == 'e') && g_ascii_strcasecmp (level, "ERROR") == 0) ||
      ((level[0] == 'S' || level[0] == 's') && g_ascii_strcasecmp (level, "SERVER") == 0))
    return TRUE;
  /* A server trace's diagnostic record (ld-rules-server.c). */
  if (level[0] == 'T' && level[1] == 'L' && level[2] == '_')
    return TRUE;
  /* The client's own error dialogs ("…ShowError - Cannot start Desktop/
   * Application Sharing due to network issues.") name the symptom the user
   * saw, for the wizard's first step. */
  return _ld_text_contains_from (text, len, "lync.com", 8, 1) ||
         _ld_text_contains_from (text, len, "VQReportEvent", 13, 1) ||
         _ld_text_contains_from (text, len, "meet.", 5, 4) ||
         _ld_text_contains_from (text, len, "ShowError", 9, 2) ||
         _ld_text_contains_from (text, len, "Cannot start", 12, 0);
}

static void
on_trace (guint64     line,
          gint64      time,
          const char *level,
          const char *text,
          gsize       len,
          gpointer    user_data)
{
  LdAnalysis *self = user_data;
  LdTraceEvent *ev;

  /* dispatch_trace() let only the lines worth keeping through. */
  if (self->trace->len >= LD_MAX_TRACE_EVENTS)
    {
      self->trace_dropped++;
      return;
    }
  ev = g_new0 (LdTraceEvent, 1);
  ev->input = self->cur_index;
  ev->line = line;
  ev->time = time;
  ev->level = g_strdup (level);
  /* Cut past LD_MAX_TRACE_TEXT, and said. */
  ev->text = ld_value_cut (ld_text_dup_utf8 (text, MIN (len, LD_MAX_TRACE_TEXT)), LD_MAX_TRACE_TEXT, len);
  g_ptr_array_add (self->trace, ev);
}

static LdInput *
begin_input (LdAnalysis *self,
             const char *path,
             const char *member)
{
  LdInput *input = g_new0 (LdInput, 1);

  /* A message is dropped when an earlier input had it (see add_message()):
   * those inputs' messages are noted here, in one go, so that reading a
   * single log, the usual case, looks none up. */
  gboolean late = self->seen_upto == 0 && (self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) != 0;
  g_autoptr(LdMessageTexts) texts = late && self->seen_upto < self->messages->len ? ld_message_texts_new (self) : NULL;

  for (; self->seen_upto < self->messages->len; self->seen_upto++)
    {
      LdSipMessage *msg = g_ptr_array_index (self->messages, self->seen_upto);

      /* Kept by the browser before any was noted: not fingerprinted yet
       * (see add_message()); its text is what it was read from, in the
       * file's order (the window reads it in large pieces). A text the
       * file no longer holds is fingerprinted as it reads, so that it
       * matches nothing. */
      if (late)
        {
          gsize len = 0;
          const char *text = ld_message_texts_get (texts, msg, &len, NULL);

          msg->fingerprint = (gint64) fingerprint (msg->time, msg->direction, text != NULL ? text : "",
                                                   text != NULL ? MIN (len, (gsize) msg->consumed) : 0);
        }
      fingerprint_set_add (&self->seen, msg->fingerprint);
    }

  /* A redacted analysis keeps the names' pseudonyms; the messages to the
   * user (the caller's errors) still name the file. */
  if (self->redactor != NULL)
    {
      input->path = _ld_redactor_dup_input_path (self->redactor, path);
      input->member = _ld_redactor_dup_member (self->redactor, member);
    }
  else
    {
      input->path = g_strdup (path);
      input->member = g_strdup (member);
    }
  input->problems = g_ptr_array_new_with_free_func (g_free);
  input->first_time = -1;
  input->last_time = -1;
  self->cur = input;
  self->cur_index = self->inputs->len;
  self->cur_messages = 0;
  /* The loader's last file, when it is one log (a zip's members name
   * themselves), is the last input: nothing looks its messages up later.
   * Said once: were that file a folder by now, its second log would be
   * fingerprinted as usual (only a repeat of the first's messages would
   * then be kept twice). */
  self->cur_is_last = self->last_file && member == NULL;
  self->last_file = FALSE;
  self->cur_user_rank = 0;
  g_ptr_array_add (self->inputs, input);
  return input;
}

static char *
describe_input (const char *path,
                const char *member)
{
  if (member != NULL)
    return g_strdup_printf ("%s (%s)", path, member);
  return g_strdup (path);
}

/* Finishes the current input; drops it again when it held nothing. */
static gboolean
end_input (LdAnalysis   *self,
           LdLogReader  *reader,
           GError      **error)
{
  LdInput *input = self->cur;
  g_autofree char *what = describe_input (input->path, input->member);
  GPtrArray *problems;
  LdCutRecord *cut = ld_log_reader_finish_keeping_cut (reader);

  input->format = ld_log_reader_get_format (reader);
  input->encoding = ld_log_reader_get_encoding (reader);
  input->first_time = ld_log_reader_get_first_time (reader);
  input->last_time = ld_log_reader_get_last_time (reader);
  input->lines = ld_log_reader_get_lines (reader);
  input->sip_messages = self->cur_messages;
  problems = ld_log_reader_get_problems (reader);
  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (input->problems, g_strdup (g_ptr_array_index (problems, i)));
  self->cur = NULL;

  if (input->format == LD_LOG_FORMAT_UNKNOWN && input->sip_messages == 0)
    {
      if (input->bytes == 0)
        g_set_error (error, LD_ERROR, LD_ERROR_NOT_A_LOG,
                     _("%s is empty. Open the log after reproducing the problem, or a copy "
                       "that was not cut off."), what);
      else
        g_set_error (error, LD_ERROR, LD_ERROR_NOT_A_LOG,
                     _("%s is not a Lync or Skype for Business log: none of its %llu lines carries the log's time stamp and no SIP message was found. Open a "
                       "file named like Lync-UccApi-0.UccApilog or Communicator-uccapi-0.uccapilog, "
                       "or the MOSDALREPORT.zip that contains it."),
                     what, (unsigned long long) input->lines);
      g_ptr_array_remove_index (self->inputs, self->inputs->len - 1);
      _ld_message_texts_trim (self);
      if (cut != NULL)
        ld_cut_record_free (cut);
      return FALSE;
    }

  /* The message the file ended in waits for the next file (rotation). */
  if (cut != NULL)
    {
      self->cut = cut;
      self->cut_input = self->inputs->len - 1;
    }
  else if (input->sip_messages == 0 && input->format == LD_LOG_FORMAT_SERVER)
    {
      if (ld_log_reader_get_diagnostic_records (reader) == 0)
        g_ptr_array_add (input->problems,
                         g_strdup (_("This server trace holds no SIP message and no diagnostic record. Trace the "
                                     "SIPStack component with the TF_PROTOCOL and TF_DIAG flags (OCSLogger, or the "
                                     "Centralized Logging Service), reproduce the problem, then format the trace "
                                     "again.")));
    }
  else if (input->sip_messages == 0 && !ld_log_reader_starts_inside_record (reader))
    g_ptr_array_add (input->problems,
                     g_strdup (_("This log holds no SIP message. Logging may have been switched off: "
                                 "in the client, turn on Options > General > Logging, sign out and in, "
                                 "then reproduce the problem.")));
  return TRUE;
}

/* The stem of a rotated log's name: "lync-uccapi" for Lync-UccApi-1.UccApilog,
 * Lync-UccApi-0.UccApilog.bak or lync-uccapi-0.uccapilog (any case). */
static char *
dup_rotation_stem (const char *name)
{
  const char *slash = strrchr (name, '/');
  const char *bslash = strrchr (name, '\\');
  const char *base = MAX (slash, bslash) ? MAX (slash, bslash) + 1 : name;
  char *stem = g_ascii_strdown (base, -1);
  char *dot;
  gsize len;

  if (g_str_has_suffix (stem, ".bak"))
    stem[strlen (stem) - 4] = '\0';
  if ((dot = strrchr (stem, '.')) != NULL && dot != stem)
    *dot = '\0';
  len = strlen (stem);
  while (len > 0 && g_ascii_isdigit (stem[len - 1]))
    len--;
  if (len > 0 && len < strlen (stem) && (stem[len - 1] == '-' || stem[len - 1] == '_'))
    len--;
  stem[len] = '\0';
  return stem;
}

static char *
dup_container (const char *path,
               const char *member)
{
  const char *name = member != NULL ? member : path;
  const char *slash = strrchr (name, '/');
  const char *bslash = strrchr (name, '\\');
  const char *end = MAX (slash, bslash);
  g_autofree char *dir = g_strndup (name, end != NULL ? (gsize) (end - name) : 0);

  return member != NULL ? g_strconcat (path, "\n", dir, NULL) : g_steal_pointer (&dir);
}

/* Whether @path / @member is the next file of the log @prev was read from:
 * the same folder or zip folder, the same name but for the rotation's
 * number or .bak. */
static gboolean
is_next_rotated_file (const LdInput *prev,
                      const char    *path,
                      const char    *member)
{
  g_autofree char *a = dup_container (prev->path, prev->member);
  g_autofree char *b = dup_container (path, member);
  g_autofree char *sa = dup_rotation_stem (prev->member != NULL ? prev->member : prev->path);
  g_autofree char *sb = dup_rotation_stem (member != NULL ? member : path);

  return (prev->member != NULL) == (member != NULL) && strcmp (a, b) == 0 && sa[0] != '\0' &&
         strcmp (sa, sb) == 0;
}

/* A record straight from the reader, not through dispatch_record(): it is
 * redacted all the same. */
static void
on_record_redacted (const LdRecordInfo *info,
                    const char         *text,
                    gsize               len,
                    gpointer            user_data)
{
  LdAnalysis *self = user_data;
  LdRecordInfo redacted_info;

  if (self->redactor != NULL)
    {
      text = _ld_redactor_filter_record (self->redactor, info, text, len, &redacted_info, &len);
      info = &redacted_info;
      if (self->redactor->learning)
        return;
    }
  on_record (info, text, len, self);
}

/* The message the last input ended in, when no next file continues it: it
 * is read as it is, in its own input, which says it was cut. */
static void
flush_cut (LdAnalysis *self)
{
  LdInput *input;

  if (self->cut == NULL)
    return;
  input = g_ptr_array_index (self->inputs, self->cut_input);
  self->cur = input;
  self->cur_index = self->cut_input;
  self->cur_messages = input->sip_messages;
  ld_cut_record_deliver (g_steal_pointer (&self->cut), on_record_redacted, self);
  input->sip_messages = self->cur_messages;
  self->cur = NULL;
}

void
_ld_analysis_flush_cut (LdAnalysis *self)
{
  flush_cut (self);
}

/* The reader's callbacks: straight to the analysis, or through the queue
 * to the analysing thread once the input is large enough. */
typedef struct
{
  LdAnalysis    *self;
  LdRecordQueue *queue;
} Reading;

static void
dispatch_record (const LdRecordInfo *info,
                 const char         *text,
                 gsize               len,
                 gpointer            user_data)
{
  Reading *reading = user_data;
  LdRecordInfo redacted_info;
  RecordNote note;

  /* Redaction: the record as the redactor rewrote it (ld-redact-record.c). */
  if (reading->self->redactor != NULL)
    {
      text = _ld_redactor_filter_record (reading->self->redactor, info, text, len, &redacted_info, &len);
      info = &redacted_info;
      if (reading->self->redactor->learning)
        return;
    }
  if (reading->queue != NULL)
    ld_record_queue_push_record (reading->queue, info, text, len);
  else
    {
      note_record (info, text, len, &note, reading->self);
      on_noted_record (info, text, len, &note, reading->self);
    }
}

static void
dispatch_trace (guint64     line,
                gint64      time,
                const char *level,
                const char *text,
                gsize       len,
                gpointer    user_data)
{
  Reading *reading = user_data;

  if (reading->self->redactor != NULL)
    {
      text = _ld_redactor_filter_trace (reading->self->redactor, text, len, &len);
      if (reading->self->redactor->learning)
        return;
    }
  /* Most trace lines are not kept: they are told apart here, in the
   * reading thread, from their text alone, and the others are not queued. */
  if (!trace_is_interesting (level, text, len))
    return;
  if (reading->queue != NULL)
    ld_record_queue_push_trace (reading->queue, line, time, level, text, len);
  else
    on_trace (line, time, level, text, len, reading->self);
}

/* Gives up the input being read. The analysing thread finishes first: it
 * still uses the input. A message the input before ended in, not settled
 * yet, goes back to wait for the next input. */
static void
abandon_input (LdAnalysis  *self,
               Reading     *reading,
               LdLogReader *reader)
{
  LdCutRecord *cut = ld_log_reader_take_cut (reader);

  if (cut != NULL)
    self->cut = cut;
  g_clear_pointer (&reading->queue, ld_record_queue_finish);
  self->cur = NULL;
  g_ptr_array_remove_index (self->inputs, self->inputs->len - 1);
  _ld_message_texts_trim (self);
}

static gboolean
read_stream (LdAnalysis    *self,
             GInputStream  *in,
             const char    *path,
             const char    *member,
             guint64        declared_size,
             gsize        (*read_func) (gpointer, char *, gsize, GError **),
             gpointer       read_data,
             gboolean       read_ahead,
             GCancellable  *cancellable,
             GError       **error)
{
  Reading reading = { self, NULL };
  g_autoptr(LdLogReader) reader = ld_log_reader_new (dispatch_record, dispatch_trace, &reading);
  /* A costly read function (a zip member's inflating) runs ahead on the
   * pool, in the place of the analysing thread of the record queue: on
   * two processors, the reading is one job and the rest the other. */
  g_autoptr(LdReadAhead) ahead = read_ahead ? ld_read_ahead_new (read_func, read_data, AHEAD_CHUNK) : NULL;
  g_autofree char *buf = ahead == NULL ? g_malloc (READ_CHUNK) : NULL;
  LdInput *input;
  gboolean first = TRUE;

  /* A message the last input ended in goes on in this one when it is that
   * log's next rotated file; otherwise it is read as it was. */
  if (self->cut != NULL)
    {
      /* A redacted analysis names its inputs by pseudonyms (which keep the
       * folder and the rotation's number): so is this one, to compare. */
      g_autofree char *shown_path = self->redactor ? _ld_redactor_dup_input_path (self->redactor, path) : NULL;
      g_autofree char *shown_member = self->redactor ? _ld_redactor_dup_member (self->redactor, member) : NULL;

      if (self->cut_input + 1 != self->inputs->len ||
          !is_next_rotated_file (g_ptr_array_index (self->inputs, self->cut_input),
                                 shown_path ? shown_path : path, self->redactor ? shown_member : member))
        flush_cut (self);
    }
  input = begin_input (self, path, member);
  /* A plain file's records may leave their text in it (ld-message-text.c). */
  if (_ld_message_texts_begin_input (self, self->cur_index))
    ld_log_reader_track_offsets (reader);
  self->cur_skipped = 0;

  for (;;)
    {
      gssize n;
      const char *bytes = buf;
      GError *local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          abandon_input (self, &reading, reader);
          return FALSE;
        }
      if (ahead != NULL)
        n = (gssize) ld_read_ahead_next (ahead, &bytes, &local_error);
      else if (read_func != NULL)
        n = (gssize) read_func (read_data, buf, READ_CHUNK, &local_error);
      else
        n = g_input_stream_read (in, buf, READ_CHUNK, cancellable, &local_error);
      if (local_error != NULL)
        {
          g_autofree char *what = describe_input (path, member);

          abandon_input (self, &reading, reader);
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          if (local_error->domain == LD_ERROR)
            {
              g_propagate_prefixed_error (error, local_error, "%s: ", what);
              return FALSE;
            }
          g_set_error (error, LD_ERROR, LD_ERROR_READ,
                       _("Could not read %s: %s. Check that the file is still there and readable, "
                         "then open it again."), what, local_error->message);
          g_error_free (local_error);
          return FALSE;
        }
      if (n == 0)
        break;
      if (first)
        {
          first = FALSE;
          if (_ld_input_looks_binary (bytes, n))
            {
              g_autofree char *what = describe_input (path, member);

              abandon_input (self, &reading, reader);
              g_set_error (error, LD_ERROR, LD_ERROR_NOT_A_LOG,
                           _("%s is not a text log: it holds binary data. Open the .uccapilog "
                             "file the client writes, or the MOSDALREPORT.zip that contains it."),
                           what);
              return FALSE;
            }
        }
      input->bytes += n;
      if (declared_size > 0 && input->bytes > declared_size)
        {
          g_autofree char *what = describe_input (path, member);

          abandon_input (self, &reading, reader);
          g_set_error (error, LD_ERROR, LD_ERROR_ZIP,
                       _("%s holds more data than the zip's directory declares: the zip is "
                         "damaged or was crafted. Ask for a fresh copy of the report."), what);
          return FALSE;
        }
      /* On one processor, nothing would overlap; reading ahead, the pool
       * has its share. */
      if (reading.queue == NULL && ahead == NULL && input->bytes >= self->pipeline_min_bytes &&
          _ld_parallel_get_n_threads () > 1)
        {
          reading.queue = ld_record_queue_new (on_noted_record, note_record, on_trace, sizeof (RecordNote), self);
          ld_record_queue_set_notes (reading.queue, self->pipeline_notes);
          /* With the browser's messages, each thread has work for its
           * waits: the reading one prepares the store they fill (see
           * ld-text-store.c), the analysing one parses those kept as text
           * (ld-analysis-messages.c). */
          if (self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES)
            {
              ld_record_queue_set_reader_idle_func (reading.queue, (LdQueueIdleFunc) _ld_text_store_prepare,
                                                    self->texts);
              ld_record_queue_set_analyser_idle_func (reading.queue, _ld_analysis_parse_kept, self);
            }
        }
      if (self->cut != NULL)
        ld_log_reader_continue_cut (reader, g_steal_pointer (&self->cut));
      /* Holes of a sparse file skipped before these bytes. */
      if (self->cur_skipped > 0)
        {
          ld_log_reader_skip (reader, self->cur_skipped);
          self->cur_skipped = 0;
        }
      ld_log_reader_feed (reader, bytes, n, NULL);
      report_progress (self, n);
    }

  /* The last record comes out of ld_log_reader_finish(), in this thread,
   * after everything queued. */
  g_clear_pointer (&reading.queue, ld_record_queue_finish);
  _ld_text_store_drop_prepared (self->texts);
  return end_input (self, reader, error);
}

/* After ld_analysis_finish_attempts(), nothing more can be read. */
gboolean
_ld_analysis_is_finished (LdAnalysis *self)
{
  return self->finished;
}

/* For tests: from how many bytes of an input on the records are analysed
 * in a second thread (0: from the start; G_MAXUINT64: never). */
void
_ld_analysis_set_pipeline_min_bytes (LdAnalysis *self,
                                     guint64     bytes)
{
  g_return_if_fail (LD_IS_ANALYSIS (self));
  self->pipeline_min_bytes = bytes;
}

/* For tests: which thread makes the records' notes in the pipeline
 * (the answers are the same). */
void
_ld_analysis_set_pipeline_notes (LdAnalysis    *self,
                                 LdRecordNotes  notes)
{
  g_return_if_fail (LD_IS_ANALYSIS (self));
  self->pipeline_notes = notes;
}

/* For the loader, before it adds its last file: no input follows the
 * next one begun, so that one's messages need no fingerprints unless an
 * earlier input's are there to compare with (see add_message()). */
void
_ld_analysis_set_last_file (LdAnalysis *self)
{
  g_return_if_fail (LD_IS_ANALYSIS (self));
  self->last_file = TRUE;
}

/**
 * ld_analysis_add_data:
 * @self: an analysis
 * @name: how to name the input to the user
 * @data: the bytes of a log (not a zip)
 * @len: their length
 * @error: return location for a #GError
 *
 * Reads a log held in memory (tests, fuzzing, pasted text).
 *
 * Returns: %TRUE if the data was a log
 */
gboolean
ld_analysis_add_data (LdAnalysis  *self,
                      const char  *name,
                      const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, len, NULL);

  g_return_val_if_fail (LD_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  self->progress_total += len;
  return read_stream (self, in, name, NULL, 0, NULL, NULL, FALSE, NULL, error);
}

gboolean
_ld_analysis_read_stream (LdAnalysis    *self,
                          GInputStream  *in,
                          const char    *path,
                          const char    *member,
                          guint64        declared_size,
                          GCancellable  *cancellable,
                          GError       **error)
{
  return read_stream (self, in, path, member, declared_size, NULL, NULL, FALSE, cancellable, error);
}

gboolean
_ld_analysis_read_func (LdAnalysis    *self,
                        gsize        (*read_func) (gpointer, char *, gsize, GError **),
                        gpointer       read_data,
                        const char    *path,
                        const char    *member,
                        guint64        declared_size,
                        gboolean       costly,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return read_stream (self, NULL, path, member, declared_size, read_func, read_data,
                      costly, cancellable, error);
}

/* Called by a read function of _ld_analysis_read_func() that skips @bytes
 * of its file (holes of a sparse file) before the bytes it returns. */
void
_ld_analysis_note_skipped (LdAnalysis *self,
                           guint64     bytes)
{
  self->cur_skipped += bytes;
}

void
_ld_analysis_add_progress_total (LdAnalysis *self,
                                 guint64     bytes)
{
  self->progress_total += bytes;
}
