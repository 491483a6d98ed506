/* ld-win-raw.c - a SIP message as logged, in a text buffer with its file line numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-raw"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-win-raw.h"
#include "ld-win-text.h"

/* A message body of a megabyte (roaming data, a pasted trace) stays
 * readable and quick to show; Copy Message copies all of it. */
#define RAW_MAX_LINE   4000
#define RAW_MAX_TOTAL  (256 * 1024)

static void
ensure_tags (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);

  if (gtk_text_tag_table_lookup (table, "lineno") != NULL)
    return;
  gtk_text_buffer_create_tag (buffer, "lineno", "foreground", "#878787", NULL);
  gtk_text_buffer_create_tag (buffer, "origin", "weight", PANGO_WEIGHT_BOLD,
                              "family", "Sans", NULL);
  gtk_text_buffer_create_tag (buffer, "startline", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "header-name", "foreground", "#3584e4", NULL);
  gtk_text_buffer_create_tag (buffer, "diagnostic", "background", "rgba(224,27,36,0.18)",
                              "weight", PANGO_WEIGHT_BOLD, NULL);
  /* 51004, 51007 and their kind say what happened, not what failed:
   * marked as information, never as an error. */
  gtk_text_buffer_create_tag (buffer, "informational", "background", "rgba(53,132,228,0.14)", NULL);
  /* A code no table knows: bold, neither red nor blue. */
  gtk_text_buffer_create_tag (buffer, "unknown-code", "weight", PANGO_WEIGHT_BOLD, NULL);
  /* What the search matched; after the others, so it shows over them. */
  gtk_text_buffer_create_tag (buffer, "match", "background", "rgba(246,211,45,0.55)",
                              "foreground", "#000000", NULL);
}

char *
ld_win_raw_dup_origin (LdAnalysis         *analysis,
                       const LdSipMessage *msg)
{
  GPtrArray *inputs = ld_analysis_get_inputs (analysis);
  const LdInput *input = msg->input < inputs->len ? g_ptr_array_index (inputs, msg->input) : NULL;
  g_autofree char *time = ld_format_time (msg->time);
  g_autofree char *name = NULL;

  name = g_path_get_basename (input ? ld_input_get_display_name (input) : "?");
  return g_strdup_printf (msg->direction == LD_DIRECTION_SENT
                          ? _("%s, line %llu — %s — sent to %s")
                          : _("%s, line %llu — %s — received from %s"),
                          name, (unsigned long long) msg->line, time, msg->remote ? msg->remote : "?");
}

typedef enum
{
  LINE_PLAIN,
  LINE_FAILURE,        /* a diagnostic that reports a failure */
  LINE_INFORMATIONAL,  /* one that says what happened (51004, 51007 …) */
  LINE_UNKNOWN,        /* a code the tables do not know */
} LineKind;

/* A diagnostic header line, and what its code says by itself
 * (ld_code_get_verdict(), the knowledge table): a failure, information,
 * or nothing known. MediaDebug and Reason lines carry the detail of a
 * failure. */
static LineKind
diagnostic_line_kind (const char *line)
{
  const char *colon = strchr (line, ':');
  LdDiagHeader header;

  if (colon != NULL && colon - line < 64)
    {
      g_autofree char *name = g_strstrip (g_strndup (line, colon - line));

      if (ld_diag_header_from_name (name, &header))
        {
          const char *v = colon + 1;
          guint64 code = 0;

          while (*v == ' ' || *v == '\t')
            v++;
          if (g_ascii_isdigit (*v))
            {
              char *end = NULL;

              code = g_ascii_strtoull (v, &end, 10);
              switch (code <= G_MAXINT ? ld_code_get_verdict (header, (int) code) : LD_CODE_UNKNOWN)
                {
                case LD_CODE_INFORMATIONAL:
                  return LINE_INFORMATIONAL;
                case LD_CODE_UNKNOWN:
                  return LINE_UNKNOWN;
                case LD_CODE_FAILURE:
                default:
                  return LINE_FAILURE;
                }
            }
          return LINE_UNKNOWN;
        }
    }
  if (strstr (line, "MediaDebug") != NULL || g_ascii_strncasecmp (line, "Reason:", 7) == 0)
    return LINE_FAILURE;
  return LINE_PLAIN;
}

/* Marks what @filter matched in the line just inserted, which starts at
 * @line_offset of the buffer. */
static void
mark_matches (GtkTextBuffer         *buffer,
              const LdMessageFilter *filter,
              const char            *line,
              int                    line_offset)
{
  gsize from = 0, start, end;

  while (ld_message_filter_find_highlight (filter, line, from, &start, &end))
    {
      GtkTextIter s, e;

      gtk_text_buffer_get_iter_at_offset (buffer, &s, line_offset + (int) g_utf8_pointer_to_offset (line, line + start));
      gtk_text_buffer_get_iter_at_offset (buffer, &e, line_offset + (int) g_utf8_pointer_to_offset (line, line + end));
      gtk_text_buffer_apply_tag_by_name (buffer, "match", &s, &e);
      from = end;
    }
}

/* Each line of the record carries the line number it has in the log file,
 * so a user can find it again in Notepad or show it to a colleague. */
gboolean
ld_win_raw_show (GtkTextBuffer      *buffer,
                 LdAnalysis         *analysis,
                 const LdSipMessage *msg)
{
  return ld_win_raw_show_marked (buffer, analysis, msg, NULL);
}

