/* ld-log-reader-text.c - a log's bytes into lines: encodings, line ends, damaged text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines end with LF, CRLF, CR alone or CR CR LF (a CRLF written through a
 * text-mode stream), mixed in one file. Bytes below 0x20 other than tab
 * and the line ends are not text: a line with NULs is read without them
 * (a stretch of UTF-16 in an 8-bit file, a NUL here and there), and where
 * a run of NULs stands before a log line's prefix the line is split there
 * (a block of zeros left by a crash); a line with many control bytes is
 * binary and skipped, ending the record it interrupts. Each is told as a
 * problem of the input with its lines, and the rest is read. Every byte
 * of a log passes the scan below, which looks at 16 or 32 at a time.
 */
#define G_LOG_DOMAIN "ld-log-reader"

#include "config.h"

#include <errno.h>
#include <string.h>

#if defined(__GNUC__) && defined(__SSE2__)
#include <emmintrin.h>
#define LD_SCAN_SSE2 1
#if (defined(__x86_64__) || defined(__i386__)) && !defined(__AVX2__)
/* Processors since 2013 compare 32 bytes at once; the build targets all
 * x86-64, so the 32-byte scan is chosen when the program runs. */
#include <immintrin.h>
#define LD_SCAN_AVX2 1
#endif
#endif

#include <glib/gi18n-lib.h>

#include "ld-log-reader-private.h"

/* Zeros in a run this long are a block of them, not a stretch of UTF-16
 * (whose zeros come one at a time) nor a stray one. */
#define ZERO_BLOCK 16

enum
{
  LINE_HAS_NUL  = 1 << 0,
  LINE_HAS_CTRL = 1 << 1,
};

#define add_problem _ld_log_reader_add_problem
#define handle_line _ld_log_reader_handle_line
#define interrupt_record _ld_log_reader_interrupt_record

static void
close_damage (LdLogReader *self,
              LdDamage    *d,
              gboolean     binary)
{
  if (d->lines == 0)
    return;
  if (binary)
    {
      if (d->record_line > 0)
        add_problem (self, g_strdup_printf (_("Lines %llu–%llu are binary data, not text (%llu bytes); they were "
                                              "skipped. The SIP message that begins at line %llu was read up to "
                                              "line %llu."),
                                            (unsigned long long) d->first_line, (unsigned long long) d->last_line,
                                            (unsigned long long) d->bytes, (unsigned long long) d->record_line,
                                            (unsigned long long) d->first_line - 1));
      else
        add_problem (self, g_strdup_printf (_("Lines %llu–%llu are binary data, not text (%llu bytes); they were "
                                              "skipped."),
                                            (unsigned long long) d->first_line, (unsigned long long) d->last_line,
                                            (unsigned long long) d->bytes));
    }
  else
    add_problem (self, g_strdup_printf (_("Lines %llu–%llu are UTF-16 text in a file that is not (the encoding "
                                          "changes at line %llu); they were read without their zero bytes."),
                                        (unsigned long long) d->first_line, (unsigned long long) d->last_line,
                                        (unsigned long long) d->first_line));
  memset (d, 0, sizeof *d);
}

static void
note_damage (LdLogReader *self,
             LdDamage    *d,
             gboolean     binary,
             guint64      line,
             gsize        bytes)
{
  /* A stretch of UTF-16 has empty lines without zeros in it. */
  if (d->lines > 0 && d->last_line + (binary ? 1 : 2) < line)
    close_damage (self, d, binary);
  if (d->lines == 0)
    {
      d->first_line = line;
      d->record_line = binary && (self->collecting || self->server != LD_SERVER_NONE) ? self->rec_line : 0;
    }
  d->last_line = line;
  d->lines++;
  d->bytes += bytes;
}

static gboolean
starts_log_line (const char *p,
                 gsize       len)
{
  gint64 time;
  guint32 tid;
  const char *level;
  gsize level_len, off;

  return ld_log_line_parse_prefix (p, len, &time, &tid, &level, &level_len, &off) ||
         _ld_log_reader_is_server_head (p, len);
}

/* A line with bytes below 0x20 other than tab (the line ends are gone). */
static void
note_zeros (LdLogReader *self,
            gsize        bytes,
            guint64      after_line)
{
  if (self->zero_blocks++ == 0)
    self->zeros_after_line = after_line;
  self->zeros_bytes += bytes;
}

