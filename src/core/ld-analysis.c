/* ld-analysis.c - inputs -> records -> SIP messages -> dialogs -> attempts -> findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-analysis.h"
#include "ld-analysis-private.h"
#include "ld-parallel.h"
#include "ld-error.h"
#include "ld-record-queue.h"
#include "ld-text-store.h"

#define READ_CHUNK (1024 * 1024)
/* Past this much of one input, records are analysed in a second thread
 * while the next are read (ld-record-queue.c); below it a thread is not
 * worth starting. */
#define PIPELINE_MIN_BYTES (8 * 1024 * 1024)

/* The fingerprints of the messages of earlier inputs (see fingerprint()
 * and begin_input()): open addressing over the values themselves, which
 * are well mixed already, so nothing points into the messages. */
typedef struct
{
  guint64  *slots;     /* 0: free */
  gsize     mask;      /* slots - 1, a power of two less one */
  gsize     n;
  gboolean  has_zero;  /* 0 itself, which marks a free slot */
} FingerprintSet;

static void fingerprint_set_clear (FingerprintSet *set);

struct _LdAnalysis
{
  GObject          parent_instance;

  LdAnalysisFlags  flags;
  LdProgressFunc   progress_func;
  gpointer         progress_data;
  guint64          progress_done;
  guint64          progress_total;
  guint64          pipeline_min_bytes;

  GPtrArray       *inputs;        /* LdInput */
  GPtrArray       *messages;      /* LdSipMessage, kept ones, in reading order */
  GPtrArray       *dialog_messages; /* those of INVITE dialogs (not stripped), same order;
                                     * NULL when only those are kept */
  guint8          *noise;         /* per message: presence and keep-alive (browser only) */
  GPtrArray       *attempts;      /* LdAttempt */
  GPtrArray       *findings;      /* LdFinding */
  GPtrArray       *trace;         /* LdTraceEvent */
  FingerprintSet   seen;          /* of the messages of earlier inputs */
  guint            seen_upto;     /* messages noted in it */
  GHashTable      *call_ids;      /* call-ids of INVITE dialogs (CLI keeps only those) */
  guint64          total_sip;
  guint            trace_dropped;
  gboolean         finished;
  GStringChunk    *strings;       /* their fields (reading thread only) */
  LdTextStore     *texts;         /* deferred messages' text (with the browser) */
  char            *last_remote;   /* in strings: see intern_endpoint() */
  char            *last_local;
  /* Messages kept as text only while reading (see defer_record()),
   * parsed by ld_analysis_finish_messages() */
  GStringChunk   **deferred_strings; /* their fields, one chunk a piece */
  guint            n_deferred_strings;
  GThread         *completer;     /* parsing them, from ld_analysis_finish_attempts() */
  GMutex           messages_lock; /* held while it is waited for */
  int              messages_done; /* atomic */

  /* Attempts as their INVITEs are read, for a window showing progress:
   * appended by the reading thread, copied by any other under the lock. */
  GMutex           early_lock;
  GPtrArray       *early;         /* LdEarlyAttempt */
  GHashTable      *early_calls;   /* call-ids with an early attempt (reading thread only) */

  /* While reading one input */
  LdInput         *cur;
  guint            cur_index;
  guint            cur_messages;
};

G_DEFINE_FINAL_TYPE (LdAnalysis, ld_analysis, G_TYPE_OBJECT)

G_DEFINE_QUARK (ld-error-quark, ld_error)

static void note_early_attempt (LdAnalysis *self, const LdSipMessage *msg);

static void
ld_input_free (gpointer data)
{
  LdInput *input = data;

  g_free (input->path);
  g_free (input->member);
  g_free (input->client);
  g_free (input->user_agent);
  g_ptr_array_unref (input->problems);
  g_free (input);
}

static void
ld_trace_event_free (gpointer data)
{
  LdTraceEvent *ev = data;

  g_free (ev->level);
  g_free (ev->text);
  g_free (ev);
}

static void
ld_attempt_free (gpointer data)
{
  LdAttempt *a = data;

  /* Its strings are its messages' or in the analysis's string chunk. */
  g_ptr_array_unref (a->messages);
  g_ptr_array_unref (a->diagnostics);
  g_ptr_array_unref (a->findings);
  g_free (a);
}

static void
ld_analysis_finalize (GObject *object)
{
  LdAnalysis *self = LD_ANALYSIS (object);

  /* Dropped before its messages were waited for: the thread parsing them
   * reads the analysis. */
  if (self->completer != NULL)
    g_thread_join (g_steal_pointer (&self->completer));
  /* Attempts and findings borrow messages: free them first. */
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->attempts, g_ptr_array_unref);
  fingerprint_set_clear (&self->seen);
  g_clear_pointer (&self->call_ids, g_hash_table_unref);
  g_clear_pointer (&self->dialog_messages, g_ptr_array_unref);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_clear_pointer (&self->noise, g_free);
  g_clear_pointer (&self->trace, g_ptr_array_unref);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  for (guint i = 0; i < self->n_deferred_strings; i++)
    if (self->deferred_strings[i] != NULL)
      g_string_chunk_free (self->deferred_strings[i]);
  g_free (self->deferred_strings);
  g_clear_pointer (&self->texts, _ld_text_store_free);
  g_mutex_clear (&self->messages_lock);
  g_clear_pointer (&self->early, g_ptr_array_unref);
  g_clear_pointer (&self->early_calls, g_hash_table_unref);
  g_mutex_clear (&self->early_lock);

  G_OBJECT_CLASS (ld_analysis_parent_class)->finalize (object);
}

