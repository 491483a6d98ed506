/* ld-redact-scan.c - the last check of a redacted report: does any value of the logs survive?
 *
 * The redacted report is built from values replaced as the logs were read;
 * this is the check that fails closed. Every real value the redactor met
 * (ld-redact.c collects them) is looked for in the finished report, in
 * every spelling the formats may give it:
 *
 *  - any letter case, invisible format characters (bidirectional
 *    overrides, zero-width and soft hyphens) ignored, white space runs as
 *    one space;
 *  - JSON, Markdown and CSV escapes undone (\" \\ \uXXXX, "" in CSV);
 *  - percent-encoding undone (a value inside a link);
 *  - a PDF's text as its fonts map it back to characters (ld-redact-pdf.c),
 *    lines also joined without a space, so a value wrapped across two
 *    lines is found;
 *  - phone numbers by their digits, whatever the separators.
 *
 * A word that is one of the tool's own is not looked for alone (see
 * _ld_redactor_collect()); everything else is, as a whole word where it
 * is one. All values are found in one pass over each view with an
 * Aho-Corasick automaton, so the check costs the report's size, not its
 * size times the number of values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "ld-redact-private.h"

/* Needles' bytes the automaton may hold; beyond, the check refuses. */
#define MAX_AUTOMATON_NODES (48u * 1024 * 1024)
#define CANCEL_EVERY (1u << 20)

typedef struct
{
  guint32 child;     /* first child, 0 for none */
  guint32 sibling;   /* next sibling, 0 for none */
  guint32 fail;
  guint32 dict;      /* nearest node on the fail chain that ends a needle, 0 for none */
  guint32 needle;    /* 1 + index of the needle ending here, 0 for none */
  guint8  c;
} Node;

typedef struct
{
  GArray    *nodes;        /* Node; 0 is the root */
  guint32    root[256];
  GPtrArray *needles;      /* char*, borrowed from the redactor */
  GArray    *info;         /* guint: kind << 8 | mode */
} Automaton;

typedef enum
{
  VIEW_TEXT,      /* the report's text */
  VIEW_DIGITS,    /* numbers only, for phone numbers */
} ViewKind;

static Node *
node (Automaton *a,
      guint32    i)
{
  return &g_array_index (a->nodes, Node, i);
}

static guint32
find_child (Automaton *a,
            guint32    n,
            guint8     c)
{
  if (n == 0)
    return a->root[c];
  for (guint32 ch = node (a, n)->child; ch != 0; ch = node (a, ch)->sibling)
    if (node (a, ch)->c == c)
      return ch;
  return 0;
}

static gboolean
automaton_add (Automaton  *a,
               const char *needle,
               guint       info)
{
  guint32 n = 0;

  for (const guchar *p = (const guchar *) needle; *p; p++)
    {
      guint32 next = find_child (a, n, *p);

      if (next == 0)
        {
          Node fresh = { 0 };

          if (a->nodes->len >= MAX_AUTOMATON_NODES)
            return FALSE;
          fresh.c = *p;
          g_array_append_val (a->nodes, fresh);
          next = a->nodes->len - 1;
          if (n == 0)
            a->root[*p] = next;
          else
            {
              node (a, next)->sibling = node (a, n)->child;
              node (a, n)->child = next;
            }
        }
      n = next;
    }
  if (node (a, n)->needle == 0)
    {
      g_ptr_array_add (a->needles, (gpointer) needle);
      g_array_append_val (a->info, info);
      node (a, n)->needle = a->needles->len;
    }
  return TRUE;
}

/* Failure and dictionary links, breadth first. */
static void
automaton_finish (Automaton *a)
{
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint head = 0;

  for (guint c = 0; c < 256; c++)
    if (a->root[c] != 0)
      {
        node (a, a->root[c])->fail = 0;
        g_array_append_val (queue, a->root[c]);
      }
  while (head < queue->len)
    {
      guint32 n = g_array_index (queue, guint32, head++);

      for (guint32 ch = node (a, n)->child; ch != 0; ch = node (a, ch)->sibling)
        {
          guint8 c = node (a, ch)->c;
          guint32 f = node (a, n)->fail;
          guint32 target;

          for (;;)
            {
              target = find_child (a, f, c);
              if (target != 0 || f == 0)
                break;
              f = node (a, f)->fail;
            }
          node (a, ch)->fail = target != ch ? target : 0;
          {
            guint32 fl = node (a, ch)->fail;

            node (a, ch)->dict = node (a, fl)->needle != 0 ? fl : node (a, fl)->dict;
          }
          g_array_append_val (queue, ch);
        }
    }
}