/* A line with bytes below 0x20 other than tab (the line ends are gone). */
static void
handle_damaged_line (LdLogReader *self,
                     const char  *line,
                     gsize        len)
{
  gsize nul = 0, ctrl = 0, run = 0, longest = 0;
  GString *clean = self->scratch;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = line[i];

      if (c == 0)
        {
          nul++;
          longest = MAX (longest, ++run);
          continue;
        }
      run = 0;
      if (c < 0x20 && c != '\t')
        ctrl++;
    }

  if (nul == len)
    {
      /* Zeros alone: a block of them (a file cut short by a crash), or the
       * high byte of a UTF-16 line end, which is no line. */
      if (len >= ZERO_BLOCK)
        note_zeros (self, len, self->lines);
      return;
    }

  if (ctrl > 0 && (ctrl + nul) * 16 >= len)
    {
      self->lines++;
      note_damage (self, &self->binary, TRUE, self->lines, len);
      interrupt_record (self);
      return;
    }

  /* Every other byte zero: UTF-16 text of the ASCII it mostly is. The
   * line is counted when it is handled. */
  if (longest < ZERO_BLOCK && nul * 3 >= len)
    note_damage (self, &self->utf16, FALSE, self->lines + 1, len);

  g_string_truncate (clean, 0);
  for (gsize i = 0; i < len;)
    {
      gsize zeros = 0;

      while (i + zeros < len && line[i + zeros] == '\0')
        zeros++;
      if (zeros == 0)
        {
          const char *nul_at = memchr (line + i, '\0', len - i);
          gsize n = (nul_at != NULL ? (gsize) (nul_at - line) : len) - i;

          g_string_append_len (clean, line + i, n);
          i += n;
          continue;
        }
      i += zeros;
      if (zeros >= ZERO_BLOCK)
        note_zeros (self, zeros, self->lines + (clean->len > 0));
      else if (longest >= ZERO_BLOCK || nul * 3 < len)
        {
          if (self->nul_lines == 0 || self->nul_last_line != self->lines + 1)
            {
              if (self->nul_lines++ == 0)
                self->nul_first_line = self->lines + 1;
              self->nul_last_line = self->lines + 1;
            }
          self->nul_bytes += zeros;
        }
      /* Zeros stood where a line ended: a log line follows them. */
      if (clean->len > 0 && i < len && starts_log_line (line + i, len - i))
        {
          handle_line (self, clean->str, clean->len);
          g_string_truncate (clean, 0);
        }
    }
  handle_line (self, clean->str, clean->len);
}

/* With ld_log_reader_track_offsets(): where @line is in the bytes fed,
 * when it is those bytes as they are (not cleaned of NULs, not cut short,
 * not made of pieces a hole was skipped between); its line end
 * (LdLogReader.line_end) was set by the caller. */
static void
note_line (LdLogReader *self,
           const char  *line,
           gsize        len,
           guint        flags)
{
  self->line_ptr = line;
  self->line_len = len;
  if (flags != 0 || self->track_broken)
    self->line_off = LD_NO_OFFSET;
  else if (self->chunk != NULL && line >= self->chunk && line + len <= self->chunk + self->chunk_len)
    self->line_off = self->chunk_off + (guint64) (line - self->chunk);
  else if (line == self->carry->str && self->carry_whole && len == self->carry->len)
    self->line_off = self->carry_off;
  else
    self->line_off = LD_NO_OFFSET;
}

static inline void
emit_line (LdLogReader *self,
           const char  *line,
           gsize        len,
           guint        flags)
{
  if (G_UNLIKELY (self->track))
    note_line (self, line, len, flags);
  if (G_LIKELY (flags == 0))
    handle_line (self, line, len);
  else
    handle_damaged_line (self, line, len);
}

static void
handle_long_line_start (LdLogReader *self)
{
  self->skipping = TRUE;
  self->skipping_line = self->lines;
  self->skipped_bytes = 0;
}

static void
handle_long_line_end (LdLogReader *self)
{
  add_problem (self, g_strdup_printf (_("Line %llu is longer than %u MB (%llu bytes more); "
                                        "only its beginning was read."),
                                      (unsigned long long) self->skipping_line,
                                      LD_LOG_READER_MAX_LINE / (1024 * 1024),
                                      (unsigned long long) self->skipped_bytes));
  self->skipping = FALSE;
}

