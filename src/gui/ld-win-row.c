/* ld-win-row.c - one attempt, message or finding as an item of a GListModel
 *
 * The analysis owns the plain C structs; rows only point at them, so a
 * 100 000-message log costs one small object per message. The window keeps
 * the analysis alive for as long as any model holds rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-row"

#include "config.h"

#include "ld-win-row.h"

struct _LdWinRow
{
  GObject  parent_instance;
  gpointer data;
  guint    index;
};

G_DEFINE_FINAL_TYPE (LdWinRow, ld_win_row, G_TYPE_OBJECT)

static void
ld_win_row_class_init (LdWinRowClass *klass)
{
}

static void
ld_win_row_init (LdWinRow *self)
{
}

LdWinRow *
ld_win_row_new (gpointer data,
                guint    index)
{
  LdWinRow *self = g_object_new (LD_WIN_TYPE_ROW, NULL);

  self->data = data;
  self->index = index;
  return self;
}

gpointer
ld_win_row_get_data (LdWinRow *self)
{
  g_return_val_if_fail (LD_WIN_IS_ROW (self), NULL);
  return self->data;
}

guint
ld_win_row_get_index (LdWinRow *self)
{
  g_return_val_if_fail (LD_WIN_IS_ROW (self), 0);
  return self->index;
}
