/* ld-message-text.c - the message browser's texts left in the log file: where each is, reading it again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The message browser shows every message of a log as it was written, and
 * most of a log is messages (presence, registration) nothing else reads.
 * Copying their text into memory while reading was most of what the app's
 * loading cost: hundreds of megabytes of fresh memory, whose first touch
 * is expensive. A message read from a plain local file whose text is its
 * lines as they stand in the file (the reader says so, see
 * ld_log_reader_track_offsets()) keeps only where that text is; it is read
 * again, with pread(), when something needs it: the parse that finishes
 * the messages, the search, the raw view, Copy Message.
 *
 * Such a message's raw field points to an LdFileText in the analysis's
 * text store instead of its text. Its first byte is a NUL, so whatever
 * reads msg->raw directly reads an empty string, never bytes of an offset;
 * every reader of a browser message's text goes through
 * ld_message_texts_get() or ld_analysis_dup_message_text(). Messages with
 * diagnostic headers keep their text (the list's verdict reads them from
 * it, for every row drawn: ld_sip_message_get_diagnostics_verdict()).
 *
 * The analysis keeps each such input open while it lives: a log renamed by
 * rotation is still read. A file overwritten or cut short in place after
 * it was read is found out (a short read, or the first bytes of the text
 * not those read the first time, or text that is not UTF-8 any more) and
 * said, rather than shown wrong.
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#if (defined(__x86_64__) || defined(__i386__)) && !defined(__AVX2__)
/* 32 bytes at once where the processor can (chosen when the program runs,
 * as ld-log-reader-text.c does). */
#include <immintrin.h>
#define LD_COPY_AVX2 1
#endif
#endif
#ifdef G_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

#include "ld-analysis.h"
#include "ld-analysis-private.h"
#include "ld-error.h"

/* Texts are read again in pieces of at least this size: messages that lie
 * together in the file (the list's order, mostly) take one read. */
#define WINDOW (1024 * 1024)

/* How many of a text's first bytes its check covers. */
#define CHECK_BYTES 64

/* At most this many inputs are kept open for their texts: a folder of
 * thousands of logs must not use up the process's file descriptors (1,024
 * by default) for the files still to be opened. The rest are copied. */
#define MAX_OPEN_INPUTS 128

/* Where a message's text is, in place of the text (see the top). */
typedef struct
{
  char     nul[4];        /* "": what msg->raw reads as */
  guint32  check;         /* text_check() of its first bytes */
  guint64  offset;        /* in its input's file */
  guint32  file_length;   /* bytes there: its record's text, with the CRs */
  guint32  reserved;
} LdFileText;

/* A hash of a text's first CHECK_BYTES bytes, eight at a time: made for
 * every message as it is read, and again when its text is. */
static guint32
text_check (const char *text,
            gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0xCBF29CE484222325) ^ MIN (len, CHECK_BYTES);
  gsize n = MIN (len, CHECK_BYTES), i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;

      memcpy (&w, text + i, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
      h ^= h >> 29;
    }
  for (; i < n; i++)
    h = (h ^ (guchar) text[i]) * G_GUINT64_CONSTANT (0x100000001B3);
  return (guint32) (h ^ (h >> 32));
}

static inline const LdFileText *
file_text (const LdSipMessage *msg)
{
  /* Message text is never empty: a NUL first is a place, not text. */
  return msg->raw != NULL && msg->raw[0] == '\0' && msg->consumed > 0
           ? (const LdFileText *) (gconstpointer) msg->raw
           : NULL;
}

gboolean
_ld_message_text_is_in_file (const LdSipMessage *msg)
{
  return file_text (msg) != NULL;
}

/* ---- The inputs' files ---------------------------------------------------- */

/**
 * _ld_message_texts_offer_fd:
 * @self: an analysis
 * @fd: a plain file open for reading, at its start, that the next input
 *   read comes from, byte for byte; or -1
 *
 * With the message browser, the next input's messages may keep their text
 * in that file: it is duplicated, and kept open while @self lives.
 */
void
_ld_message_texts_offer_fd (LdAnalysis *self,
                            int         fd)
{
  self->offered_fd = fd;
}