static void
ld_analysis_class_init (LdAnalysisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ld_analysis_finalize;
}

static void
ld_analysis_init (LdAnalysis *self)
{
  self->inputs = g_ptr_array_new_with_free_func (ld_input_free);
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_sip_message_free);
  self->attempts = g_ptr_array_new_with_free_func (ld_attempt_free);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_finding_free);
  self->trace = g_ptr_array_new_with_free_func (ld_trace_event_free);
  self->call_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->strings = g_string_chunk_new (64 * 1024);
  self->pipeline_min_bytes = PIPELINE_MIN_BYTES;
  g_mutex_init (&self->messages_lock);
  g_mutex_init (&self->early_lock);
  self->early = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_early_attempt_free);
  self->early_calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * ld_analysis_new:
 * @flags: what to keep
 *
 * Returns: (transfer full): a new, empty analysis
 */
LdAnalysis *
ld_analysis_new (LdAnalysisFlags flags)
{
  LdAnalysis *self = g_object_new (LD_TYPE_ANALYSIS, NULL);

  self->flags = flags;
  /* With every message kept, the dialogs are a small part of them; the
   * others' text goes into the text store (see defer_record()) and their
   * fields into the string chunk: large blocks. */
  if ((flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) != 0)
    {
      self->dialog_messages = g_ptr_array_new ();
      self->texts = _ld_text_store_new ();
      g_string_chunk_free (self->strings);
      self->strings = g_string_chunk_new (1024 * 1024);
    }
  return self;
}

