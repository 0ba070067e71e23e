/* vigie-terminal.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A VigieConsole is a byte stream, not a process, so it gets a PTY pair of
 * its own: VTE owns the master like it would for a child, and we sit on the
 * raw-mode slave, shuttling bytes between it and the console. VTE sizes the
 * PTY from its allocation; we learn about it in size_allocate, since VTE
 * for GTK 4 has no signal for it and we are no process that gets SIGWINCH.
 */

#define G_LOG_DOMAIN "vigie-ui"
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "vigie-terminal.h"
#include "vigie-ui-util.h"

/* Console output waiting for the PTY: past PENDING_MAX the console is
 * paused until VTE has read it down to PENDING_LOW. */
#define PENDING_MAX (1024 * 1024)
#define PENDING_LOW (64 * 1024)

struct _VigieTerminal
{
  GtkWidget      parent_instance;

  char          *base_title;
  char          *title;
  char          *message;
  GStrv          argv;          /* ssh sessions, for Reconnect */
  GCancellable  *cancellable;
  GPid           child_pid;
  gboolean       ended;
  int            exit_status;

  /* console sessions */
  VigieConsole  *console;
  int            slave_fd;
  guint          read_id;
  guint          write_id;
  GByteArray    *pending;       /* console output the slave did not take yet */
  glong          columns;
  glong          rows;
  guint          resize_id;

  /* template children */
  GtkWidget     *box;
  GtkRevealer   *banner;
  GtkLabel      *banner_label;
  GtkButton     *reconnect_button;
  VteTerminal   *vte;
};

G_DEFINE_FINAL_TYPE (VigieTerminal, vigie_terminal, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ENDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (VigieTerminal *self)
{
  g_autofree char *title = NULL;

  if (self->ended)
    /* Translators: a terminal tab's title once its session is over */
    title = g_strdup_printf (_("%s (ended)"), self->base_title);
  else
    title = g_strdup (self->base_title);

  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_steal_pointer (&title);
  /* GTK 4.8 names the terminal after its class, “VteTerminal”. */
  if (self->vte != NULL)
    {
      /* Translators: a terminal's name for screen readers: its tab's title */
      g_autofree char *name = g_strdup_printf (_("Terminal: %s"), self->title);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->vte), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_ended (VigieTerminal *self,
           int            exit_status,
           const char    *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->reconnect_button), self->argv != NULL);
  self->exit_status = exit_status;
  if (!self->ended)
    {
      self->ended = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDED]);
    }
  update_title (self);
}

static char *
describe_exit (int         exit_status,
               const char *detail)
{
  if (detail != NULL && *detail != '\0')
    {
      if (exit_status >= 0)
        /* Translators: %d is a process exit status, %s why the session ended */
        return g_strdup_printf (_("Session ended (exit status %d): %s"), exit_status, detail);
      /* Translators: %s is why the session ended */
      return g_strdup_printf (_("Session ended: %s"), detail);
    }
  if (exit_status >= 0)
    return g_strdup_printf (_("Session ended (exit status %d)"), exit_status);
  return g_strdup (_("Session ended"));
}

/* ssh and other local children */

static void
on_vte_child_exited_cb (VigieTerminal *self,
                        int            status)
{
  g_autofree char *message = NULL;

  /* VTE may emit this while it is being disposed (it kills the child). */
  if (self->vte == NULL)
    return;
  self->child_pid = 0;
  if (WIFEXITED (status))
    {
      message = describe_exit (WEXITSTATUS (status), NULL);
      set_ended (self, WEXITSTATUS (status), message);
    }
  else if (WIFSIGNALED (status))
    {
      /* Translators: %d is a signal number */
      message = g_strdup_printf (_("Session ended (terminated by signal %d)"), WTERMSIG (status));
      set_ended (self, -1, message);
    }
  else
    set_ended (self, -1, _("Session ended"));
}

static void
spawn_cb (VteTerminal *vte,
          GPid         pid,
          GError      *error,
          gpointer     user_data)
{
  g_autoptr(VigieTerminal) self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->vte == NULL)
    return;
  if (error != NULL)
    {
      /* Translators: %s is why a program could not be started */
      g_autofree char *message = g_strdup_printf (_("Could not start the session: %s"),
                                                  error->message);
      set_ended (self, -1, message);
      return;
    }
  self->child_pid = pid;
}