/* The first byte at or after @p below 0x20 other than tab (a line end,
 * NUL or other control byte), or @end. Sixteen bytes at a time: this is
 * where reading spends its time on plain lines. */
static inline const char *
find_control (const char *p,
              const char *end)
{
#ifdef LD_SCAN_SSE2
  const __m128i top = _mm_set1_epi8 (0x1F);

  /* Two blocks a round: a log line is 70 bytes or so. */
  while (end - p >= 32)
    {
      __m128i v0 = _mm_loadu_si128 ((const __m128i *) (const void *) p);
      __m128i v1 = _mm_loadu_si128 ((const __m128i *) (const void *) (p + 16));
      __m128i c0 = _mm_cmpeq_epi8 (_mm_min_epu8 (v0, top), v0);
      __m128i c1 = _mm_cmpeq_epi8 (_mm_min_epu8 (v1, top), v1);

      if (_mm_movemask_epi8 (_mm_or_si128 (c0, c1)) != 0)
        {
          guint32 mask = (guint32) _mm_movemask_epi8 (c0) | ((guint32) _mm_movemask_epi8 (c1) << 16);

          while (mask != 0)
            {
              unsigned i = (unsigned) __builtin_ctz (mask);

              if (p[i] != '\t')
                return p + i;
              mask &= mask - 1;
            }
        }
      p += 32;
    }
  while (end - p >= 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (const void *) p);
      unsigned mask = (unsigned) _mm_movemask_epi8 (_mm_cmpeq_epi8 (_mm_min_epu8 (v, top), v));

      while (mask != 0)
        {
          unsigned i = (unsigned) __builtin_ctz (mask);

          if (p[i] != '\t')
            return p + i;
          mask &= mask - 1;
        }
      p += 16;
    }