/* At the start of reading input @index: whether its records' texts can be
 * left in its file (the reader then tracks where they are). */
gboolean
_ld_message_texts_begin_input (LdAnalysis *self,
                               guint       index)
{
  int fd = -1;

  if (self->text_fds == NULL)
    self->text_fds = g_array_new (FALSE, FALSE, sizeof (int));
  /* Inputs given up were removed from the end. */
  _ld_message_texts_trim (self);
#ifdef G_OS_UNIX
  if (self->offered_fd >= 0 && (self->flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) != 0 &&
      self->redactor == NULL && self->file_texts_enabled && self->n_text_fds < MAX_OPEN_INPUTS)
    {
      /* Not inherited by a program the app starts (help, a file manager). */
      fd = fcntl (self->offered_fd, F_DUPFD_CLOEXEC, 0);
      if (fd >= 0)
        self->n_text_fds++;
    }
#endif
  self->offered_fd = -1;
  while (self->text_fds->len < index)
    {
      int none = -1;

      g_array_append_val (self->text_fds, none);
    }
  g_array_append_val (self->text_fds, fd);
  return fd >= 0;
}

/* Closes the files of inputs no longer in the analysis (given up, or
 * dropped for holding nothing: always the last ones). */
void
_ld_message_texts_trim (LdAnalysis *self)
{
  while (self->text_fds != NULL && self->text_fds->len > self->inputs->len)
    {
      int fd = g_array_index (self->text_fds, int, self->text_fds->len - 1);

#ifdef G_OS_UNIX
      if (fd >= 0)
        {
          close (fd);
          self->n_text_fds--;
        }
#endif
      g_array_set_size (self->text_fds, self->text_fds->len - 1);
    }
}

void
_ld_message_texts_clear (LdAnalysis *self)
{
  if (self->text_fds == NULL)
    return;
#ifdef G_OS_UNIX
  for (guint i = 0; i < self->text_fds->len; i++)
    if (g_array_index (self->text_fds, int, i) >= 0)
      close (g_array_index (self->text_fds, int, i));
#endif
  g_clear_pointer (&self->text_fds, g_array_unref);
  self->n_text_fds = 0;
}

/* For tests: whether texts may be left in their files at all (the default),
 * to compare with copies. */
void
_ld_analysis_set_file_texts (LdAnalysis *self,
                             gboolean    enabled)
{
  self->file_texts_enabled = enabled;
}

/**
 * _ld_message_text_place:
 * @self: an analysis reading an input _ld_message_texts_begin_input() gave a file
 * @text: a message's text as read, valid UTF-8
 * @len: its length
 * @file_offset: where its record's text starts in the file
 * @file_length: how long it is there (the reader's LdRecordInfo)
 *
 * Returns: what the message's raw field holds instead of @text (see the top)
 */
char *
_ld_message_text_place (LdAnalysis *self,
                        const char *text,
                        gsize       len,
                        guint64     file_offset,
                        guint32     file_length)
{
  LdFileText *place = _ld_text_store_alloc0 (self->texts, sizeof *place);

  place->check = text_check (text, len);
  place->offset = file_offset;
  place->file_length = file_length;
  return (char *) place;
}

/* ---- Reading texts again ---------------------------------------------------- */

struct _LdMessageTexts
{
  LdAnalysis *analysis;
  guint       input;       /* of the window; G_MAXUINT: none */
  guint64     offset;      /* where the window starts in that file */
  gsize       window_min;  /* bytes read at least */
  char       *window;      /* window_size bytes and one more */
  gsize       window_len;
  gsize       window_size;
  /* Per input, where the texts planned end (_ld_message_texts_plan()),
   * or 0. */
  guint64    *ends;
  guint       n_ends;
  /* The last text, its CRs taken out and a NUL after it: out_size bytes,
   * at least 32 more than the text (see copy_without_crs()). */
  char       *out;
  gsize       out_size;
};

/**
 * ld_message_texts_new:
 * @analysis: an analysis
 *
 * A reader of @analysis's message texts, for one thread: the texts of
 * messages near each other in the file are read in one piece, so asking
 * for many in the list's order costs a read per megabyte, not per message.
 *
 * Returns: (transfer full): the reader; ld_message_texts_free() it
 */