static void
start_child (VigieTerminal *self)
{
  g_assert (self->argv != NULL);

  if (self->ended)
    {
      self->ended = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDED]);
      gtk_revealer_set_reveal_child (self->banner, FALSE);
      g_clear_pointer (&self->message, g_free);
      self->exit_status = -1;
      update_title (self);
      vte_terminal_feed (self->vte, "\r\n", 2);
    }
  vte_terminal_spawn_async (self->vte, VTE_PTY_DEFAULT, NULL, self->argv, NULL,
                            G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, -1, self->cancellable,
                            spawn_cb, g_object_ref (self));
}

void
vigie_terminal_spawn (VigieTerminal      *self,
                      const char * const *argv)
{
  g_return_if_fail (VIGIE_IS_TERMINAL (self));
  g_return_if_fail (argv != NULL && argv[0] != NULL);
  g_return_if_fail (self->argv == NULL && self->console == NULL);

  self->argv = g_strdupv ((char **) argv);
  start_child (self);
}

static void
on_reconnect_button_clicked_cb (VigieTerminal *self)
{
  if (self->argv != NULL && self->child_pid == 0)
    start_child (self);
}

/* console sessions */

static void
flush_pending (VigieTerminal *self);

static gboolean
on_slave_writable (int          fd,
                   GIOCondition condition,
                   gpointer     user_data)
{
  VigieTerminal *self = user_data;

  self->write_id = 0;
  flush_pending (self);
  return G_SOURCE_REMOVE;
}

static void
flush_pending (VigieTerminal *self)
{
  while (self->pending->len > 0)
    {
      gssize n = write (self->slave_fd, self->pending->data, self->pending->len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        break;
      if (n < 0)
        {
          g_debug ("Writing to the terminal failed: %s", g_strerror (errno));
          g_byte_array_set_size (self->pending, 0);
          return;
        }
      g_byte_array_remove_range (self->pending, 0, n);
    }
  if (self->console != NULL && self->pending->len <= PENDING_LOW)
    vigie_console_set_paused (self->console, FALSE);
  /* The PTY buffer is full: wait until VTE has read some of it. */
  if (self->pending->len > 0 && self->write_id == 0)
    self->write_id = g_unix_fd_add (self->slave_fd, G_IO_OUT, on_slave_writable, self);
}

static void
on_console_output_cb (VigieTerminal *self,
                      GBytes        *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (self->slave_fd < 0)
    return;
  g_byte_array_append (self->pending, data, length);
  if (self->write_id == 0)
    flush_pending (self);
  /* VTE reads no faster than it draws: hold the console back. */
  if (self->pending->len >= PENDING_MAX)
    vigie_console_set_paused (self->console, TRUE);
}

static void
on_console_closed_cb (VigieTerminal *self,
                      int            exit_status,
                      const char    *detail)
{
  g_autofree char *message = describe_exit (exit_status, detail);

  set_ended (self, exit_status, message);
}

static gboolean
on_slave_readable (int          fd,
                   GIOCondition condition,
                   gpointer     user_data)
{
  VigieTerminal *self = user_data;
  guint8 buffer[4096];

  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        return G_SOURCE_CONTINUE;
      if (n <= 0)
        {
          self->read_id = 0;
          return G_SOURCE_REMOVE;
        }
      /* What the user typed: it goes to the console, not to a process. */
      if (self->console != NULL)
        vigie_console_write (self->console, buffer, n);
    }
}

static gboolean
open_pty_pair (int     *master_out,
               int     *slave_out,
               GError **error)
{
  struct termios tios;
  char name[64];
  int master, slave;

  master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0 || grantpt (master) != 0 || unlockpt (master) != 0 ||
      ptsname_r (master, name, sizeof name) != 0)
    {
      int saved = errno;

      if (master >= 0)
        close (master);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create a terminal: %s"), g_strerror (saved));
      return FALSE;
    }
  slave = open (name, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (slave < 0)
    {
      int saved = errno;

      close (master);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create a terminal: %s"), g_strerror (saved));
      return FALSE;
    }
  /* The remote side has its own line discipline: ours must pass bytes as
   * they are, with no echo, no line editing and no newline translation. */
  if (tcgetattr (slave, &tios) == 0)
    {
      cfmakeraw (&tios);
      tcsetattr (slave, TCSANOW, &tios);
    }
  *master_out = master;
  *slave_out = slave;
  return TRUE;
}