#else
  /* Eight bytes at a time: a byte below 0x20 sets the high bit of its lane
   * in (v - 0x20…) & ~v & 0x80… (and a byte above may, so each is checked). */
  while (end - p >= 8)
    {
      guint64 v;

      memcpy (&v, p, 8);
      if (((v - G_GUINT64_CONSTANT (0x2020202020202020)) & ~v & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
        {
          for (int i = 0; i < 8; i++)
            if ((guchar) p[i] < 0x20 && p[i] != '\t')
              return p + i;
        }
      p += 8;
    }
#endif
  for (; p < end; p++)
    if ((guchar) *p < 0x20 && *p != '\t')
      return p;
  return end;
}

#ifdef LD_SCAN_AVX2
__attribute__ ((target ("avx2"))) static inline const char *
find_control_avx2 (const char *p,
                   const char *end)
{
  const __m256i top = _mm256_set1_epi8 (0x1F);

  while (end - p >= 32)
    {
      __m256i v = _mm256_loadu_si256 ((const __m256i *) (const void *) p);
      guint32 mask = (guint32) _mm256_movemask_epi8 (_mm256_cmpeq_epi8 (_mm256_min_epu8 (v, top), v));

      while (mask != 0)
        {
          unsigned i = (unsigned) __builtin_ctz (mask);

          if (p[i] != '\t')
            return p + i;
          mask &= mask - 1;
        }
      p += 32;
    }
  for (; p < end; p++)
    if ((guchar) *p < 0x20 && *p != '\t')
      return p;
  return end;
}
#endif

/* One piece of a line: all of it (@complete) or its start, the rest in the
 * next chunk. Only the pieces of lines that straddle two chunks are copied. */
static void
line_piece (LdLogReader *self,
            const char  *s,
            gsize        n,
            guint        flags,
            gboolean     complete)
{
  gsize room, take;

  if (self->skipping)
    {
      self->skipped_bytes += n;
      if (complete)
        handle_long_line_end (self);
      return;
    }
  if (self->carry->len == 0 && complete)
    {
      emit_line (self, s, n, flags);
      return;
    }
  room = LD_LOG_READER_MAX_LINE - self->carry->len;
  take = MIN (n, room);
  if (self->carry->len == 0 && self->track)
    {
      self->carry_whole = self->chunk != NULL && s >= self->chunk && s <= self->chunk + self->chunk_len;
      self->carry_off = self->carry_whole ? self->chunk_off + (guint64) (s - self->chunk) : 0;
    }
  g_string_append_len (self->carry, s, take);
  self->carry_flags |= flags;
  if (n > room)
    {
      /* Keep what fits, hand it on as the line, and skip the rest. */
      self->line_end = 0;
      emit_line (self, self->carry->str, self->carry->len, self->carry_flags);
      g_string_truncate (self->carry, 0);
      self->carry_flags = 0;
      handle_long_line_start (self);
      self->skipped_bytes = n - take;
      if (complete)
        handle_long_line_end (self);
      return;
    }
  if (complete)
    {
      emit_line (self, self->carry->str, self->carry->len, self->carry_flags);
      g_string_truncate (self->carry, 0);
      self->carry_flags = 0;
    }
}

/* A run of k CRs ended a line; followed by LF it is one line end (CRLF, or
 * CR CR LF), else each CR is one (CR-only files, where "\r\r" is an empty
 * line between headers and body). */
static void
end_cr_run (LdLogReader *self,
            gboolean     then_lf)
{
  self->line_end = 0;
  if (!then_lf)
    for (guint i = 1; i < self->cr_run; i++)
      line_piece (self, "", 0, 0, TRUE);
  self->cr_run = 0;
}

/* The bytes after a line's end until it is known where the next line
 * starts: more CRs, the LF of a CRLF, and in a stretch of UTF-16 the zero
 * halves of CR and LF (CR 00 LF 00), which belong to the line end and are
 * no line of their own. Goes across chunks; returns where the next line
 * starts, or %NULL when that needs the next chunk. */
static const char *
resume_line_end (LdLogReader *self,
                 const char  *p,
                 const char  *end)
{
  gboolean done = FALSE;

  while (!done && p < end)
    switch (self->eol)
      {
      case LD_EOL_CR:
        if (*p == '\r')
          self->cr_run++, p++;
        else if (*p == '\n')
          {
            p++;
            end_cr_run (self, TRUE);
            self->eol = self->eol_nul ? LD_EOL_AFTER : LD_EOL_NONE;
          }
        else if (*p == '\0')
          {
            p++;
            self->eol = LD_EOL_CR_NUL;
          }
        else
          {
            end_cr_run (self, FALSE);
            self->eol = LD_EOL_NONE;
          }
        break;

      case LD_EOL_CR_NUL:
        if (*p == '\n')
          {
            p++;
            end_cr_run (self, TRUE);
            self->eol = self->eol_nul ? LD_EOL_AFTER : LD_EOL_NONE;
          }
        else
          {
            /* The NUL was the CR's other half; the CRs ended lines. */
            end_cr_run (self, FALSE);
            self->eol = LD_EOL_NONE;
          }
        break;

      case LD_EOL_AFTER:
        /* Only after a line with zeros: after text, zeros are a block. */
        if (*p == '\0' && self->eol_nul)
          p++;
        self->eol = LD_EOL_NONE;
        break;

      case LD_EOL_NONE:
      default:
        done = TRUE;
        break;
      }
  return self->eol == LD_EOL_NONE ? p : NULL;
}

static inline G_ALWAYS_INLINE void
process_text_with (LdLogReader *self,
                   const char  *data,
                   gsize        len,
                   gboolean     avx2)
{
  const char *p = data;
  const char *end = data + len;
  /* Only the first line of a chunk can continue a piece of the last
   * (carried or being skipped); every other is whole in the chunk. */
  gboolean first = self->carry->len > 0 || self->skipping;

  if (self->eol != LD_EOL_NONE && (p = resume_line_end (self, p, end)) == NULL)
    return;

  while (p < end)
    {
      const char *start = p;
      const char *stop;
      guint flags = 0;

      for (;;)
        {
#ifdef LD_SCAN_AVX2
          stop = avx2 ? find_control_avx2 (p, end) : find_control (p, end);
#else
          stop = find_control (p, end);
#endif
          if (stop == end || *stop == '\n' || *stop == '\r')
            break;
          flags |= *stop == '\0' ? LINE_HAS_NUL : LINE_HAS_CTRL;
          p = stop + 1;
        }
      if (stop == end)
        {
          line_piece (self, start, end - start, flags, FALSE);
          return;
        }
      /* How the line ends, for the offsets: LF, CRLF, or another way
       * (CR alone, CR CR LF, a CR the chunk ends with) that they do not
       * undo. */
      if (G_UNLIKELY (self->track))
        self->line_end = *stop == '\n' ? 1 : end - stop >= 2 && stop[1] == '\n' ? 2 : 0;
      if (G_LIKELY (!first))
        emit_line (self, start, stop - start, flags);
      else
        {
          flags |= self->carry_flags;
          line_piece (self, start, stop - start, flags, TRUE);
          first = FALSE;
        }
      /* CRLF and LF, the usual cases, first. */
      if (end - stop >= 2 && stop[0] == '\r' && stop[1] == '\n')
        p = stop + 2;
      else if (*stop == '\n')
        p = stop + 1;
      else
        {
          p = stop + 1;
          self->eol_nul = (flags & LINE_HAS_NUL) != 0;
          self->cr_run = 1;
          self->eol = LD_EOL_CR;
          if ((p = resume_line_end (self, p, end)) == NULL)
            return;
          continue;
        }
      if (G_UNLIKELY ((flags & LINE_HAS_NUL) && (p >= end || *p == '\0')))
        {
          self->eol_nul = TRUE;
          self->eol = LD_EOL_AFTER;
          if ((p = resume_line_end (self, p, end)) == NULL)
            return;
        }
    }
}

#ifdef LD_SCAN_AVX2
__attribute__ ((target ("avx2"))) static void
process_text_avx2 (LdLogReader *self,
                   const char  *data,
                   gsize        len)
{
  process_text_with (self, data, len, TRUE);
}
#endif

static void
process_text (LdLogReader *self,
              const char  *data,
              gsize        len)
{
#ifdef LD_SCAN_AVX2
  if (__builtin_cpu_supports ("avx2"))
    {
      process_text_avx2 (self, data, len);
      return;
    }
#endif
  process_text_with (self, data, len, FALSE);
}

/* ---- Encodings ---------------------------------------------------------- */

static void
detect_encoding (LdLogReader  *self,
                 const guchar *b,
                 gsize         len)
{
  const char *from = NULL;

  self->detected = TRUE;
  if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
    self->encoding = LD_TEXT_ENCODING_UTF8_BOM;
  else if (len >= 2 && b[0] == 0xFF && b[1] == 0xFE)
    self->encoding = LD_TEXT_ENCODING_UTF16LE, from = "UTF-16LE";
  else if (len >= 2 && b[0] == 0xFE && b[1] == 0xFF)
    self->encoding = LD_TEXT_ENCODING_UTF16BE, from = "UTF-16BE";
  else if (len >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0)
    self->encoding = LD_TEXT_ENCODING_UTF16LE, from = "UTF-16LE";
  else if (len >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0)
    self->encoding = LD_TEXT_ENCODING_UTF16BE, from = "UTF-16BE";
  else
    self->encoding = LD_TEXT_ENCODING_UTF8;

  if (from != NULL)
    self->iconv = g_iconv_open ("UTF-8", from);
}

/* In a UTF-16 log, where 8-bit text takes over (another writer appended
 * to the file, or a UTF-16 log was copied in front of an 8-bit one): two
 * ASCII bytes in each code unit, 32 units in a row with a line feed and a
 * log line's date among them. UTF-16 text of ASCII has a zero in every
 * unit, and other scripts' units are seldom two ASCII bytes many times
 * running (上 is 0A 4E, a line feed and an N). Returns where the
 * 8-bit text starts, or @len; *hold is how much at the end could start
 * such a run and should wait for more data. */
#define SWITCH_RUN 32

static inline gboolean
ascii_byte (guchar c)
{
  return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t';
}

static gsize
find_8bit_switch (const guchar *b,
                  gsize         len,
                  gboolean      at_end,
                  gsize        *hold)
{
  gsize run = 0, run_start = 0;
  gboolean run_nl = FALSE;

  *hold = 0;
  for (gsize i = 0; i + 1 < len; i += 2)
    {
      if (!ascii_byte (b[i]) || !ascii_byte (b[i + 1]))
        {
          run = 0;
          continue;
        }
      if (run++ == 0)
        {
          run_start = i;
          run_nl = FALSE;
        }
      /* A line feed and a log line's date after it ("04/"), in 8-bit text. */
      for (gsize k = i; k < i + 2; k++)
        if (b[k] == '\n' && k + 3 < len && g_ascii_isdigit (b[k + 1]) && g_ascii_isdigit (b[k + 2]) &&
            b[k + 3] == '/')
          run_nl = TRUE;
      if (run >= SWITCH_RUN && run_nl)
        return run_start;
    }
  if (run > 0 && !at_end && len - run_start <= 65536)
    *hold = len - run_start;
  return len;
}

static void
convert_utf16 (LdLogReader *self,
               const char  *data,
               gsize        len,
               gboolean     at_end)
{
  gsize hold = 0;
  gsize limit;
  gboolean switched;

  g_string_append_len (self->undecoded, data, len);
  limit = find_8bit_switch ((const guchar *) self->undecoded->str, self->undecoded->len, at_end, &hold);
  switched = limit < self->undecoded->len;
  if (!switched)
    limit -= hold;

  while (limit > 0)
    {
      gchar *in = self->undecoded->str;
      gsize in_left = limit;
      gsize out_size = in_left * 2 + 16;
      g_autofree char *out = g_malloc (out_size);
      gchar *outp = out;
      gsize out_left = out_size;
      gsize r = g_iconv (self->iconv, &in, &in_left, &outp, &out_left);
      int err = errno;

      process_text (self, out, outp - out);
      g_string_erase (self->undecoded, 0, limit - in_left);
      limit = in_left;

      if (r != (gsize) -1)
        break;
      if (err == EILSEQ)
        {
          /* A lone surrogate: show U+FFFD and step over the code unit. */
          process_text (self, "\xEF\xBF\xBD", 3);
          g_string_erase (self->undecoded, 0, MIN (2, limit));
          limit -= MIN (2, limit);
          continue;
        }
      if (err == EINVAL)
        {
          if (at_end && !switched && hold == 0)
            {
              add_problem (self, g_strdup (_("The file ends in the middle of a UTF-16 character "
                                             "(an odd number of bytes); the last byte was ignored.")));
              g_string_truncate (self->undecoded, 0);
            }
          else if (switched)
            {
              /* Half a character before the switch: no character. */
              g_string_erase (self->undecoded, 0, limit);
              limit = 0;
            }
          break;
        }
      if (err != E2BIG)
        break;
    }

  if (switched)
    {
      g_autoptr(GString) rest = g_steal_pointer (&self->undecoded);

      self->undecoded = g_string_new (NULL);
      g_iconv_close (self->iconv);
      self->iconv = (GIConv) -1;
      add_problem (self, g_strdup_printf (_("The file changes from UTF-16 to 8-bit text at line %llu; the rest was "
                                            "read as 8-bit text."),
                                          (unsigned long long) self->lines + 1));
      process_text (self, rest->str, rest->len);
    }
}

void
_ld_log_reader_feed_bytes (LdLogReader *self,
                           const char  *data,
                           gsize        len,
                           gboolean     at_end)
{
  g_autoptr(GString) head = NULL;

  self->fed += len;
  if (!self->detected)
    {
      /* Four bytes decide the encoding (BOM, or NULs of BOM-less UTF-16). */
      if (self->undecoded->len + len < 4 && !at_end)
        {
          g_string_append_len (self->undecoded, data, len);
          return;
        }
      if (self->undecoded->len > 0)
        {
          head = g_string_new_len (self->undecoded->str, self->undecoded->len);
          g_string_append_len (head, data, len);
          g_string_truncate (self->undecoded, 0);
          data = head->str;
          len = head->len;
        }
      detect_encoding (self, (const guchar *) data, len);
      if (self->encoding == LD_TEXT_ENCODING_UTF8_BOM)
        data += 3, len -= 3;
      else if (self->iconv != (GIConv) -1 && len >= 2 &&
               (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
        data += 2, len -= 2;
    }

  if (self->iconv != (GIConv) -1)
    {
      /* Lines made of converted text are not the bytes fed. */
      self->track_broken = TRUE;
      convert_utf16 (self, data, len, at_end);
    }
  else if (self->track)
    {
      /* What is made lines is the last @len bytes fed (a byte-order mark
       * skipped at the start). */
      self->chunk = data;
      self->chunk_len = len;
      self->chunk_off = self->fed - len;
      process_text (self, data, len);
      self->chunk = NULL;
    }
  else
    process_text (self, data, len);
}

/**
 * ld_log_reader_track_offsets:
 * @self: a reader not fed yet
 *
 * Makes the reader note where each record's text is in the bytes it is
 * fed (LdRecordInfo.file_offset and file_length), for reading it again
 * from the file instead of keeping a copy. A record gets a place only
 * when its text is exactly its lines' bytes, contiguous, each line ended
 * by LF or CRLF: nothing cleaned (NULs, binary lines), cut (long lines or
 * records), decoded (UTF-16), or joined across a rotation or a hole, and
 * only a client log's records (a server trace's are rebuilt from fields).
 */
void
ld_log_reader_track_offsets (LdLogReader *self)
{
  g_return_if_fail (self->fed == 0);
  self->track = TRUE;
}

/**
 * ld_log_reader_skip:
 * @self: a reader
 * @bytes: how many bytes of the file are not fed (a hole of a sparse file)
 *
 * Keeps the offsets the reader notes (ld_log_reader_track_offsets()) those
 * of the file: the next bytes fed follow a gap. A line or record that
 * spans it gets no place.
 */
void
ld_log_reader_skip (LdLogReader *self,
                    guint64      bytes)
{
  if (bytes == 0)
    return;
  self->fed += bytes;
  self->carry_whole = FALSE;
  /* Bytes held back to tell the encoding are not followed by the next. */
  if (self->undecoded->len > 0)
    self->track_broken = TRUE;
}


/* The last line, when the data did not end one. */
void
_ld_log_reader_finish_text (LdLogReader *self)
{
  _ld_log_reader_feed_bytes (self, "", 0, TRUE);
  if (self->cr_run > 0)
    end_cr_run (self, FALSE);
  self->eol = LD_EOL_NONE;
  if (self->skipping)
    handle_long_line_end (self);
  else if (self->carry->len > 0)
    {
      guint flags = self->carry_flags;

      self->last_line_partial = TRUE;
      self->carry_flags = 0;
      self->line_end = 0;
      emit_line (self, self->carry->str, self->carry->len, flags);
      g_string_truncate (self->carry, 0);
    }
}

void
_ld_log_reader_report_damage (LdLogReader *self)
{
  close_damage (self, &self->binary, TRUE);
  close_damage (self, &self->utf16, FALSE);
  if (self->nul_lines == 1)
    add_problem (self, g_strdup_printf (_("Line %llu holds NUL bytes, which are not text (%llu in all); they "
                                          "were ignored and the rest of the line was read."),
                                        (unsigned long long) self->nul_first_line,
                                        (unsigned long long) self->nul_bytes));
  else if (self->nul_lines > 1)
    add_problem (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Line %llu and %u more line hold NUL bytes, which are not "
                                                     "text (%llu in all); they were ignored and the rest of each "
                                                     "line was read.",
                                                     "Line %llu and %u more lines hold NUL bytes, which are not "
                                                     "text (%llu in all); they were ignored and the rest of each "
                                                     "line was read.",
                                                     self->nul_lines - 1),
                                        (unsigned long long) self->nul_first_line, self->nul_lines - 1,
                                        (unsigned long long) self->nul_bytes));
  if (self->zero_blocks == 1 && self->zeros_after_line == 0)
    add_problem (self, g_strdup_printf (_("The file starts with %llu zero bytes where text should be (a file a "
                                          "crash left padded, or a damaged copy); they were skipped."),
                                        (unsigned long long) self->zeros_bytes));
  else if (self->zero_blocks == 1)
    add_problem (self, g_strdup_printf (_("After line %llu, %llu zero bytes stand where text should be (a file "
                                          "cut short by a crash, or a damaged copy); they were skipped."),
                                        (unsigned long long) self->zeros_after_line,
                                        (unsigned long long) self->zeros_bytes));
  else if (self->zero_blocks > 1)
    add_problem (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "After line %llu and in %u more place, %llu zero bytes stand "
                                                     "where text should be (a file cut short by a crash, or a "
                                                     "damaged copy); they were skipped.",
                                                     "After line %llu and in %u more places, %llu zero bytes stand "
                                                     "where text should be (a file cut short by a crash, or a "
                                                     "damaged copy); they were skipped.",
                                                     self->zero_blocks - 1),
                                        (unsigned long long) self->zeros_after_line, self->zero_blocks - 1,
                                        (unsigned long long) self->zeros_bytes));
}