LdMessageTexts *
ld_message_texts_new (LdAnalysis *analysis)
{
  LdMessageTexts *self = g_new0 (LdMessageTexts, 1);

  self->analysis = analysis;
  self->input = G_MAXUINT;
  self->window_min = WINDOW;
  return self;
}

void
ld_message_texts_free (LdMessageTexts *self)
{
  if (self == NULL)
    return;
  g_free (self->window);
  g_free (self->out);
  g_free (self->ends);
  g_free (self);
}

static void
set_changed_error (LdAnalysis         *analysis,
                   const LdSipMessage *msg,
                   GError            **error)
{
  const LdInput *input = msg->input < analysis->inputs->len ? g_ptr_array_index (analysis->inputs, msg->input) : NULL;

  g_set_error (error, LD_ERROR, LD_ERROR_READ,
               _("%s changed on disk after it was read, so the text of this message cannot be shown as "
                 "it was logged. Open the log again."),
               input != NULL ? input->path : "?");
}

#ifdef G_OS_UNIX
/* Reads up to @len bytes at @offset; returns how many (fewer at the end of
 * the file), or -1. */
static gssize
read_at (int     fd,
         char   *buf,
         gsize   len,
         guint64 offset)
{
  gsize got = 0;

  while (got < len)
    {
      ssize_t n = pread (fd, buf + got, len - got, (off_t) (offset + got));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      got += (gsize) n;
    }
  return (gssize) got;
}
#endif

/* Makes the window hold @place's bytes of input @input. */
static gboolean
fill_window (LdMessageTexts   *self,
             guint             input,
             const LdFileText *place)
{
#ifdef G_OS_UNIX
  int fd = input < self->analysis->text_fds->len ? g_array_index (self->analysis->text_fds, int, input) : -1;
  gsize want = MAX ((gsize) place->file_length, self->window_min);
  gssize got;

  /* Not past the last text planned, which only the next piece reads. */
  if (input < self->n_ends && self->ends[input] > place->offset)
    want = MIN (want, MAX ((gsize) place->file_length, self->ends[input] - place->offset));

  if (self->input == input && place->offset >= self->offset &&
      place->offset + place->file_length <= self->offset + self->window_len)
    return TRUE;
  if (fd < 0)
    return FALSE;
  if (want > self->window_size)
    {
      g_free (self->window);
      self->window = g_malloc (want + 1);
      self->window_size = want;
    }
  self->input = G_MAXUINT;
  got = read_at (fd, self->window, want, place->offset);
  if (got < (gssize) place->file_length)
    return FALSE;
  self->input = input;
  self->offset = place->offset;
  self->window_len = (gsize) got;
  return TRUE;
#else
  return FALSE;
#endif
}

/* The bytes left of copy_without_crs(), one at a time. */
static gsize
copy_tail (char       *out,
           char       *w,
           const char *r,
           const char *end,
           gsize       want,
           guint       odd,
           gboolean   *plain)
{
  char *w_end = out + want;

  while (r < end && w < w_end)
    {
      char c = *r++;

      if (c == '\r')
        continue;
      odd |= (guchar) c >= 0x80 || c == '\0';
      *w++ = c;
    }
  *plain = odd == 0;
  return MIN ((gsize) (w - out), want);
}

/* Copies sixteen bytes at a time from *@r to *@w as copy_without_crs()
 * does, while there are sixteen before @end and *@w is short of @w_end. */
static inline void
copy_steps_16 (char       **w,
               const char **r,
               const char  *end,
               const char  *w_end,
               guint       *odd)
{
#ifdef __SSE2__
  const __m128i crs = _mm_set1_epi8 ('\r');
  const __m128i zero = _mm_setzero_si128 ();

  while (end - *r >= 16 && *w < w_end)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (gconstpointer) *r);
      guint cr = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, crs));

      _mm_storeu_si128 ((__m128i *) (gpointer) *w, v);
      /* A byte's top bit: not ASCII; a NUL compares equal to zero. Bytes
       * past @w_end may count: then the text is only checked further. */
      *odd |= (guint) _mm_movemask_epi8 (_mm_or_si128 (v, _mm_cmpeq_epi8 (v, zero)));
      if (cr == 0)
        {
          *w += 16;
          *r += 16;
        }
      else
        {
          /* Up to the CR; what follows it is written again. */
          guint n = (guint) __builtin_ctz (cr);

          *w += n;
          *r += n + 1;
        }
    }
