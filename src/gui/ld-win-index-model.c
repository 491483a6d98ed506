/* ld-win-index-model.c - a list model over chosen items of an array, made on demand
 *
 * A 500 MB log holds about 450 000 SIP messages. A GListStore of one
 * object each, filtered by a GtkFilterListModel, costs the main loop
 * seconds to build and again on every search. This model holds only the
 * indices of the items shown, in order, and makes an LdWinRow when the
 * view asks for one, i.e. for the rows on screen: a new search is one
 * array and one items-changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-index-model"

#include "config.h"

#include "ld-win-index-model.h"
#include "ld-win-row.h"

struct _LdWinIndexModel
{
  GObject    parent_instance;

  GObject   *owner;     /* keeps items alive */
  GPtrArray *items;     /* borrowed from owner */
  GArray    *indices;   /* guint, into items */
};

static GType
ld_win_index_model_get_item_type (GListModel *model)
{
  return LD_WIN_TYPE_ROW;
}

static guint
ld_win_index_model_get_n_items (GListModel *model)
{
  return LD_WIN_INDEX_MODEL (model)->indices->len;
}

static gpointer
ld_win_index_model_get_item (GListModel *model,
                             guint       position)
{
  LdWinIndexModel *self = LD_WIN_INDEX_MODEL (model);
  guint index;

  if (position >= self->indices->len)
    return NULL;
  index = g_array_index (self->indices, guint, position);
  return ld_win_row_new (g_ptr_array_index (self->items, index), index);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ld_win_index_model_get_item_type;
  iface->get_n_items = ld_win_index_model_get_n_items;
  iface->get_item = ld_win_index_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (LdWinIndexModel, ld_win_index_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
ld_win_index_model_finalize (GObject *object)
{
  LdWinIndexModel *self = LD_WIN_INDEX_MODEL (object);

  g_clear_pointer (&self->indices, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->owner);
  G_OBJECT_CLASS (ld_win_index_model_parent_class)->finalize (object);
}

static void
ld_win_index_model_class_init (LdWinIndexModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ld_win_index_model_finalize;
}

static void
ld_win_index_model_init (LdWinIndexModel *self)
{
  self->indices = g_array_new (FALSE, FALSE, sizeof (guint));
}

LdWinIndexModel *
ld_win_index_model_new (void)
{
  return g_object_new (LD_WIN_TYPE_INDEX_MODEL, NULL);
}

/**
 * ld_win_index_model_set:
 * @owner: (nullable): the object that owns @items
 * @items: (nullable): the items
 * @indices: (transfer full) (nullable) (element-type guint): which of
 *   @items to show, in order; each less than @items->len
 *
 * Replaces what the model shows, with one items-changed.
 */
void
ld_win_index_model_set (LdWinIndexModel *self,
                        GObject         *owner,
                        GPtrArray       *items,
                        GArray          *indices)
{
  guint removed;

  g_return_if_fail (LD_WIN_IS_INDEX_MODEL (self));
  g_return_if_fail (items != NULL || indices == NULL || indices->len == 0);

  removed = self->indices->len;
  if (owner != NULL)
    g_object_ref (owner);
  g_clear_object (&self->owner);
  self->owner = owner;
  if (items != NULL)
    g_ptr_array_ref (items);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items;
  g_array_unref (self->indices);
  self->indices = indices != NULL ? indices : g_array_new (FALSE, FALSE, sizeof (guint));

  if (removed > 0 || self->indices->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->indices->len);
}

guint
ld_win_index_model_get_index (LdWinIndexModel *self,
                              guint            position)
{
  g_return_val_if_fail (position < self->indices->len, 0);
  return g_array_index (self->indices, guint, position);
}

gpointer
ld_win_index_model_get_data (LdWinIndexModel *self,
                             guint            position)
{
  if (position >= self->indices->len)
    return NULL;
  return g_ptr_array_index (self->items, g_array_index (self->indices, guint, position));
}

/**
 * ld_win_index_model_find:
 *
 * Returns: the position showing @data, or %G_MAXUINT (which is
 *   GTK_INVALID_LIST_POSITION)
 */
guint
ld_win_index_model_find (LdWinIndexModel *self,
                         gconstpointer    data)
{
  for (guint i = 0; i < self->indices->len; i++)
    if (g_ptr_array_index (self->items, g_array_index (self->indices, guint, i)) == data)
      return i;
  return G_MAXUINT;
}