static gboolean
is_word_at (const char *s,
            gsize       len,
            gssize      i)
{
  gunichar c;

  if (i < 0 || (gsize) i >= len)
    return FALSE;
  c = g_utf8_get_char_validated (s + i, len - i);
  return c != (gunichar) -1 && c != (gunichar) -2 && g_unichar_isalnum (c);
}

static gssize
char_before (const char *s,
             gsize       i)
{
  if (i == 0)
    return -1;
  i--;
  while (i > 0 && ((guchar) s[i] & 0xC0) == 0x80)
    i--;
  return (gssize) i;
}

/* Whether a match of @needle ending at @end in @view stands on its own. */
static gboolean
match_counts (const char *view,
              gsize       len,
              gsize       end,
              const char *needle,
              guint       info,
              ViewKind    kind)
{
  LdNeedleMode mode = info & 0x0f;
  gboolean prefix = (info & LD_NEEDLE_PREFIX) != 0;
  gsize nlen = strlen (needle);
  gsize start = end - nlen;

  if (mode == LD_NEEDLE_DIGITS)
    return kind == VIEW_DIGITS && (end >= len || !g_ascii_isdigit (view[end]));
  if (kind == VIEW_DIGITS)
    return FALSE;
  /* A whole word, or a value whose ends are not inside a longer word. */
  if (is_word_at (needle, nlen, 0) && is_word_at (view, len, char_before (view, start)))
    return FALSE;
  if (!prefix && is_word_at (needle, nlen, char_before (needle, nlen)) && is_word_at (view, len, end))
    return FALSE;
  return TRUE;
}

/* Returns the first needle found, or -1. */
static gssize
automaton_search (Automaton    *a,
                  const char   *view,
                  gsize         len,
                  ViewKind      kind,
                  GCancellable *cancellable,
                  gboolean     *cancelled)
{
  guint32 state = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = view[i];
      guint32 next;

      if ((i & (CANCEL_EVERY - 1)) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          *cancelled = TRUE;
          return -1;
        }
      for (;;)
        {
          next = find_child (a, state, c);
          if (next != 0 || state == 0)
            break;
          state = node (a, state)->fail;
        }
      state = next;
      for (guint32 o = node (a, state)->needle ? state : node (a, state)->dict; o != 0; o = node (a, o)->dict)
        {
          guint idx = node (a, o)->needle - 1;

          if (match_counts (view, len, i + 1, a->needles->pdata[idx],
                            g_array_index (a->info, guint, idx), kind))
            return idx;
        }
    }
  return -1;
}

/* ---- Views ---------------------------------------------------------------- */

/* Casefolded, invisible characters dropped, white space as one space,
 * and, with @join_lines, line breaks dropped (a wrapped value). */
static char *
fold_view (const char *text,
           gsize       len,
           gboolean    join_lines)
{
  g_autofree char *valid = g_utf8_make_valid (text, len);
  GString *out = g_string_sized_new (strlen (valid));
  gboolean space = FALSE;

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      guchar b = *p;

      if (b < 0x80)
        {
          /* ASCII: lower case is the casefold. */
          if (join_lines && (b == '\n' || b == '\r'))
            continue;  /* "host-\nname" was one word */
          if (g_ascii_isspace (b))
            {
              space = TRUE;
              continue;
            }
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, g_ascii_tolower (b));
        }
      else
        {
          gunichar c = g_utf8_get_char (p);
          const char *next = g_utf8_next_char (p);

          if (g_unichar_type (c) == G_UNICODE_FORMAT)
            continue;
          if (g_unichar_isspace (c))
            {
              space = TRUE;
              continue;
            }
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          {
            g_autofree char *f = g_utf8_casefold (p, next - p);

            g_string_append (out, f);
          }
        }
    }
  return g_string_free (out, FALSE);
}