#endif
}

/* copy_without_crs() sixteen bytes at a time where the processor can. */
static gsize
copy_without_crs_16 (char       *out,
                     const char *r,
                     const char *end,
                     gsize       want,
                     gboolean   *plain)
{
  char *w = out;
  guint odd = 0;

  copy_steps_16 (&w, &r, end, out + want, &odd);
  return copy_tail (out, w, r, end, want, odd, plain);
}

#ifdef LD_COPY_AVX2
__attribute__ ((target ("avx2"))) static gsize
copy_without_crs_avx2 (char       *out,
                       const char *r,
                       const char *end,
                       gsize       want,
                       gboolean   *plain)
{
  const __m256i crs = _mm256_set1_epi8 ('\r');
  const __m256i zero = _mm256_setzero_si256 ();
  char *w = out;
  char *w_end = out + want;
  guint odd = 0;

  while (end - r >= 32 && w < w_end)
    {
      __m256i v = _mm256_loadu_si256 ((const __m256i *) (gconstpointer) r);
      guint cr = (guint) _mm256_movemask_epi8 (_mm256_cmpeq_epi8 (v, crs));

      _mm256_storeu_si256 ((__m256i *) (gpointer) w, v);
      /* As in copy_steps_16(). */
      odd |= (guint) _mm256_movemask_epi8 (_mm256_or_si256 (v, _mm256_cmpeq_epi8 (v, zero)));
      if (cr == 0)
        {
          w += 32;
          r += 32;
        }
      else
        {
          guint n = (guint) __builtin_ctz (cr);

          w += n;
          r += n + 1;
        }
    }
  /* The last bytes sixteen at a time, as far as they go. */
  copy_steps_16 (&w, &r, end, w_end, &odd);
  return copy_tail (out, w, r, end, want, odd, plain);
}
#endif

/* Copies the bytes from @r to @end to @out without their CRs, until
 * @want bytes are written or @end is reached, and returns how many were
 * written (at most @want). @out has room for @want bytes and 32 more: a
 * piece of 16 or 32 is written whole, also past @want. @plain says whether
 * each byte written was ASCII other than NUL (else the text must be
 * checked as UTF-8). One pass over the bytes, 16 or 32 at a time where the
 * processor can: a look for CRs, a move of each line and then a look for
 * anything not plain ASCII had been a third of the parse after reading. */
static gsize
copy_without_crs (char       *out,
                  const char *r,
                  const char *end,
                  gsize       want,
                  gboolean   *plain)
{
#ifdef LD_COPY_AVX2
  if (__builtin_cpu_supports ("avx2"))
    return copy_without_crs_avx2 (out, r, end, want, plain);
#endif
  return copy_without_crs_16 (out, r, end, want, plain);
}

/* For tests: copy_without_crs() of @len bytes at @from, into @out (of
 * @want + 32 bytes), as the processor runs it (@wide) or sixteen bytes
 * at a time, which a processor without AVX2 runs. */
gsize
_ld_message_text_copy_without_crs (char       *out,
                                   const char *from,
                                   gsize       len,
                                   gsize       want,
                                   gboolean    wide,
                                   gboolean   *plain)
{
  return wide ? copy_without_crs (out, from, from + len, want, plain)
              : copy_without_crs_16 (out, from, from + len, want, plain);
}

/**
 * _ld_message_texts_plan:
 * @self: a reader of message texts
 * @msgs: the messages whose texts it is asked for next, in any order
 * @n: how many
 *
 * Its reads stop at the end of the last of these texts in each file. The
 * parse after reading asks for a piece of messages at a time, each piece
 * with a reader of its own: a window read past the piece's last text was
 * read again by the next, a tenth more copying than the texts themselves.
 */