gboolean
vigie_terminal_attach_console (VigieTerminal  *self,
                               VigieConsole   *console,
                               GError        **error)
{
  g_autoptr(VtePty) pty = NULL;
  int master, slave;

  g_return_val_if_fail (VIGIE_IS_TERMINAL (self), FALSE);
  g_return_val_if_fail (VIGIE_IS_CONSOLE (console), FALSE);
  g_return_val_if_fail (self->argv == NULL && self->console == NULL, FALSE);

  if (!open_pty_pair (&master, &slave, error))
    return FALSE;
  pty = vte_pty_new_foreign_sync (master, NULL, error);   /* owns master, even on error */
  if (pty == NULL)
    {
      close (slave);
      return FALSE;
    }
  vte_terminal_set_pty (self->vte, pty);

  self->slave_fd = slave;
  self->console = g_object_ref (console);
  self->read_id = g_unix_fd_add (slave, G_IO_IN | G_IO_HUP | G_IO_ERR, on_slave_readable, self);
  g_signal_connect_object (console, "output", G_CALLBACK (on_console_output_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (console, "closed", G_CALLBACK (on_console_closed_cb), self,
                           G_CONNECT_SWAPPED);
  if (vigie_console_is_closed (console))
    on_console_closed_cb (self, vigie_console_get_exit_status (console), NULL);
  else
    gtk_widget_queue_resize (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
send_resize (gpointer user_data)
{
  VigieTerminal *self = user_data;

  self->resize_id = 0;
  if (self->console != NULL && self->columns > 0 && self->rows > 0)
    vigie_console_resize (self->console, self->columns, self->rows);
  return G_SOURCE_REMOVE;
}

/* GtkWidget */

static void
vigie_terminal_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  VigieTerminal *self = VIGIE_TERMINAL (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
vigie_terminal_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  VigieTerminal *self = VIGIE_TERMINAL (widget);
  glong columns, rows;

  gtk_widget_allocate (self->box, width, height, baseline, NULL);

  /* VTE has resized its PTY during the allocation above; tell the console,
   * outside of the layout pass since it may do I/O. */
  columns = vte_terminal_get_column_count (self->vte);
  rows = vte_terminal_get_row_count (self->vte);
  if (columns != self->columns || rows != self->rows)
    {
      self->columns = columns;
      self->rows = rows;
      if (self->console != NULL && self->resize_id == 0)
        self->resize_id = g_idle_add (send_resize, self);
    }
}

static gboolean
copy_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  VigieTerminal *self = VIGIE_TERMINAL (widget);

  if (!vte_terminal_get_has_selection (self->vte))
    return FALSE;
  vte_terminal_copy_clipboard_format (self->vte, VTE_FORMAT_TEXT);
  return TRUE;
}

static gboolean
paste_shortcut (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  vte_terminal_paste_clipboard (VIGIE_TERMINAL (widget)->vte);
  return TRUE;
}

/* Ctrl+Shift+C and V, as in every GNOME terminal. They are caught before
 * VTE sees them, or VTE would send them to the session. */
static void
add_clipboard_shortcuts (VigieTerminal *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GdkModifierType mods = GDK_CONTROL_MASK | GDK_SHIFT_MASK;

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, mods),
                                                          gtk_callback_action_new (copy_shortcut,
                                                                                   NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, mods),
                                                          gtk_callback_action_new (paste_shortcut,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static gboolean
vigie_terminal_grab_focus (GtkWidget *widget)
{
  VigieTerminal *self = VIGIE_TERMINAL (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->vte));
}

/* GObject */

static void
vigie_terminal_dispose (GObject *object)
{
  VigieTerminal *self = (VigieTerminal *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->read_id, g_source_remove);
  g_clear_handle_id (&self->write_id, g_source_remove);
  g_clear_handle_id (&self->resize_id, g_source_remove);
  if (self->console != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->console, self);
      vigie_console_close (self->console);
      g_clear_object (&self->console);
    }
  if (self->slave_fd >= 0)
    {
      close (self->slave_fd);
      self->slave_fd = -1;
    }
  /* VTE emits child-exited while it is disposed (it kills the child). */
  if (self->vte != NULL)
    g_signal_handlers_disconnect_by_data (self->vte, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_TERMINAL);
  self->vte = NULL;

  G_OBJECT_CLASS (vigie_terminal_parent_class)->dispose (object);
}

static void
vigie_terminal_finalize (GObject *object)
{
  VigieTerminal *self = (VigieTerminal *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending, g_byte_array_unref);
  g_free (self->base_title);
  g_free (self->title);
  g_free (self->message);
  g_strfreev (self->argv);

  G_OBJECT_CLASS (vigie_terminal_parent_class)->finalize (object);
}

static void
vigie_terminal_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VigieTerminal *self = VIGIE_TERMINAL (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ENDED:
      g_value_set_boolean (value, self->ended);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_terminal_class_init (VigieTerminalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_terminal_dispose;
  object_class->finalize = vigie_terminal_finalize;
  object_class->get_property = vigie_terminal_get_property;
  widget_class->measure = vigie_terminal_measure;
  widget_class->size_allocate = vigie_terminal_size_allocate;
  widget_class->grab_focus = vigie_terminal_grab_focus;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENDED] =
    g_param_spec_boolean ("ended", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VTE_TYPE_TERMINAL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/vigie/Vigie/vigie-terminal.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieTerminal, box);
  gtk_widget_class_bind_template_child (widget_class, VigieTerminal, banner);
  gtk_widget_class_bind_template_child (widget_class, VigieTerminal, banner_label);
  gtk_widget_class_bind_template_child (widget_class, VigieTerminal, reconnect_button);
  gtk_widget_class_bind_template_child (widget_class, VigieTerminal, vte);
  gtk_widget_class_bind_template_callback (widget_class, on_vte_child_exited_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reconnect_button_clicked_cb);
}

static void
vigie_terminal_init (VigieTerminal *self)
{
  self->slave_fd = -1;
  self->exit_status = -1;
  self->cancellable = g_cancellable_new ();
  self->pending = g_byte_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  vigie_ui_fix_accessible_names (GTK_WIDGET (self));
  add_clipboard_shortcuts (self);
}

VigieTerminal *
vigie_terminal_new (const char *title)
{
  VigieTerminal *self = g_object_new (VIGIE_TYPE_TERMINAL, NULL);

  self->base_title = g_strdup (title != NULL ? title : _("Terminal"));
  update_title (self);
  return self;
}

const char *
vigie_terminal_get_title (VigieTerminal *self)
{
  g_return_val_if_fail (VIGIE_IS_TERMINAL (self), NULL);
  return self->title;
}

gboolean
vigie_terminal_get_ended (VigieTerminal *self)
{
  g_return_val_if_fail (VIGIE_IS_TERMINAL (self), FALSE);
  return self->ended;
}

int
vigie_terminal_get_exit_status (VigieTerminal *self)
{
  g_return_val_if_fail (VIGIE_IS_TERMINAL (self), -1);
  return self->exit_status;
}

/* The text of the "session ended" bar, NULL while the session runs. */
const char *
vigie_terminal_get_message (VigieTerminal *self)
{
  g_return_val_if_fail (VIGIE_IS_TERMINAL (self), NULL);
  return self->message;
}

/* Console output not yet taken by VTE, in bytes. */
gsize
vigie_terminal_get_pending (VigieTerminal *self)
{
  g_return_val_if_fail (VIGIE_IS_TERMINAL (self), 0);
  return self->pending->len;
}

VteTerminal *
vigie_terminal_get_vte (VigieTerminal *self)
{
  g_return_val_if_fail (VIGIE_IS_TERMINAL (self), NULL);
  return self->vte;
}

VigieConsole *
vigie_terminal_get_console (VigieTerminal *self)
{
  g_return_val_if_fail (VIGIE_IS_TERMINAL (self), NULL);
  return self->console;
}