/* JSON, Markdown and CSV escapes undone: \x is x, \uXXXX its character,
 * "" one quote. */
static char *
unescape_view (const char *text,
               gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\\' && i + 1 < len)
        {
          char n = text[i + 1];

          if (n == 'u' && i + 5 < len && g_ascii_isxdigit (text[i + 2]) && g_ascii_isxdigit (text[i + 3]) &&
              g_ascii_isxdigit (text[i + 4]) && g_ascii_isxdigit (text[i + 5]))
            {
              gunichar c = (g_ascii_xdigit_value (text[i + 2]) << 12) | (g_ascii_xdigit_value (text[i + 3]) << 8) |
                           (g_ascii_xdigit_value (text[i + 4]) << 4) | g_ascii_xdigit_value (text[i + 5]);

              /* A surrogate pair. */
              if (c >= 0xD800 && c < 0xDC00 && i + 11 < len && text[i + 6] == '\\' && text[i + 7] == 'u')
                {
                  gunichar lo = 0;

                  for (int k = 8; k < 12; k++)
                    lo = (lo << 4) | (g_ascii_isxdigit (text[i + k]) ? g_ascii_xdigit_value (text[i + k]) : 0);
                  if (lo >= 0xDC00 && lo < 0xE000)
                    {
                      c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                      i += 6;
                    }
                }
              if (g_unichar_validate (c) && c != 0)
                g_string_append_unichar (out, c);
              i += 5;
              continue;
            }
          if (n == 'n' || n == 't' || n == 'r')
            {
              g_string_append_c (out, ' ');
              i++;
              continue;
            }
          if (g_ascii_ispunct (n))
            {
              g_string_append_c (out, n);
              i++;
              continue;
            }
        }
      if (text[i] == '"' && i + 1 < len && text[i + 1] == '"')
        {
          g_string_append_c (out, '"');
          i++;
          continue;
        }
      g_string_append_c (out, text[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
percent_view (const char *text,
              gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '%' && i + 2 < len && g_ascii_isxdigit (text[i + 1]) && g_ascii_isxdigit (text[i + 2]))
        {
          g_string_append_c (out, (char) ((g_ascii_xdigit_value (text[i + 1]) << 4) |
                                          g_ascii_xdigit_value (text[i + 2])));
          i += 2;
        }
      else if (text[i] == '+' && i > 0 && i + 1 < len && g_ascii_isalnum (text[i - 1]) && g_ascii_isalnum (text[i + 1]))
        g_string_append_c (out, ' ');  /* a query's space */
      else
        g_string_append_c (out, text[i]);
    }
  return g_string_free (out, FALSE);
}

/* Runs of digits and the separators phone numbers are written with
 * become their digits; anything else separates. */
static char *
digits_view (const char *text,
             gsize       len)
{
  GString *out = g_string_sized_new (len / 4 + 16);
  gboolean in_run = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (g_ascii_isdigit (c))
        {
          g_string_append_c (out, c);
          in_run = TRUE;
        }
      else if (in_run && strchr (" ()+.-/", c) != NULL && c != '\0')
        continue;
      else if (in_run)
        {
          g_string_append_c (out, ' ');
          in_run = FALSE;
        }
    }
  return g_string_free (out, FALSE);
}

static void
set_survived (GError      **error,
              LdRedactKind  kind)
{
  /* The user's own words: not a fault of the redaction, the report says
   * them too; which of them cannot be told apart. */
  if (kind == LD_REDACT_TEXT)
    {
      g_set_error_literal (error, LD_ERROR, LD_ERROR_REDACTION,
                           _("The redacted report was not saved: it would show words of an answer you gave in "
                             "your own words (the report says them too, and which is which cannot be told). "
                             "Nothing was written. Answer that question with one of its choices, or not at "
                             "all, and write the report again."));
      return;
    }
  g_set_error (error, LD_ERROR, LD_ERROR_REDACTION,
               _("The redacted report was not saved: it still contained %s from the logs, which redaction "
                 "must replace. Nothing was written. Please report this as a bug of LyncDiag, with the kind "
                 "of value named here (not the value)."),
               ld_redact_kind_get_label (kind));
}

