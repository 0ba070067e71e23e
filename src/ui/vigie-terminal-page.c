/* vigie-terminal-page.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-terminal-page.h"
#include "vigie-ui-a11y.h"

struct _VigieTerminalPage
{
  AdwBin       parent_instance;

  /* template children */
  GtkStack    *stack;
  AdwTabView  *tab_view;
  AdwTabBar   *tab_bar;
};

G_DEFINE_FINAL_TYPE (VigieTerminalPage, vigie_terminal_page, ADW_TYPE_BIN)

static void
on_tab_view_n_pages_changed_cb (VigieTerminalPage *self)
{
  if (self->tab_view == NULL || self->stack == NULL)
    return;
  gtk_stack_set_visible_child_name (self->stack,
                                    adw_tab_view_get_n_pages (self->tab_view) > 0 ? "tabs"
                                                                                  : "empty");
}

static void
on_tab_view_selected_page_changed_cb (VigieTerminalPage *self)
{
  AdwTabPage *page;

  if (self->tab_view == NULL)
    return;
  page = adw_tab_view_get_selected_page (self->tab_view);
  if (page != NULL)
    {
      adw_tab_page_set_needs_attention (page, FALSE);
      gtk_widget_grab_focus (adw_tab_page_get_child (page));
    }
}

static void
on_terminal_ended (VigieTerminal *terminal,
                   GParamSpec    *pspec,
                   AdwTabPage    *page)
{
  adw_tab_page_set_needs_attention (page, vigie_terminal_get_ended (terminal) &&
                                          !adw_tab_page_get_selected (page));
}

static VigieTerminal *
add_terminal (VigieTerminalPage *self,
              VigieTerminal     *terminal)
{
  AdwTabPage *page = adw_tab_view_append (self->tab_view, GTK_WIDGET (terminal));
  g_autoptr(GIcon) icon = g_themed_icon_new ("utilities-terminal-symbolic");

  g_object_bind_property (terminal, "title", page, "title", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (terminal, "notify::ended", G_CALLBACK (on_terminal_ended), page, 0);
  adw_tab_page_set_icon (page, icon);
  adw_tab_view_set_selected_page (self->tab_view, page);
  /* The new tab's close button. */
  vigie_ui_name_icon_buttons (GTK_WIDGET (self->tab_bar));
  gtk_widget_grab_focus (GTK_WIDGET (terminal));
  return terminal;
}

/**
 * vigie_terminal_page_open_command:
 *
 * Opens a tab running @argv (an ssh command line) and selects it.
 *
 * Returns: (transfer none): the new terminal
 */
VigieTerminal *
vigie_terminal_page_open_command (VigieTerminalPage  *self,
                                  const char         *title,
                                  const char * const *argv)
{
  VigieTerminal *terminal;

  g_return_val_if_fail (VIGIE_IS_TERMINAL_PAGE (self), NULL);
  g_return_val_if_fail (argv != NULL, NULL);

  terminal = vigie_terminal_new (title);
  add_terminal (self, terminal);
  vigie_terminal_spawn (terminal, argv);
  return terminal;
}

/**
 * vigie_terminal_page_open_console:
 *
 * Opens a tab bridged to @console and selects it.
 *
 * Returns: (transfer none) (nullable): the new terminal, %NULL when no PTY
 *   could be made
 */
VigieTerminal *
vigie_terminal_page_open_console (VigieTerminalPage  *self,
                                  const char         *title,
                                  VigieConsole       *console,
                                  GError            **error)
{
  VigieTerminal *terminal;

  g_return_val_if_fail (VIGIE_IS_TERMINAL_PAGE (self), NULL);
  g_return_val_if_fail (VIGIE_IS_CONSOLE (console), NULL);

  terminal = g_object_ref_sink (vigie_terminal_new (title));
  if (!vigie_terminal_attach_console (terminal, console, error))
    {
      g_object_unref (terminal);
      return NULL;
    }
  add_terminal (self, terminal);
  g_object_unref (terminal);
  return terminal;
}

guint
vigie_terminal_page_get_n_terminals (VigieTerminalPage *self)
{
  g_return_val_if_fail (VIGIE_IS_TERMINAL_PAGE (self), 0);
  return adw_tab_view_get_n_pages (self->tab_view);
}

static void
vigie_terminal_page_dispose (GObject *object)
{
  /* AdwBin unparents its child itself: drop it first, or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VIGIE_TYPE_TERMINAL_PAGE);

  G_OBJECT_CLASS (vigie_terminal_page_parent_class)->dispose (object);
}

static void
vigie_terminal_page_class_init (VigieTerminalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_terminal_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-terminal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieTerminalPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieTerminalPage, tab_view);
  gtk_widget_class_bind_template_child (widget_class, VigieTerminalPage, tab_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_tab_view_n_pages_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tab_view_selected_page_changed_cb);
}

/* Ctrl+Shift+W closes the selected tab, as in GNOME Console: plain Ctrl+W
 * belongs to the shell (it erases a word). In the capture phase, before
 * the terminal sends the keys to the remote side. */
static gboolean
close_tab_shortcut (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  VigieTerminalPage *self = VIGIE_TERMINAL_PAGE (widget);
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  if (page == NULL)
    return FALSE;
  adw_tab_view_close_page (self->tab_view, page);
  return TRUE;
}

static void
vigie_terminal_page_init (VigieTerminalPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_w, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                      gtk_callback_action_new (close_tab_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
vigie_terminal_page_new (void)
{
  return g_object_new (VIGIE_TYPE_TERMINAL_PAGE, NULL);
}