/**
 * ld_win_raw_show_marked:
 * @buffer: the text view's buffer
 * @analysis: the message's analysis
 * @msg: (nullable): the message, or %NULL to empty the buffer
 * @filter: (nullable): a search whose matches are marked
 *
 * Shows @msg as logged, each line with its number in the file, the start
 * line in bold, header names coloured, diagnostics that report a failure
 * in red and informational ones in blue. Long lines and long messages
 * are cut with a mark (Copy Message copies all of it). Its text is read
 * from its log file when it was left there (ld-message-text.c); a file
 * that changed on disk since is said instead.
 *
 * Returns: whether @msg's text is shown (what Copy Message copies)
 */
gboolean
ld_win_raw_show_marked (GtkTextBuffer         *buffer,
                        LdAnalysis            *analysis,
                        const LdSipMessage    *msg,
                        const LdMessageFilter *filter)
{
  g_autofree char *origin = NULL;
  g_autofree char *text = NULL;
  g_autofree char *whole = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter iter;
  gboolean in_body = FALSE;
  const char *line;
  guint n = 0;
  int line_start;
  GtkTextTag *hanging;

  ensure_tags (buffer);
  hanging = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "hanging");
  gtk_text_buffer_set_text (buffer, "", 0);
  if (msg == NULL)
    return FALSE;

  gtk_text_buffer_get_end_iter (buffer, &iter);
  origin = ld_win_raw_dup_origin (analysis, msg);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, origin, -1, "origin", NULL);
  gtk_text_buffer_insert (buffer, &iter, "\n\n", -1);

  if (!ld_sip_message_has_text (msg))
    {
      gtk_text_buffer_insert (buffer, &iter, _("The text of this message was not kept."), -1);
      return FALSE;
    }
  whole = ld_analysis_dup_message_text (analysis, msg, NULL, &error);
  if (whole == NULL)
    {
      gtk_text_buffer_insert (buffer, &iter, error->message, -1);
      return FALSE;
    }

  text = ld_win_text_dup_capped (whole, RAW_MAX_LINE, RAW_MAX_TOTAL, NULL);
  for (line = text; *line != '\0'; n++)
    {
      const char *eol = strchr (line, '\n');
      gsize len = eol != NULL ? (gsize) (eol - line) : strlen (line);
      g_autofree char *num = g_strdup_printf ("%6" G_GUINT64_FORMAT "  ", msg->line + n);
      g_autofree char *copy = NULL;
      const char *colon;
      int offset;
      LineKind kind;

      if (len > 0 && line[len - 1] == '\r')
        len--;
      copy = g_strndup (line, len);
      line = eol != NULL ? eol + 1 : line + strlen (line);

      line_start = gtk_text_iter_get_offset (&iter);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, num, -1, "lineno", NULL);
      offset = gtk_text_iter_get_offset (&iter);
      if (n == 0)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, copy, -1, "startline", NULL);
      else if (!in_body && len == 0)
        in_body = TRUE;
      else if (!in_body && (kind = diagnostic_line_kind (copy)) != LINE_PLAIN)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, copy, -1,
                                                  kind == LINE_FAILURE ? "diagnostic"
                                                  : kind == LINE_INFORMATIONAL ? "informational" : "unknown-code",
                                                  NULL);
      else if (!in_body && (colon = strchr (copy, ':')) != NULL)
        {
          gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, copy, colon - copy + 1, "header-name", NULL);
          gtk_text_buffer_insert (buffer, &iter, colon + 1, -1);
        }
      else if (in_body && strstr (copy, "MediaDebug") != NULL)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, copy, -1, "diagnostic", NULL);
      else
        gtk_text_buffer_insert (buffer, &iter, copy, -1);
      if (filter != NULL)
        mark_matches (buffer, filter, copy, offset);
      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
      if (hanging != NULL)
        {
          GtkTextIter s;

          gtk_text_buffer_get_iter_at_offset (buffer, &s, line_start);
          gtk_text_buffer_apply_tag (buffer, hanging, &s, &iter);
        }
    }
  ld_win_text_buffer_no_hyphens (buffer);
  return TRUE;
}

static void
update_hanging_indent (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, "hanging");
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (view));
  PangoFontDescription *font = pango_font_description_from_string ("Monospace");
  PangoFontMetrics *metrics;
  int width;

  pango_font_description_merge (font, pango_context_get_font_description (context), FALSE);
  pango_font_description_set_family (font, "Monospace");
  metrics = pango_context_get_metrics (context, font, NULL);
  /* "   253  ": six digits and two spaces, as ld_win_raw_show() writes. */
  width = PANGO_PIXELS (pango_font_metrics_get_approximate_digit_width (metrics) * 8);
  pango_font_metrics_unref (metrics);
  pango_font_description_free (font);
  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, "hanging", NULL);
  /* A negative indent hangs: the lines after the first start that far in. */
  g_object_set (tag, "indent", -width, NULL);
}

/**
 * ld_win_raw_setup_view:
 * @view: a text view ld_win_raw_show() fills
 *
 * A wrapped line of the message goes on under its text, not under its
 * line number.
 */
void
ld_win_raw_setup_view (GtkTextView *view)
{
  g_signal_connect (view, "realize", G_CALLBACK (update_hanging_indent), NULL);
  update_hanging_indent (view);
}