/* The check over the views of @text; @pdf_lines says the text is a
 * PDF's, whose lines may split a wrapped value. */
gboolean
_ld_redactor_check (LdRedactor   *self,
       const char   *text,
       gsize         len,
       gboolean      pdf_lines,
       GCancellable *cancellable,
       GError      **error)
{
  Automaton a = { 0 };
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok = TRUE;
  gboolean cancelled = FALSE;
  char *views[5] = { NULL };
  guint n_views = 0;

  if (self->overflow)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_REDACTION,
                   _("The redacted report was not saved: the logs hold more names and addresses than "
                     "LyncDiag can check the report for. Write a report of fewer logs."));
      return FALSE;
    }

  a.nodes = g_array_sized_new (FALSE, TRUE, sizeof (Node), 1024);
  a.needles = g_ptr_array_new ();
  a.info = g_array_new (FALSE, FALSE, sizeof (guint));
  {
    Node root = { 0 };

    g_array_append_val (a.nodes, root);
  }
  g_hash_table_iter_init (&iter, self->needles);
  while (ok && g_hash_table_iter_next (&iter, &key, &value))
    ok = automaton_add (&a, key, GPOINTER_TO_UINT (value));
  if (!ok)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_REDACTION,
                   _("The redacted report was not saved: the logs hold more names and addresses than "
                     "LyncDiag can check the report for. Write a report of fewer logs."));
      goto out;
    }
  automaton_finish (&a);

  {
    g_autofree char *unescaped = unescape_view (text, len);
    g_autofree char *percent = percent_view (unescaped, strlen (unescaped));

    views[n_views++] = fold_view (text, len, FALSE);
    views[n_views++] = fold_view (unescaped, strlen (unescaped), FALSE);
    views[n_views++] = fold_view (percent, strlen (percent), FALSE);
    if (pdf_lines)
      views[n_views++] = fold_view (text, len, TRUE);
    views[n_views++] = digits_view (unescaped, strlen (unescaped));
  }
  for (guint v = 0; v < n_views && ok; v++)
    {
      ViewKind kind = v == n_views - 1 ? VIEW_DIGITS : VIEW_TEXT;
      gssize found = automaton_search (&a, views[v], strlen (views[v]), kind, cancellable, &cancelled);

      if (cancelled)
        {
          g_cancellable_set_error_if_cancelled (cancellable, error);
          ok = FALSE;
        }
      else if (found >= 0)
        {
          set_survived (error, (LdRedactKind) (g_array_index (a.info, guint, found) >> 8));
          ok = FALSE;
        }
    }

out:
  for (guint v = 0; v < n_views; v++)
    g_free (views[v]);
  g_array_unref (a.nodes);
  g_ptr_array_unref (a.needles);
  g_array_unref (a.info);
  return ok;
}

/**
 * ld_redactor_check_text:
 * @self: the redactor of the analysis the report was made from
 * @text: a redacted report as it will be written (Markdown, CSV, JSON)
 * @error: %LD_ERROR_REDACTION naming the kind of value that survived
 *
 * Returns: %TRUE when no value of the logs is in @text in any spelling.
 */
gboolean
ld_redactor_check_text (LdRedactor   *self,
                        const char   *text,
                        gsize         len,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return _ld_redactor_check (self, text, len, FALSE, cancellable, error);
}

/**
 * ld_redactor_check_pdf:
 * @pdf: a redacted report as it will be written
 *
 * The check of ld_redactor_check_text() on the text the PDF shows: its
 * pages (as its fonts map glyphs to characters), bookmarks and metadata.
 * A PDF whose text cannot be read back is refused.
 */
gboolean
ld_redactor_check_pdf (LdRedactor   *self,
                       GBytes       *pdf,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  text = _ld_redact_pdf_dup_text (pdf, cancellable, &local_error);
  if (text == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LD_ERROR, LD_ERROR_REDACTION,
                     _("The redacted report was not saved: its PDF could not be read back to check it (%s). "
                       "Write it as Markdown instead, and report this as a bug of LyncDiag."),
                     local_error->message);
      return FALSE;
    }
  return _ld_redactor_check (self, text, strlen (text), TRUE, cancellable, error);
}
