/* vigie-wrap-box.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines are filled left to right with each child at its natural width
 * (or the line's width when that is less, never below its minimum); a
 * child that does not fit starts a new line. The minimum width is the
 * widest child's minimum: this is what lets a window be narrow.
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include "vigie-wrap-box.h"

struct _VigieWrapBox
{
  GtkWidget parent_instance;

  int       spacing;
  int       row_spacing;
};

static void vigie_wrap_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieWrapBox, vigie_wrap_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      vigie_wrap_box_buildable_init))

enum {
  PROP_0,
  PROP_SPACING,
  PROP_ROW_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  GtkWidget *widget;
  int        width;
  int        height;
  int        line;
} Item;

/* Places the visible children on lines for @width; returns the height. */
static int
layout (VigieWrapBox *self,
        int           width,
        GArray       *items)
{
  int x = 0, line = 0, line_height = 0, total = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Item item = { child, 0, 0, 0 };
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      item.width = width < 0 ? nat : MAX (min, MIN (nat, width));
      if (x > 0 && width >= 0 && x + self->spacing + item.width > width)
        {
          total += line_height + self->row_spacing;
          line++;
          x = 0;
          line_height = 0;
        }
      else if (x > 0)
        x += self->spacing;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, item.width, &min, NULL, NULL, NULL);
      item.height = min;
      item.line = line;
      x += item.width;
      line_height = MAX (line_height, item.height);
      if (items != NULL)
        g_array_append_val (items, item);
    }
  return total + line_height;
}

static GtkSizeRequestMode
vigie_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
vigie_wrap_box_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  VigieWrapBox *self = VIGIE_WRAP_BOX (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gboolean first = TRUE;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min, nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural += nat + (first ? 0 : self->spacing);
          first = FALSE;
        }
    }
  else
    {
      /* One line at the natural width; as many as needed for @for_size. */
      *natural = layout (self, -1, NULL);
      *minimum = for_size < 0 ? *natural : layout (self, for_size, NULL);
      *natural = MAX (*natural, *minimum);
    }
}

static void
vigie_wrap_box_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  VigieWrapBox *self = VIGIE_WRAP_BOX (widget);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int y = 0;

  layout (self, width, items);
  for (guint start = 0; start < items->len;)
    {
      guint end = start;
      int used = 0, expanders = 0, line_height = 0, x = 0, extra;

      while (end < items->len &&
             g_array_index (items, Item, end).line == g_array_index (items, Item, start).line)
        {
          Item *item = &g_array_index (items, Item, end);

          used += item->width + (end > start ? self->spacing : 0);
          line_height = MAX (line_height, item->height);
          if (gtk_widget_compute_expand (item->widget, GTK_ORIENTATION_HORIZONTAL))
            expanders++;
          end++;
        }
      extra = MAX (0, width - used);
      for (guint i = start; i < end; i++)
        {
          Item *item = &g_array_index (items, Item, i);
          GtkAllocation allocation;

          if (expanders > 0 && gtk_widget_compute_expand (item->widget,
                                                          GTK_ORIENTATION_HORIZONTAL))
            {
              int share = extra / expanders;

              item->width += share;
              extra -= share;
              expanders--;
            }
          allocation.x = rtl ? width - x - item->width : x;
          allocation.y = y;
          allocation.width = item->width;
          allocation.height = line_height;
          gtk_widget_size_allocate (item->widget, &allocation, -1);
          x += item->width + self->spacing;
        }
      y += line_height + self->row_spacing;
      start = end;
    }
}

static void
vigie_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vigie_wrap_box_parent_class)->dispose (object);
}

static void
vigie_wrap_box_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VigieWrapBox *self = VIGIE_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_ROW_SPACING:
      g_value_set_int (value, self->row_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_wrap_box_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VigieWrapBox *self = VIGIE_WRAP_BOX (object);
  int *field;

  switch (prop_id)
    {
    case PROP_SPACING:
      field = &self->spacing;
      break;
    case PROP_ROW_SPACING:
      field = &self->row_spacing;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (*field == g_value_get_int (value))
    return;
  *field = g_value_get_int (value);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (object, pspec);
}

static void
vigie_wrap_box_class_init (VigieWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_wrap_box_dispose;
  object_class->get_property = vigie_wrap_box_get_property;
  object_class->set_property = vigie_wrap_box_set_property;
  widget_class->get_request_mode = vigie_wrap_box_get_request_mode;
  widget_class->measure = vigie_wrap_box_measure;
  widget_class->size_allocate = vigie_wrap_box_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT16, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ROW_SPACING] =
    g_param_spec_int ("row-spacing", NULL, NULL, 0, G_MAXINT16, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vigie_wrap_box_init (VigieWrapBox *self)
{
}

static void
vigie_wrap_box_buildable_add_child (GtkBuildable *buildable,
                                    GtkBuilder   *builder,
                                    GObject      *child,
                                    const char   *type)
{
  g_return_if_fail (GTK_IS_WIDGET (child));

  vigie_wrap_box_append (VIGIE_WRAP_BOX (buildable), GTK_WIDGET (child));
}

static void
vigie_wrap_box_buildable_init (GtkBuildableIface *iface)
{
  iface->add_child = vigie_wrap_box_buildable_add_child;
}

GtkWidget *
vigie_wrap_box_new (void)
{
  return g_object_new (VIGIE_TYPE_WRAP_BOX, NULL);
}

void
vigie_wrap_box_append (VigieWrapBox *self,
                       GtkWidget    *child)
{
  g_return_if_fail (VIGIE_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}
