/* ld-report-rich.c - the rules' and the wizard's text as paragraphs, lists and tables
 *
 * Findings and wizard steps are written as plain text for the terminal:
 * paragraphs, indented "•" or "1." items, and indented "0x20  meaning"
 * columns. The report sets them as what they are — a list as a list, a
 * decode as a two-column table — instead of a monospace dump.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <string.h>

#include "ld-report-private.h"

static void
block_free (gpointer data)
{
  LdReportBlock *b = data;

  g_free (b->text);
  g_free (b->key);
  g_free (b);
}

static LdReportBlock *
add_block (GPtrArray        *blocks,
           LdReportBlockKind kind,
           const char       *text,
           int               indent)
{
  LdReportBlock *b = g_new0 (LdReportBlock, 1);

  b->kind = kind;
  b->text = g_strdup (text);
  b->indent = indent;
  g_ptr_array_add (blocks, b);
  return b;
}

/* "0x4000000  TCP-TCP checks failed": a token, two spaces or more, text. */
static gboolean
split_row (const char  *line,
           char       **key,
           char       **value)
{
  const char *gap = strstr (line, "  ");
  const char *rest;

  if (gap == NULL || gap == line || memchr (line, ' ', gap - line) != NULL)
    return FALSE;
  rest = gap + strspn (gap, " ");
  if (*rest == '\0')
    return FALSE;
  *key = g_strndup (line, gap - line);
  *value = g_strdup (rest);
  return TRUE;
}

/* "• text", "- text", "1. text", "2) text": the marker's length, or 0. */
static gsize
list_marker (const char *line,
             gboolean   *numbered,
             int        *number)
{
  if (g_str_has_prefix (line, "• ") || g_str_has_prefix (line, "- ") || g_str_has_prefix (line, "* "))
    {
      *numbered = FALSE;
      return g_str_has_prefix (line, "• ") ? strlen ("• ") : 2;
    }
  if (g_ascii_isdigit (line[0]))
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (line, &end, 10);

      if (end != NULL && (*end == '.' || *end == ')') && end[1] == ' ' && n < 1000)
        {
          *numbered = TRUE;
          *number = (int) n;
          return (gsize) (end - line) + 2;
        }
    }
  return 0;
}

/**
 * _ld_report_parse_rich:
 * @text: valid UTF-8, as a rule or the wizard wrote it
 *
 * Returns: (transfer container) (element-type LdReportBlock): the blocks.
 */
GPtrArray *
_ld_report_parse_rich (const char *text)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func (block_free);
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  LdReportBlock *item = NULL;    /* a list item that indented lines continue */
  int item_indent = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      int indent = (int) strspn (line, " \t");
      const char *body = line + indent;
      gboolean numbered = FALSE;
      int number = 0;
      gsize marker;
      char *key = NULL, *value = NULL;

      g_strchomp ((char *) body);
      if (*body == '\0')
        {
          item = NULL;
          continue;
        }
      marker = list_marker (body, &numbered, &number);
      if (marker > 0)
        {
          item = add_block (blocks, numbered ? LD_REPORT_BLOCK_NUMBERED : LD_REPORT_BLOCK_BULLET,
                            body + marker, indent);
          item->number = number;
          item_indent = indent;
          continue;
        }
      /* A deeper line under an item is the rest of its sentence. */
      if (item != NULL && indent > item_indent)
        {
          g_autofree char *joined = g_strconcat (item->text, " ", body, NULL);

          g_free (item->text);
          item->text = g_steal_pointer (&joined);
          continue;
        }
      item = NULL;
      if (indent > 0 && split_row (body, &key, &value))
        {
          LdReportBlock *row = add_block (blocks, LD_REPORT_BLOCK_ROW, value, indent);

          row->key = key;
          g_free (value);
          continue;
        }
      add_block (blocks, indent > 0 ? LD_REPORT_BLOCK_INDENTED : LD_REPORT_BLOCK_PARAGRAPH, body, indent);
    }
  return blocks;
}