void
ld_analysis_set_progress_func (LdAnalysis     *self,
                               LdProgressFunc  func,
                               gpointer        user_data)
{
  self->progress_func = func;
  self->progress_data = user_data;
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

/* ---- Text ------------------------------------------------------------ */

/* Log text is usually ASCII/UTF-8; a log saved by an editor in the
 * Windows ANSI code page is decoded as such, anything else is made valid. */
char *
ld_text_dup_utf8 (const char *text,
                  gsize       len)
{
  g_autofree char *copy = NULL;
  g_autofree char *conv = NULL;
  gboolean has_nul = memchr (text, '\0', len) != NULL;
  GString *out;

  if (!has_nul && g_utf8_validate_len (text, len, NULL))
    return g_strndup (text, len);

  /* NUL bytes would cut C strings short: mark them (U+0001 is never in a
   * log) and show them as U+FFFD once the text is valid. */
  copy = g_memdup2 (text, len);
  for (gsize i = 0; i < len; i++)
    if (copy[i] == '\0')
      copy[i] = '\x01';

  if (g_utf8_validate_len (copy, len, NULL))
    conv = g_strndup (copy, len);
  else
    conv = g_convert (copy, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (conv == NULL)
    conv = g_utf8_make_valid (copy, len);
  if (!has_nul)
    return g_steal_pointer (&conv);

  out = g_string_sized_new (strlen (conv) + 8);
  for (const char *p = conv; *p; p++)
    {
      if (*p == '\x01')
        g_string_append (out, "\xEF\xBF\xBD");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Zip member names and file names may hold anything, including "../",
 * newlines and NULs: shown, never used as a path. */
char *
ld_text_dup_display_name (const char *name,
                          gsize       len)
{
  g_autofree char *valid = ld_text_dup_utf8 (name, len);
  GString *s = g_string_new (NULL);

  for (const char *p = valid; *p; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_printf (s, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/* ---- Client identification -------------------------------------------- */

/* "UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)" -> "Lync 2013".
 * The OC/ major version identifies the client generation. */
char *
ld_client_from_user_agent (const char *ua)
{
  const char *oc;
  int major = -1, minor = 0;
  const char *product = NULL;

  if (ua == NULL)
    return NULL;
  oc = strstr (ua, "OC/");
  if (oc == NULL)
    oc = strstr (ua, "UCCAPI/");
  if (oc == NULL)
    oc = strstr (ua, "UCCP/");
  if (oc != NULL)
    {
      const char *v = strchr (oc, '/') + 1;
      char *endp = NULL;

      major = (int) g_ascii_strtoll (v, &endp, 10);
      if (endp != NULL && *endp == '.')
        minor = (int) g_ascii_strtoll (endp + 1, NULL, 10);
    }

  if (strstr (ua, "Skype for Business") != NULL)
    product = major >= 16 ? "Skype for Business 2016" : "Skype for Business 2015";
  else if (major == 2)
    product = "Office Communicator 2007";
  else if (major == 3)
    product = "Office Communicator 2007 R2";
  else if (major == 4)
    product = "Lync 2010";
  else if (major == 15)
    product = strstr (ua, "Lync") != NULL ? "Lync 2013" : "Lync 2013 / Skype for Business 2015";
  else if (major == 16)
    product = "Skype for Business 2016";
  else if (strstr (ua, "Lync") != NULL)
    product = "Lync";
  else if (strstr (ua, "Communicator") != NULL)
    product = "Office Communicator";

  (void) minor;
  if (product == NULL)
    return NULL;
  {
    const char *ver = oc ? strchr (oc, '/') + 1 : NULL;
    const char *e = ver;

    while (e && *e && (g_ascii_isdigit (*e) || *e == '.'))
      e++;
    if (ver != NULL && e > ver)
      return g_strdup_printf ("%s (%.*s)", product, (int) (e - ver), ver);
    return g_strdup (product);
  }
}

/* ---- Fingerprints ----------------------------------------------------- */

static void
fingerprint_set_clear (FingerprintSet *set)
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
message_is_invite_dialog (LdAnalysis         *self,
                          const LdSipMessage *msg)
{
  if (msg->call_id == NULL)
    return FALSE;
  if (msg->is_request && g_strcmp0 (msg->method, "INVITE") == 0)
    {
      if (!g_hash_table_contains (self->call_ids, msg->call_id))
        g_hash_table_add (self->call_ids, g_strdup (msg->call_id));
      return TRUE;
    }
  return g_hash_table_contains (self->call_ids, msg->call_id);
}

/* Plain ASCII without NUL, eight bytes at a time: most log text is, and
 * then needs neither validation nor conversion. */
gboolean
ld_text_is_plain_ascii (const char *text,
                        gsize       len)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, text + i, 8);
      if ((w & high) != 0 || ((w - ones) & ~w & high) != 0)
        return FALSE;
    }
  for (; i < len; i++)
    if ((guchar) text[i] >= 0x80 || text[i] == '\0')
      return FALSE;
  return TRUE;
}

/* The Call-ID of a record without parsing it: the first line that starts
 * with "Call-ID:" or the compact "i:" (RFC 3261 7.3.3), any case. The
 * value ends and is trimmed as the parser does it (a CR ends a line, white
 * space of any kind is trimmed): whether a record belongs to a call is
 * decided from this alone. */
static gboolean
peek_call_id (const char  *text,
              gsize        len,
              const char **out,
              gsize       *out_len)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl ? nl : end;
      const char *v = NULL;

      if (stop - p > 8 && (p[0] == 'C' || p[0] == 'c') && g_ascii_strncasecmp (p, "Call-ID:", 8) == 0)
        v = p + 8;
      else if (stop - p > 2 && (p[0] == 'i' || p[0] == 'I') && p[1] == ':')
        v = p + 2;
      else if (stop == p || (stop == p + 1 && *p == '\r'))
        return FALSE; /* end of headers */
      if (v != NULL)
        {
          const char *cr = memchr (v, '\r', stop - v);

          if (cr != NULL)
            stop = cr;
          while (v < stop && g_ascii_isspace (*v))
            v++;
          while (stop > v && g_ascii_isspace (stop[-1]))
            stop--;
          *out = v;
          *out_len = stop - v;
          return TRUE;
        }
      p = nl ? nl + 1 : end;
    }
  return FALSE;
}

/* Is this record, before parsing, known to lie outside the call dialogs?
 * Only once the client is identified (its first messages name it), when
 * the record is not an INVITE and its Call-ID is of no INVITE seen so far. */
static gboolean
outside_dialogs (LdAnalysis *self,
                 const char *text,
                 gsize       len)
{
  const char *cid;
  gsize cid_len;
  char key[256];

  if (self->cur->user_agent == NULL)
    return FALSE;
  if (len >= 7 && g_ascii_strncasecmp (text, "INVITE ", 7) == 0)
    return FALSE;
  if (!peek_call_id (text, len, &cid, &cid_len) || cid_len == 0 || cid_len >= sizeof key)
    return FALSE;
  memcpy (key, cid, cid_len);
  key[cid_len] = '\0';
  return !g_hash_table_contains (self->call_ids, key);
}

/* The same test on a parsed message, without noting its INVITE. */
static gboolean
belongs_to_dialog (LdAnalysis         *self,
                   const LdSipMessage *msg)
{
  return msg->call_id != NULL &&
         ((msg->is_request && g_strcmp0 (msg->method, "INVITE") == 0) ||
          g_hash_table_contains (self->call_ids, msg->call_id));
}

static gboolean
looks_like_sip_start (const char *text,
                      gsize       len)
{
  const char *nl = memchr (text, '\n', MIN (len, 4096));
  gsize n = nl ? (gsize) (nl - text) : MIN (len, 4096);

  while (n > 0 && (text[n - 1] == '\r' || text[n - 1] == ' '))
    n--;
  return (n > 8 && g_ascii_strncasecmp (text, "SIP/2.0 ", 8) == 0) ||
         (n > 8 && g_ascii_strncasecmp (text + n - 8, " SIP/2.0", 8) == 0);
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

/* Returns whether @owned_msg was kept (not seen in an earlier input). */
static gboolean
add_message (LdAnalysis         *self,
             const LdRecordInfo *info,
             LdSipMessage       *owned_msg,
             const char         *text,
             gsize               len)
{
  g_autoptr(LdSipMessage) msg = owned_msg;
  guint64 fp;
  gboolean keep, in_dialog;

  self->cur_messages++;
  self->total_sip++;
  msg->input = self->cur_index;
  msg->line = info->line;
  msg->time = info->time;
  msg->direction = info->direction;
  if (msg->stripped)
    {
      msg->remote = intern_endpoint (self, &self->last_remote, info->remote);
      msg->local = intern_endpoint (self, &self->last_local, info->local);
    }
  else
    {
      msg->remote = g_strdup (info->remote);
      msg->local = g_strdup (info->local);
    }

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

  keep = (self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) != 0;
  in_dialog = message_is_invite_dialog (self, msg);
  if (!keep && !in_dialog)
    return FALSE;
  /* Only the message browser shows the whole text; without it, headers and
   * body are all the analysis needs, and the copy would double the memory. */
  if ((self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) == 0)
    g_clear_pointer (&msg->raw, g_free);

  /* Only a message of an earlier input is a duplicate. Until one is noted
   * in the set there is none to compare with: the browser's messages are
   * fingerprinted then, from the text it keeps (see begin_input()), and a
   * single log, the usual case, needs none. */
  if (!keep || self->seen_upto > 0)
    {
      fp = fingerprint (msg->time, msg->direction, text, len);
      msg->fingerprint = (gint64) fp;
      if (fingerprint_set_contains (&self->seen, fp))
        return FALSE;
    }
  /* Kept only for the message browser (most of a log: presence and
   * registration), the raw text is all it needs. */
  if (!in_dialog && msg->raw != NULL)
    {
      if (!msg->stripped)
        ld_sip_message_strip (msg, self->strings);
    }
  else
    _ld_sip_message_compact (msg, self->strings);
  note_early_attempt (self, msg);
  if (self->dialog_messages != NULL && in_dialog)
    g_ptr_array_add (self->dialog_messages, msg);
  g_ptr_array_add (self->messages, g_steal_pointer (&msg));
  return TRUE;
}

/* With the message browser, most records are presence and registration
 * outside any call dialog: the analysis never looks at them, the browser
 * needs a few fields of each. Reading is what a window's loading waits
 * for, so their text is only kept here, and they are parsed once the
 * attempts are made (ld_analysis_finish_messages()), while the window
 * shows those. A record is kept so when it holds one message whose end is
 * known without parsing. */
static gboolean
defer_record (LdAnalysis         *self,
              const LdRecordInfo *info,
              const char         *text,
              gsize               len)
{
  LdSipMessage *msg;
  gsize used, rest;

  if (!looks_like_sip_start (text, len))
    return FALSE;
  used = _ld_sip_message_peek_length (text, len);
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
  msg->raw = _ld_text_store_add (self->texts, text, used);
  add_message (self, info, msg, text, used);
  return TRUE;
}

static void
on_record (const LdRecordInfo *info,
           const char         *text,
           gsize               len,
           gpointer            user_data)
{
  LdAnalysis *self = user_data;
  g_autofree char *utf8 = NULL;
  gboolean outside = outside_dialogs (self, text, len);

  /* Without the message browser, such a record is only counted. */
  if (outside && (self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) == 0)
    {
      if (looks_like_sip_start (text, len))
        {
          self->cur_messages++;
          self->total_sip++;
        }
      return;
    }

  if (!ld_text_is_plain_ascii (text, len) &&
      (!g_utf8_validate_len (text, len, NULL) || memchr (text, '\0', len) != NULL))
    {
      utf8 = ld_text_dup_utf8 (text, len);
      text = utf8;
      len = strlen (utf8);
    }

  if (outside && defer_record (self, info, text, len))
    return;

  /* One record usually holds one message; a TCP read can hold two, and
   * Content-Length tells where the first ends. */
  while (len > 0)
    {
      LdSipMessage *msg = NULL;
      gsize used;

      /* With it, such a message is kept stripped (see add_message()):
       * parse straight into that; when that parser declines, the full parse
       * below is stripped afterwards. Only the record's first message was
       * peeked at, and a Call-ID the peek misread is caught here. */
      if (outside)
        {
          msg = _ld_sip_message_parse_stripped (text, len, self->strings);
          if (msg != NULL && belongs_to_dialog (self, msg))
            g_clear_pointer (&msg, ld_sip_message_free);
          outside = FALSE;
        }
      if (msg == NULL)
        msg = _ld_sip_message_parse_valid (text, len, NULL);

      if (msg == NULL)
        return;
      used = MAX (msg->consumed, 1);
      add_message (self, info, msg, text, MIN (used, len));
      text += MIN (used, len);
      len -= MIN (used, len);
      while (len > 0 && g_ascii_isspace (*text))
        text++, len--;
      if (!looks_like_sip_start (text, len))
        return;
    }
}

static gboolean
trace_is_interesting (const char *level,
                      const char *text,
                      gsize       len)
{
  if (g_ascii_strcasecmp (level, "ERROR") == 0 || g_ascii_strcasecmp (level, "SERVER") == 0)
    return TRUE;
  /* The client's own error dialogs ("…ShowError - Cannot start Desktop/
   * Application Sharing due to network issues.") name the symptom the user
   * saw, for the wizard's first step. */
  return memmem (text, len, "lync.com", 8) != NULL ||
         memmem (text, len, "VQReportEvent", 13) != NULL ||
         memmem (text, len, "meet.", 5) != NULL ||
         memmem (text, len, "ShowError", 9) != NULL ||
         memmem (text, len, "Cannot start", 12) != NULL;
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

  if (!trace_is_interesting (level, text, len))
    return;
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
  ev->text = ld_text_dup_utf8 (text, MIN (len, 64 * 1024));
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

  for (; self->seen_upto < self->messages->len; self->seen_upto++)
    {
      LdSipMessage *msg = g_ptr_array_index (self->messages, self->seen_upto);

      /* Kept by the browser before any was noted: not fingerprinted yet
       * (see add_message()); its text is what it was read from. */
      if (late)
        msg->fingerprint = (gint64) fingerprint (msg->time, msg->direction, msg->raw, msg->consumed);
      fingerprint_set_add (&self->seen, msg->fingerprint);
    }

  input->path = g_strdup (path);
  input->member = g_strdup (member);
  input->problems = g_ptr_array_new_with_free_func (g_free);
  input->first_time = -1;
  input->last_time = -1;
  self->cur = input;
  self->cur_index = self->inputs->len;
  self->cur_messages = 0;
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

  ld_log_reader_finish (reader, NULL);
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
      return FALSE;
    }

  if (input->sip_messages == 0)
    g_ptr_array_add (input->problems,
                     g_strdup (_("This log holds no SIP message. Logging may have been switched off: "
                                 "in the client, turn on Options > General > Logging, sign out and in, "
                                 "then reproduce the problem.")));
  return TRUE;
}

/* Logs are text: no control bytes but tab, CR and LF, and little outside
 * ASCII. Random or compressed data has about 10 % control bytes and half
 * its bytes above 0x7f in sequences that are not UTF-8; the thresholds
 * sit far from both. */
static gboolean
looks_binary (const char *data,
              gsize       len)
{
  gsize n = MIN (len, 4096), ctrl = 0, nul = 0, high = 0;

  /* UTF-16 text has NULs in every other byte; it is handled by the reader. */
  if (n >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                 ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      guchar c = data[i];
      if (c == 0)
        nul++;
      else if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f)
        ctrl++;
      else if (c >= 0x80)
        high++;
    }
  if (nul > n / 3 && nul < (n * 2) / 3 + 2)
    return FALSE; /* BOM-less UTF-16 */
  if (nul + ctrl > n / 20)
    return TRUE;
  if (high > n / 4)
    {
      const char *end = NULL;

      /* Valid UTF-8 up to a character the 4 KB cut in half is text. */
      g_utf8_validate_len (data, n, &end);
      return end < data + n - MIN (n, 3);
    }
  return FALSE;
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

  if (reading->queue != NULL)
    ld_record_queue_push_record (reading->queue, info, text, len);
  else
    on_record (info, text, len, reading->self);
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

  if (reading->queue != NULL)
    ld_record_queue_push_trace (reading->queue, line, time, level, text, len);
  else
    on_trace (line, time, level, text, len, reading->self);
}

/* Gives up the input being read. The analysing thread finishes first: it
 * still uses the input. */
static void
abandon_input (LdAnalysis *self,
               Reading    *reading)
{
  g_clear_pointer (&reading->queue, ld_record_queue_finish);
  self->cur = NULL;
  g_ptr_array_remove_index (self->inputs, self->inputs->len - 1);
}

static gboolean
read_stream (LdAnalysis    *self,
             GInputStream  *in,
             const char    *path,
             const char    *member,
             guint64        declared_size,
             gsize        (*read_func) (gpointer, char *, gsize, GError **),
             gpointer       read_data,
             GCancellable  *cancellable,
             GError       **error)
{
  Reading reading = { self, NULL };
  g_autoptr(LdLogReader) reader = ld_log_reader_new (dispatch_record, dispatch_trace, &reading);
  g_autofree char *buf = g_malloc (READ_CHUNK);
  LdInput *input = begin_input (self, path, member);
  gboolean first = TRUE;

  for (;;)
    {
      gssize n;
      GError *local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          abandon_input (self, &reading);
          return FALSE;
        }
      if (read_func != NULL)
        n = (gssize) read_func (read_data, buf, READ_CHUNK, &local_error);
      else
        n = g_input_stream_read (in, buf, READ_CHUNK, cancellable, &local_error);
      if (local_error != NULL)
        {
          g_autofree char *what = describe_input (path, member);

          abandon_input (self, &reading);
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
          if (looks_binary (buf, n))
            {
              g_autofree char *what = describe_input (path, member);

              abandon_input (self, &reading);
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

          abandon_input (self, &reading);
          g_set_error (error, LD_ERROR, LD_ERROR_ZIP,
                       _("%s holds more data than the zip's directory declares: the zip is "
                         "damaged or was crafted. Ask for a fresh copy of the report."), what);
          return FALSE;
        }
      if (reading.queue == NULL && input->bytes >= self->pipeline_min_bytes)
        reading.queue = ld_record_queue_new (on_record, on_trace, self,
                                             (self->flags & LD_ANALYSIS_FLAGS_BACKGROUND) != 0);
      ld_log_reader_feed (reader, buf, n, NULL);
      report_progress (self, n);
    }

  /* The last record comes out of ld_log_reader_finish(), in this thread,
   * after everything queued. */
  g_clear_pointer (&reading.queue, ld_record_queue_finish);
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
  return read_stream (self, in, name, NULL, 0, NULL, NULL, NULL, error);
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
  return read_stream (self, in, path, member, declared_size, NULL, NULL, cancellable, error);
}

gboolean
_ld_analysis_read_func (LdAnalysis    *self,
                        gsize        (*read_func) (gpointer, char *, gsize, GError **),
                        gpointer       read_data,
                        const char    *path,
                        const char    *member,
                        guint64        declared_size,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return read_stream (self, NULL, path, member, declared_size, read_func, read_data,
                      cancellable, error);
}

void
_ld_analysis_add_progress_total (LdAnalysis *self,
                                 guint64     bytes)
{
  self->progress_total += bytes;
}

/* ---- Attempts --------------------------------------------------------- */

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
static void
note_early_attempt (LdAnalysis         *self,
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

static void
build_attempts (LdAnalysis *self)
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

static int
compare_messages (gconstpointer pa,
                  gconstpointer pb)
{
  const LdSipMessage *a = *(const LdSipMessage **) pa;
  const LdSipMessage *b = *(const LdSipMessage **) pb;

  if (a->time != b->time)
    return a->time < b->time ? -1 : 1;
  if (a->input != b->input)
    return a->input < b->input ? -1 : 1;
  return a->line < b->line ? -1 : a->line > b->line;
}

/* Parses a message defer_record() kept as text. The peek that kept it
 * checked its start line as the parsers do, so it parses, to the length
 * the peek found (the fuzzer asserts both). */
static void
parse_deferred_message (LdSipMessage *msg,
                        GStringChunk *strings)
{
  LdSipMessage *parsed = _ld_sip_message_parse_stripped_kept (msg->raw, msg->consumed, strings);

  if (parsed == NULL)
    {
      /* What only the full parser reads (a folded field). */
      parsed = _ld_sip_message_parse_valid (msg->raw, msg->consumed, NULL);
      if (G_UNLIKELY (parsed == NULL))
        {
          /* Cannot be (see above); were it so, the message is listed by
           * its text alone rather than lost. */
          msg->method = (char *) "";
          msg->deferred = FALSE;
          return;
        }
      ld_sip_message_strip (parsed, strings);
    }
  /* Where it came from stays; what it is comes from the parse. */
  msg->is_request = parsed->is_request;
  msg->status = parsed->status;
  msg->method = parsed->method;
  msg->request_uri = parsed->request_uri;
  msg->reason = parsed->reason;
  msg->call_id = parsed->call_id;
  msg->from = parsed->from;
  msg->to = parsed->to;
  msg->from_tag = parsed->from_tag;
  msg->to_tag = parsed->to_tag;
  msg->cseq = parsed->cseq;
  msg->diag_count = parsed->diag_count;
  msg->deferred = FALSE;
  ld_sip_message_free (parsed);
}

/* The messages are finished in pieces of this many, each piece's fields in
 * a string chunk of its own, on two threads. */
#define MESSAGES_PIECE 4096

static void
finish_messages_piece (guint    index,
                       gpointer data)
{
  LdAnalysis *self = data;
  guint first = index * MESSAGES_PIECE;
  guint end = MIN (first + MESSAGES_PIECE, self->messages->len);
  GStringChunk *strings = NULL;

  for (guint i = first; i < end; i++)
    {
      LdSipMessage *msg = g_ptr_array_index (self->messages, i);

      if (msg->deferred)
        {
          if (strings == NULL)
            strings = g_string_chunk_new (256 * 1024);
          parse_deferred_message (msg, strings);
        }
      /* Here, not in the window: the message browser hides these by
       * default, and testing hundreds of thousands of messages scattered in
       * memory would hold it up for a visible moment. */
      self->noise[i] = ld_sip_message_is_noise (msg);
    }
  self->deferred_strings[index] = strings;
}

/* With the message browser: the messages in one timeline, each parsed. */
static gpointer
complete_messages (gpointer data)
{
  LdAnalysis *self = data;
  guint n_pieces = (self->messages->len + MESSAGES_PIECE - 1) / MESSAGES_PIECE;

  /* Several inputs (rotated files, both parties' logs) form one timeline;
   * the sort is stable for messages with the same time stamp. */
  if (self->inputs->len > 1)
    g_ptr_array_sort (self->messages, compare_messages);
  self->noise = g_new (guint8, MAX (self->messages->len, 1));
  self->deferred_strings = g_new0 (GStringChunk *, MAX (n_pieces, 1));
  self->n_deferred_strings = n_pieces;
  _ld_parallel_for ("ld-messages", n_pieces, 1, finish_messages_piece, self);
  return NULL;
}

/* Started once the attempts and findings are made, which read none of
 * these messages, while the caller shows them: a window doing so leaves a
 * core idle most of the time. Started with the attempts instead, on two
 * cores, it slowed them down by about as much as it ran ahead of them.
 * Behind a window, as reading, below the window's priority (its helper
 * thread inherits that), so that it takes what the window leaves. */
static gpointer
completer_thread (gpointer data)
{
  LdAnalysis *self = data;

  if ((self->flags & LD_ANALYSIS_FLAGS_BACKGROUND) != 0)
    _ld_lower_thread_priority ();
  return complete_messages (self);
}

/**
 * ld_analysis_finish_attempts:
 * @self: an analysis
 *
 * Builds dialogs, attempts and findings from everything read so far.
 * Call once, after the last input. With
 * %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES the messages outside the call
 * dialogs are not parsed yet: ld_analysis_finish_messages() does that,
 * and may run on another thread while this one shows the attempts.
 */
void
ld_analysis_finish_attempts (LdAnalysis *self)
{
  g_return_if_fail (LD_IS_ANALYSIS (self));
  g_return_if_fail (!self->finished);

  self->finished = TRUE;
  if (self->texts != NULL)
    _ld_text_store_stop (self->texts);
  /* The attempts' messages in one timeline: see complete_messages(). */
  if (self->inputs->len > 1)
    g_ptr_array_sort (self->dialog_messages != NULL ? self->dialog_messages : self->messages, compare_messages);
  /* What only reading needed goes before the attempts and findings are
   * made: tens of thousands of Call-IDs in a large log. */
  fingerprint_set_clear (&self->seen);
  g_clear_pointer (&self->call_ids, g_hash_table_unref);
  g_clear_pointer (&self->early_calls, g_hash_table_unref);
  build_attempts (self);
  ld_findings_run (self, self->findings);
  if (self->trace_dropped > 0 && self->inputs->len > 0)
    {
      LdInput *input = g_ptr_array_index (self->inputs, 0);
      g_ptr_array_add (input->problems,
                       g_strdup_printf (_("More than %u notable trace lines; the last %u were not examined."),
                                        LD_MAX_TRACE_EVENTS, self->trace_dropped));
    }
  /* The browser's messages outside the dialogs, parsed while the attempts
   * are shown: see completer_thread(). (Unless a rule asked for them.) */
  if (self->dialog_messages != NULL && !g_atomic_int_get (&self->messages_done))
    self->completer = g_thread_try_new ("ld-messages", completer_thread, self, NULL);
  /* Without the browser the messages kept are the dialogs': done. */
  if (self->dialog_messages == NULL)
    g_atomic_int_set (&self->messages_done, TRUE);
}

/**
 * ld_analysis_finish_messages:
 * @self: an analysis, after ld_analysis_finish_attempts()
 *
 * Parses the messages kept as text while reading and puts every message
 * of every input in one timeline (with
 * %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES; without it, there is nothing left
 * to do). Any thread may call it, more than once: it returns when that is
 * done. ld_analysis_get_messages() and ld_analysis_get_noise_flags() call
 * it; until it has returned, nothing else of @self reads the messages, so
 * the attempts and findings can be shown meanwhile.
 */
void
ld_analysis_finish_messages (LdAnalysis *self)
{
  g_return_if_fail (LD_IS_ANALYSIS (self));
  g_return_if_fail (self->finished);

  if (g_atomic_int_get (&self->messages_done))
    return;
  g_mutex_lock (&self->messages_lock);
  if (!g_atomic_int_get (&self->messages_done))
    {
      /* Without a thread (out of resources), here. */
      if (self->completer != NULL)
        g_thread_join (g_steal_pointer (&self->completer));
      else
        complete_messages (self);
      g_atomic_int_set (&self->messages_done, TRUE);
    }
  g_mutex_unlock (&self->messages_lock);
}

/**
 * ld_analysis_has_messages:
 * @self: an analysis
 *
 * Returns: whether ld_analysis_finish_messages() is done, so that
 *   ld_analysis_get_messages() returns at once
 */
gboolean
ld_analysis_has_messages (LdAnalysis *self)
{
  g_return_val_if_fail (LD_IS_ANALYSIS (self), FALSE);

  return g_atomic_int_get (&self->messages_done);
}

/**
 * ld_analysis_finish:
 * @self: an analysis
 *
 * ld_analysis_finish_attempts(), then ld_analysis_finish_messages().
 * Call once, after the last input.
 */
void
ld_analysis_finish (LdAnalysis *self)
{
  g_return_if_fail (LD_IS_ANALYSIS (self));
  g_return_if_fail (!self->finished);

  ld_analysis_finish_attempts (self);
  ld_analysis_finish_messages (self);
}

/**
 * ld_early_attempt_free:
 * @early: (nullable): an early attempt
 */
void
ld_early_attempt_free (LdEarlyAttempt *early)
{
  if (early == NULL)
    return;
  g_free (early->target);
  g_free (early);
}

/**
 * ld_analysis_dup_early_attempts:
 * @self: an analysis, possibly being read by another thread
 *
 * The attempts whose opening INVITE has been read so far, in reading
 * order, without outcome: they let a window show progress while a large
 * log loads. Safe to call from any thread while ld_analysis_add_file()
 * runs in another. The attempts of ld_analysis_finish() remain the
 * source of truth; after it, the early ones number the same.
 *
 * Returns: (transfer full) (element-type LdEarlyAttempt): a copy, free
 *   with g_ptr_array_unref()
 */
GPtrArray *
ld_analysis_dup_early_attempts (LdAnalysis *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (LD_IS_ANALYSIS (self), NULL);

  g_mutex_lock (&self->early_lock);
  copy = g_ptr_array_new_full (self->early->len, (GDestroyNotify) ld_early_attempt_free);
  for (guint i = 0; i < self->early->len; i++)
    {
      const LdEarlyAttempt *e = g_ptr_array_index (self->early, i);
      LdEarlyAttempt *c = g_memdup2 (e, sizeof *e);

      c->target = g_strdup (e->target);
      g_ptr_array_add (copy, c);
    }
  g_mutex_unlock (&self->early_lock);
  return copy;
}

/**
 * ld_analysis_get_n_early_attempts:
 * @self: an analysis, possibly being read by another thread
 *
 * Returns: how many early attempts ld_analysis_dup_early_attempts() would
 *   return now; cheap, for deciding whether a copy is worth making
 */
guint
ld_analysis_get_n_early_attempts (LdAnalysis *self)
{
  guint n;

  g_return_val_if_fail (LD_IS_ANALYSIS (self), 0);

  g_mutex_lock (&self->early_lock);
  n = self->early->len;
  g_mutex_unlock (&self->early_lock);
  return n;
}

GPtrArray *ld_analysis_get_inputs (LdAnalysis *self) { return self->inputs; }
GPtrArray *ld_analysis_get_attempts (LdAnalysis *self) { return self->attempts; }
GPtrArray *ld_analysis_get_findings (LdAnalysis *self) { return self->findings; }
GPtrArray *ld_analysis_get_trace_events (LdAnalysis *self) { return self->trace; }

/**
 * ld_analysis_get_messages:
 *
 * Once the analysis is finished, waits for ld_analysis_finish_messages().
 *
 * Returns: (transfer none) (element-type LdSipMessage): the messages kept:
 *   every one with %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES, else those of the
 *   call dialogs; in time order once finished
 */
GPtrArray *
ld_analysis_get_messages (LdAnalysis *self)
{
  if (self->finished)
    ld_analysis_finish_messages (self);
  return self->messages;
}

/* The messages of the call dialogs, all the rules read: ready once the
 * attempts are, unlike the browser's. */
GPtrArray *
_ld_analysis_get_dialog_messages (LdAnalysis *self)
{
  return self->dialog_messages != NULL ? self->dialog_messages : self->messages;
}

/**
 * ld_analysis_get_noise_flags:
 *
 * Waits for ld_analysis_finish_messages(), as ld_analysis_get_messages().
 *
 * Returns: (nullable): one byte per message of ld_analysis_get_messages(),
 *   nonzero where ld_sip_message_is_noise() is; %NULL before
 *   ld_analysis_finish() or without %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES
 */
const guint8 *
ld_analysis_get_noise_flags (LdAnalysis *self)
{
  if (self->finished)
    ld_analysis_finish_messages (self);
  return self->noise;
}
guint64 ld_analysis_get_total_sip_messages (LdAnalysis *self) { return self->total_sip; }

/**
 * ld_analysis_is_empty:
 * @self: an analysis
 *
 * Returns: %TRUE when no input with SIP messages was read: nothing to analyse
 */
gboolean
ld_analysis_is_empty (LdAnalysis *self)
{
  return self->total_sip == 0;
}

LdAttempt *
ld_analysis_get_attempt_by_id (LdAnalysis *self,
                               guint       id)
{
  if (id == 0 || id > self->attempts->len)
    return NULL;
  return g_ptr_array_index (self->attempts, id - 1);
}

/* The diagnostic that best explains an attempt: a failure code first
 * (client codes describe the media path, server codes the signalling),
 * then any. */
const LdDiagnostic *
ld_attempt_get_primary_diagnostic (const LdAttempt *attempt)
{
  const LdDiagnostic *first = NULL;

  for (guint i = 0; i < attempt->diagnostics->len; i++)
    {
      const LdDiagnostic *d = g_ptr_array_index (attempt->diagnostics, i);

      if (ld_diagnostic_is_failure (d))
        return d;
      if (first == NULL)
        first = d;
    }
  return first;
}

const char *
ld_attempt_kind_to_string (LdAttemptKind kind)
{
  return kind == LD_ATTEMPT_CONFERENCE ? "conference" : "peer-to-peer";
}

const char *
ld_modality_to_string (LdModality modality)
{
  static const char *names[] = {
    "focus", "chat", "audio-video", "application-sharing", "audio", "video", "data", "other",
  };

  return (guint) modality < G_N_ELEMENTS (names) ? names[modality] : "other";
}

const char *
ld_outcome_to_string (LdOutcome outcome)
{
  static const char *names[] = { "succeeded", "failed", "cancelled", "no-response" };

  return (guint) outcome < G_N_ELEMENTS (names) ? names[outcome] : "failed";
}

const char *
ld_severity_to_string (LdSeverity severity)
{
  static const char *names[] = { "error", "warning", "info" };

  return (guint) severity < G_N_ELEMENTS (names) ? names[severity] : "info";
}

const char *
ld_confidence_to_string (LdConfidence confidence)
{
  static const char *names[] = { "high", "medium", "low" };

  return (guint) confidence < G_N_ELEMENTS (names) ? names[confidence] : "low";
}

/* The *_to_string names above are the JSON/CSV vocabulary and stay English;
 * these are the same words for people, in their language. The English
 * msgids equal the machine names so the English text output does not
 * change; the contexts keep them apart from the same words elsewhere. */

/**
 * ld_attempt_kind_get_label:
 * @kind: an attempt kind
 *
 * Returns: (transfer none): the kind in the user's language
 */
const char *
ld_attempt_kind_get_label (LdAttemptKind kind)
{
  return kind == LD_ATTEMPT_CONFERENCE ? C_("attempt kind", "conference")
                                       : C_("attempt kind", "peer-to-peer");
}

/**
 * ld_modality_get_label:
 * @modality: a modality
 *
 * Returns: (transfer none): the modality in the user's language
 */
const char *
ld_modality_get_label (LdModality modality)
{
  switch (modality)
    {
    case LD_MODALITY_FOCUS: return C_("modality", "focus");
    case LD_MODALITY_CHAT: return C_("modality", "chat");
    case LD_MODALITY_AUDIO_VIDEO: return C_("modality", "audio-video");
    case LD_MODALITY_APPLICATION_SHARING: return C_("modality", "application-sharing");
    case LD_MODALITY_AUDIO: return C_("modality", "audio");
    case LD_MODALITY_VIDEO: return C_("modality", "video");
    case LD_MODALITY_DATA: return C_("modality", "data");
    case LD_MODALITY_OTHER:
    default: return C_("modality", "other");
    }
}

/**
 * ld_outcome_get_label:
 * @outcome: an outcome
 *
 * Returns: (transfer none): the outcome in the user's language
 */
const char *
ld_outcome_get_label (LdOutcome outcome)
{
  switch (outcome)
    {
    case LD_OUTCOME_SUCCEEDED: return C_("outcome", "succeeded");
    case LD_OUTCOME_FAILED: return C_("outcome", "failed");
    case LD_OUTCOME_CANCELLED: return C_("outcome", "cancelled");
    case LD_OUTCOME_NO_RESPONSE:
    default: return C_("outcome", "no-response");
    }
}

/**
 * ld_severity_get_label:
 * @severity: a severity
 *
 * Returns: (transfer none): the severity in the user's language
 */
const char *
ld_severity_get_label (LdSeverity severity)
{
  switch (severity)
    {
    case LD_SEVERITY_ERROR: return C_("severity", "error");
    case LD_SEVERITY_WARNING: return C_("severity", "warning");
    case LD_SEVERITY_INFO:
    default: return C_("severity", "info");
    }
}

/**
 * ld_confidence_get_label:
 * @confidence: a confidence
 *
 * Returns: (transfer none): the confidence in the user's language
 */
const char *
ld_confidence_get_label (LdConfidence confidence)
{
  switch (confidence)
    {
    case LD_CONFIDENCE_HIGH: return C_("confidence", "high");
    case LD_CONFIDENCE_MEDIUM: return C_("confidence", "medium");
    case LD_CONFIDENCE_LOW:
    default: return C_("confidence", "low");
    }
}
