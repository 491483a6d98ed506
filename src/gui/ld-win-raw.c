/* ld-win-raw.c - a SIP message as logged, in a text buffer with its file line numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-raw"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-win-raw.h"

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

static gboolean
is_diagnostic_line (const char *line)
{
  return g_ascii_strncasecmp (line, "ms-diagnostics", 14) == 0 ||
         g_ascii_strncasecmp (line, "ms-client-diagnostics", 21) == 0 ||
         g_ascii_strncasecmp (line, "ms-diagnostics-public", 21) == 0 ||
         strstr (line, "MediaDebug") != NULL ||
         g_ascii_strncasecmp (line, "Reason:", 7) == 0;
}

/* Each line of the record carries the line number it has in the log file,
 * so a user can find it again in Notepad or show it to a colleague. */
void
ld_win_raw_show (GtkTextBuffer      *buffer,
                 LdAnalysis         *analysis,
                 const LdSipMessage *msg)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *origin = NULL;
  GtkTextIter iter;
  gboolean in_body = FALSE;

  ensure_tags (buffer);
  gtk_text_buffer_set_text (buffer, "", 0);
  if (msg == NULL)
    return;

  gtk_text_buffer_get_end_iter (buffer, &iter);
  origin = ld_win_raw_dup_origin (analysis, msg);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, origin, -1, "origin", NULL);
  gtk_text_buffer_insert (buffer, &iter, "\n\n", -1);

  if (msg->raw == NULL)
    {
      gtk_text_buffer_insert (buffer, &iter, _("The text of this message was not kept."), -1);
      return;
    }

  lines = g_strsplit (msg->raw, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *num = g_strdup_printf ("%6" G_GUINT64_FORMAT "  ", msg->line + i);
      char *line = lines[i];
      gsize len = strlen (line);
      const char *colon;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (lines[i + 1] == NULL && len == 0)
        break;

      gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, num, -1, "lineno", NULL);
      if (i == 0)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, line, -1, "startline", NULL);
      else if (!in_body && len == 0)
        in_body = TRUE;
      else if (!in_body && is_diagnostic_line (line))
        gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, line, -1, "diagnostic", NULL);
      else if (!in_body && (colon = strchr (line, ':')) != NULL)
        {
          gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, line, colon - line + 1, "header-name", NULL);
          gtk_text_buffer_insert (buffer, &iter, colon + 1, -1);
        }
      else if (in_body && strstr (line, "MediaDebug") != NULL)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, line, -1, "diagnostic", NULL);
      else
        gtk_text_buffer_insert (buffer, &iter, line, -1);
      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
    }
}