void
_ld_message_texts_plan (LdMessageTexts      *self,
                        LdSipMessage *const *msgs,
                        guint                n)
{
  g_clear_pointer (&self->ends, g_free);
  self->n_ends = self->analysis->inputs->len;
  self->ends = g_new0 (guint64, MAX (self->n_ends, 1));
  for (guint i = 0; i < n; i++)
    {
      const LdFileText *place = file_text (msgs[i]);

      if (place != NULL && msgs[i]->input < self->n_ends)
        self->ends[msgs[i]->input] = MAX (self->ends[msgs[i]->input], place->offset + place->file_length);
    }
}

/**
 * ld_message_texts_get:
 * @self: a reader of message texts
 * @msg: a message of its analysis
 * @len: (out) (optional): the text's length
 * @error: return location for a #GError: the log changed on disk
 *
 * The whole text of @msg as it was logged (valid UTF-8, NUL-terminated),
 * wherever it is kept. A text left in its file comes without any CR
 * (_ld_message_text_is_in_file()).
 *
 * Returns: (transfer none) (nullable): the text, valid until the next call
 *   with @self; %NULL without an error when its text was not kept
 */
const char *
ld_message_texts_get (LdMessageTexts      *self,
                      const LdSipMessage  *msg,
                      gsize               *len,
                      GError             **error)
{
  const LdFileText *place = file_text (msg);
  const char *from;
  char *text;
  gboolean plain;
  gsize want;

  if (place == NULL)
    {
      if (len != NULL)
        *len = msg->raw != NULL ? strlen (msg->raw) : 0;
      return msg->raw;
    }
  if (!fill_window (self, msg->input, place))
    {
      set_changed_error (self->analysis, msg, error);
      return NULL;
    }
  /* Its lines without the CRs of their CRLFs: the text it was read as. */
  want = msg->consumed;
  if (self->out_size < want + 32 + 1)
    {
      g_free (self->out);
      /* A reader of many texts keeps its buffer for the next; one of a
       * single text (ld_analysis_dup_message_text()) needs only its own. */
      self->out_size = MAX (want + 32 + 1, self->window_min > 0 ? 64 * 1024 : 0);
      self->out = g_malloc (self->out_size);
    }
  text = self->out;
  from = self->window + (place->offset - self->offset);
  if (copy_without_crs (text, from, from + place->file_length, want, &plain) != want)
    {
      set_changed_error (self->analysis, msg, error);
      return NULL;
    }
  text[want] = '\0';
  if (text_check (text, want) != place->check ||
      (!plain && (memchr (text, '\0', want) != NULL || !g_utf8_validate_len (text, want, NULL))))
    {
      set_changed_error (self->analysis, msg, error);
      return NULL;
    }
  if (len != NULL)
    *len = want;
  return text;
}

/**
 * ld_analysis_dup_message_text:
 * @self: an analysis
 * @msg: one of its messages
 * @len: (out) (optional): the text's length
 * @error: return location for a #GError: the log changed on disk
 *
 * As ld_message_texts_get(), for one message.
 *
 * Returns: (transfer full) (nullable): a copy of the text
 */
char *
ld_analysis_dup_message_text (LdAnalysis          *self,
                              const LdSipMessage  *msg,
                              gsize               *len,
                              GError             **error)
{
  LdMessageTexts *texts;
  const char *text;
  gsize n = 0;
  char *copy;

  g_return_val_if_fail (LD_IS_ANALYSIS (self), NULL);
  g_return_val_if_fail (msg != NULL, NULL);

  if (file_text (msg) == NULL)
    {
      if (len != NULL)
        *len = msg->raw != NULL ? strlen (msg->raw) : 0;
      return g_strdup (msg->raw);
    }
  texts = ld_message_texts_new (self);
  /* One message: read only its own bytes. */
  texts->window_min = 0;
  text = ld_message_texts_get (texts, msg, &n, error);
  copy = text != NULL ? g_strndup (text, n) : NULL;
  ld_message_texts_free (texts);
  if (len != NULL)
    *len = copy != NULL ? n : 0;
  return copy;
}

/**
 * ld_sip_message_has_text:
 * @msg: a message
 *
 * Returns: whether its whole text was kept (in memory or in its file)
 */
gboolean
ld_sip_message_has_text (const LdSipMessage *msg)
{
  return msg->raw != NULL;
}
