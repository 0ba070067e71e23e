/* vigiectl-endpoint.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigiectl endpoint add|list|show|remove|export|import, per the contract.
 * Secrets come from standard input or files, go to the keyring only after
 * the endpoint answered, and are never printed.
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "vigie-backends.h"
#include "vigie-endpoint-check.h"
#include "vigie-error.h"
#include "vigie-tls.h"
#include "vigie-url-policy.h"
#include "vigiectl.h"

/* Waiting on one async call from a command-line program. */
typedef struct {
  gboolean      done;
  GAsyncResult *result;
} Waiter;

static void
waiter_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  waiter->done = TRUE;
}

static GAsyncResult *
waiter_wait (Waiter *waiter)
{
  vigiectl_wait (&waiter->done);
  return waiter->result;
}

static void
waiter_clear (Waiter *waiter)
{
  g_clear_object (&waiter->result);
  waiter->done = FALSE;
}

static void
print_endpoint_usage (FILE *out)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n", _("Usage:"));
  g_string_append (text, "  vigiectl endpoint add NAME --kind KIND --url URL [AUTH] [TRUST] "
                         "[--no-verify]\n"
                         "  vigiectl endpoint list [--format table|json]\n"
                         "  vigiectl endpoint show NAME [--format table|json]\n"
                         "  vigiectl endpoint remove NAME\n"
                         "  vigiectl endpoint export FILE\n"
                         "  vigiectl endpoint import FILE\n\n");
  g_string_append_printf (text, "%s\n", _("Authentication (AUTH):"));
  g_string_append_printf (text, "  --user USER --password-stdin         %s\n",
                          _("a user and the password read from standard input"));
  g_string_append_printf (text, "  --token-id ID --secret-stdin         %s\n",
                          _("an API token and its secret read from standard input"));
  g_string_append_printf (text, "  --client-cert FILE --client-key FILE %s\n",
                          _("a TLS client certificate (Incus)"));
  g_string_append_printf (text, "  --trust-token TOKEN                  %s\n",
                          _("make a key pair and enrol it with this token (Incus)"));
  g_string_append_printf (text, "  --trust-token-stdin                  %s\n",
                          _("the same, the token read from standard input"));
  g_string_append_printf (text, "%s\n", _("Trust (TRUST):"));
  g_string_append_printf (text, "  --fingerprint SHA256                 %s\n",
                          _("pin this server certificate"));
  g_string_append_printf (text, "  --trust-on-first-use                 %s\n",
                          _("pin whatever certificate the server shows now"));
  g_string_append_printf (text, "  %s\n",
                          _("(neither is needed with a trust token, which names the server "
                            "certificate, nor when the system’s CAs verify the server)"));
  g_string_append_printf (text, "  --no-verify                          %s\n",
                          _("save without connecting first"));
  fputs (text->str, out);
}

/* Reads the whole of standard input and drops one trailing newline, as
 * `echo` leaves it. */
static char *
read_stdin_secret (GError **error)
{
  GString *buffer = g_string_new (NULL);
  char chunk[4096];
  ssize_t n;

  while ((n = read (STDIN_FILENO, chunk, sizeof chunk)) != 0)
    {
      if (n < 0)
        {
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                       _("Standard input cannot be read"));
          explicit_bzero (buffer->str, buffer->len);
          g_string_free (buffer, TRUE);
          explicit_bzero (chunk, sizeof chunk);
          return NULL;
        }
      g_string_append_len (buffer, chunk, n);
    }
  explicit_bzero (chunk, sizeof chunk);
  if (buffer->len > 0 && buffer->str[buffer->len - 1] == '\n')
    g_string_truncate (buffer, buffer->len - 1);
  if (buffer->len == 0 || strlen (buffer->str) != buffer->len)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   buffer->len == 0 ? _("Standard input holds no secret")
                                    : _("The secret on standard input holds a NUL byte"));
      explicit_bzero (buffer->str, buffer->len);
      g_string_free (buffer, TRUE);
      return NULL;
    }
  return g_string_free (buffer, FALSE);
}

static gboolean
kind_has_field (VigieKind   kind,
                const char *key)
{
  const VigieBackendField *fields = vigie_backend_fields_for_kind (kind);

  for (guint i = 0; fields != NULL && fields[i].key != NULL; i++)
    if (g_str_equal (fields[i].key, key))
      return TRUE;
  return FALSE;
}

static void
secret_hash_insert (GHashTable         *secrets,
                    VigieSecretPurpose  purpose,
                    char               *secret)
{
  g_hash_table_replace (secrets, GINT_TO_POINTER (purpose), secret);
}

static gboolean
check_endpoint (Vigiectl              *ctl,
                VigieEndpoint         *endpoint,
                GHashTable            *secrets,
                VigieCertificateInfo **presented,
                GError               **error)
{
  Waiter waiter = { 0 };
  gboolean ok;

  vigie_endpoint_check_async (endpoint, ctl->context, secrets, FALSE, NULL, waiter_cb, &waiter);
  ok = vigie_endpoint_check_finish (endpoint, waiter_wait (&waiter), presented, error);
  waiter_clear (&waiter);
  return ok;
}

static gboolean
clear_secrets (Vigiectl    *ctl,
               const char  *uuid,
               GError     **error)
{
  VigieSecretStore *store = vigie_context_get_secret_store (ctl->context);
  Waiter waiter = { 0 };
  gboolean ok;

  vigie_secret_store_clear_async (store, uuid, NULL, waiter_cb, &waiter);
  ok = vigie_secret_store_clear_finish (store, waiter_wait (&waiter), error);
  waiter_clear (&waiter);
  return ok;
}

static gboolean
store_secrets (Vigiectl       *ctl,
               VigieEndpoint  *endpoint,
               GHashTable     *secrets,
               GError        **error)
{
  VigieSecretStore *store = vigie_context_get_secret_store (ctl->context);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, secrets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      /* Translators: the keyring item's label; %s is the endpoint's name. */
      g_autofree char *label = g_strdup_printf (_("Vigie: %s"),
                                                vigie_endpoint_get_name (endpoint));
      Waiter waiter = { 0 };
      gboolean ok;

      vigie_secret_store_store_async (store, vigie_endpoint_get_uuid (endpoint),
                                      GPOINTER_TO_INT (key), label, value, NULL,
                                      waiter_cb, &waiter);
      ok = vigie_secret_store_store_finish (store, waiter_wait (&waiter), error);
      waiter_clear (&waiter);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static int
endpoint_add (Vigiectl  *ctl,
              int        argc,
              char     **argv)
{
  g_autofree char *kind_str = NULL;
  g_autofree char *url_arg = NULL;
  g_autofree char *user = NULL;
  g_autofree char *token_id = NULL;
  g_autofree char *client_cert = NULL;
  g_autofree char *client_key = NULL;
  g_autofree char *trust_token = NULL;
  g_autofree char *fingerprint_arg = NULL;
  gboolean password_stdin = FALSE;
  gboolean secret_stdin = FALSE;
  gboolean token_stdin = FALSE;
  gboolean tofu = FALSE;
  gboolean no_verify = FALSE;
  g_autofree char *kinds = vigie_kind_list_names ();
  /* Translators: the option --kind; %s lists the kinds: esxi, proxmox, … */
  g_autofree char *kind_help = g_strdup_printf (_("one of %s"), kinds);
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_str, kind_help, "KIND" },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url_arg, N_("the endpoint’s address"), "URL" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("the user to log in as"), "USER" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("read the password from standard input"), NULL },
    { "token-id", 0, 0, G_OPTION_ARG_STRING, &token_id,
      N_("an API token, USER@REALM!TOKENID"), "ID" },
    { "secret-stdin", 0, 0, G_OPTION_ARG_NONE, &secret_stdin,
      N_("read the API token’s secret from standard input"), NULL },
    { "client-cert", 0, 0, G_OPTION_ARG_FILENAME, &client_cert,
      N_("TLS client certificate, PEM or PKCS#12 (Incus)"), "FILE" },
    { "client-key", 0, 0, G_OPTION_ARG_FILENAME, &client_key,
      N_("TLS client private key, PEM (Incus)"), "FILE" },
    { "trust-token", 0, 0, G_OPTION_ARG_STRING, &trust_token,
      N_("make a key pair and enrol it with this trust token (Incus)"), "TOKEN" },
    { "trust-token-stdin", 0, 0, G_OPTION_ARG_NONE, &token_stdin,
      N_("the same, the trust token read from standard input"), NULL },
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING, &fingerprint_arg,
      N_("pin this SHA-256 server certificate fingerprint"), "SHA256" },
    { "trust-on-first-use", 0, 0, G_OPTION_ARG_NONE, &tofu,
      N_("pin whatever certificate the server shows now"), NULL },
    { "no-verify", 0, 0, G_OPTION_ARG_NONE, &no_verify,
      N_("save without connecting first"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (_("NAME — add an endpoint"));
  g_autoptr(GHashTable) secrets = g_hash_table_new_full (NULL, NULL, NULL,
                                                         (GDestroyNotify) vigie_secret_free);
  g_autoptr(VigieEndpoint) endpoint = NULL;
  g_autoptr(VigieCertificateInfo) presented = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *fingerprint = NULL;
  const char *name;
  VigieKind kind;

  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  if (argc != 2)
    {
      vigiectl_error (argc < 2 ? _("endpoint add needs a NAME")
                               : _("endpoint add takes one NAME"));
      return VIGIECTL_EXIT_USAGE;
    }
  name = argv[1];
  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      vigiectl_error (_("“%s” is not a usable name"), name);
      return VIGIECTL_EXIT_USAGE;
    }
  if (kind_str == NULL || url_arg == NULL)
    {
      vigiectl_error (_("endpoint add needs --kind and --url"));
      return VIGIECTL_EXIT_USAGE;
    }
  kind = vigie_kind_from_string (kind_str);
  if (kind == VIGIE_KIND_UNKNOWN)
    {
      /* Translators: the second %s lists the kinds: esxi, proxmox, … */
      vigiectl_error (_("unknown kind “%s” (one of %s)"), kind_str, kinds);
      return VIGIECTL_EXIT_USAGE;
    }

  /* Each option only where the kind has the field. */
  {
    const struct {
      gboolean    given;
      const char *field;
      const char *option;
    } uses[] = {
      { user != NULL || password_stdin, "user", "--user" },
      { password_stdin, "password", "--password-stdin" },
      { token_id != NULL || secret_stdin, "token-id", "--token-id" },
      { secret_stdin, "token-secret", "--secret-stdin" },
      { client_cert != NULL, "client-cert", "--client-cert" },
      { client_key != NULL, "client-key", "--client-key" },
      { trust_token != NULL, "trust-token", "--trust-token" },
      { token_stdin, "trust-token", "--trust-token-stdin" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (uses); i++)
      if (uses[i].given && !kind_has_field (kind, uses[i].field))
        {
          vigiectl_error (_("%s endpoints do not take %s"), kind_str, uses[i].option);
          return VIGIECTL_EXIT_USAGE;
        }
  }
  if (password_stdin && user == NULL)
    {
      vigiectl_error (_("--password-stdin needs --user"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (secret_stdin && token_id == NULL)
    {
      vigiectl_error (_("--secret-stdin needs --token-id"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (password_stdin && secret_stdin)
    {
      vigiectl_error (_("--password-stdin and --secret-stdin cannot both read standard input"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (token_stdin && (password_stdin || secret_stdin))
    {
      vigiectl_error (_("--trust-token-stdin and %s cannot both read standard input"),
                      password_stdin ? "--password-stdin" : "--secret-stdin");
      return VIGIECTL_EXIT_USAGE;
    }
  if (token_stdin && trust_token != NULL)
    {
      vigiectl_error (_("--trust-token and --trust-token-stdin exclude each other"));
      return VIGIECTL_EXIT_USAGE;
    }
  if ((user != NULL && !password_stdin) || (token_id != NULL && !secret_stdin))
    {
      vigiectl_error (user != NULL && !password_stdin ? _("--user needs --password-stdin")
                                                     : _("--token-id needs --secret-stdin"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (client_key != NULL && client_cert == NULL)
    {
      vigiectl_error (_("--client-key needs --client-cert"));
      return VIGIECTL_EXIT_USAGE;
    }
  if ((trust_token != NULL || token_stdin) && client_cert != NULL)
    {
      vigiectl_error (_("--trust-token makes its own key pair: leave out --client-cert"));
      return VIGIECTL_EXIT_USAGE;
    }
  if ((trust_token != NULL || token_stdin) && no_verify)
    {
      vigiectl_error (_("--trust-token enrols while connecting: it cannot go with --no-verify"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (fingerprint_arg != NULL && tofu)
    {
      vigiectl_error (_("--fingerprint and --trust-on-first-use exclude each other"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (tofu && no_verify)
    {
      vigiectl_error (_("--trust-on-first-use needs a connection: it cannot go with --no-verify"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (fingerprint_arg != NULL &&
      (fingerprint = vigie_fingerprint_normalize (fingerprint_arg)) == NULL)
    {
      vigiectl_error (_("“%s” is not a SHA-256 fingerprint (64 hex digits, colons optional)"),
                      fingerprint_arg);
      return VIGIECTL_EXIT_USAGE;
    }
  {
    const VigieBackendField *fields = vigie_backend_fields_for_kind (kind);

    for (guint i = 0; fields != NULL && fields[i].key != NULL; i++)
      if (fields[i].required &&
          ((g_str_equal (fields[i].key, "user") && user == NULL) ||
           (g_str_equal (fields[i].key, "password") && !password_stdin)))
        {
          vigiectl_error (_("%s endpoints need --user and --password-stdin"), kind_str);
          return VIGIECTL_EXIT_USAGE;
        }
  }

  url = vigie_endpoint_complete_url (kind, url_arg);
  if (!vigie_endpoint_check_url (url, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  if (!vigiectl_load_store (ctl))
    return VIGIECTL_EXIT_USAGE;
  if (vigie_endpoint_store_find_by_name (ctl->store, name) != NULL)
    {
      vigiectl_error (_("an endpoint named “%s” already exists"), name);
      return VIGIECTL_EXIT_USAGE;
    }

  endpoint = vigie_endpoint_new (name, kind, url);
  vigie_endpoint_set_user (endpoint, user);
  vigie_endpoint_set_token_id (endpoint, token_id);
  vigie_endpoint_set_fingerprint (endpoint, fingerprint);

  if (password_stdin || secret_stdin)
    {
      char *secret = read_stdin_secret (&error);

      if (secret == NULL)
        {
          vigiectl_error ("%s", error->message);
          return VIGIECTL_EXIT_USAGE;
        }
      secret_hash_insert (secrets, password_stdin ? VIGIE_SECRET_PASSWORD : VIGIE_SECRET_TOKEN,
                          secret);
    }
  if (token_stdin)
    {
      /* A token on the command line shows in ps. */
      trust_token = read_stdin_secret (&error);
      if (trust_token == NULL)
        {
          vigiectl_error ("%s", error->message);
          return VIGIECTL_EXIT_USAGE;
        }
    }
  if (client_cert != NULL)
    {
      g_autofree char *cert_data = NULL;
      g_autoptr(VigieSecret) key_pem = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize cert_len = 0;

      if (!g_file_get_contents (client_cert, &cert_data, &cert_len, &error) ||
          (client_key != NULL && !g_file_get_contents (client_key, &key_pem, NULL, &error)))
        {
          vigiectl_error ("%s", error->message);
          return VIGIECTL_EXIT_USAGE;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&cert_data), cert_len);
      if (!vigie_endpoint_set_client_certificate (endpoint, secrets, bytes, key_pem, &error))
        {
          vigiectl_error ("%s", error->message);
          return VIGIECTL_EXIT_USAGE;
        }
    }
  if (trust_token != NULL)
    {
      /* The token stays in memory, for the Incus backend's connect to enrol
       * with; it is removed before saving (see vigie-endpoint.h). */
      if (!vigie_endpoint_prepare_enrolment (endpoint, secrets, trust_token, &error))
        {
          vigiectl_error ("%s", error->message);
          return VIGIECTL_EXIT_PARTIAL;
        }
      explicit_bzero (trust_token, strlen (trust_token));
    }

  if (!no_verify)
    {
      gboolean ok = check_endpoint (ctl, endpoint, secrets, &presented, &error);

      if (!ok && tofu && presented != NULL &&
          g_error_matches (error, VIGIE_ERROR, VIGIE_ERROR_UNTRUSTED))
        {
          g_autofree char *shown = vigie_fingerprint_format (presented->fingerprint);

          /* Translators: %s is a certificate fingerprint, AA:BB:… */
          g_printerr (_("Pinning the server’s certificate %s\n"), shown);
          vigie_endpoint_set_fingerprint (endpoint, presented->fingerprint);
          g_clear_error (&error);
          g_clear_pointer (&presented, vigie_certificate_info_free);
          ok = check_endpoint (ctl, endpoint, secrets, &presented, &error);
        }
      vigie_endpoint_set_option (endpoint, VIGIE_ENDPOINT_OPTION_ENROL_TOKEN, NULL);
      if (!ok)
        {
          g_autofree char *line = g_strdelimit (g_strdup (error->message), "\r\n", ' ');

          vigiectl_error (_("%s was not added: %s"), name, line);
          return VIGIECTL_EXIT_PARTIAL;
        }
    }
  vigie_endpoint_set_option (endpoint, VIGIE_ENDPOINT_OPTION_ENROL_TOKEN, NULL);

  /* Secrets first: an endpoint saved without them would fail later, while
   * secrets without an endpoint are cleared right away. */
  if (!store_secrets (ctl, endpoint, secrets, &error))
    {
      vigiectl_error (_("%s was not added: %s"), name, error->message);
      clear_secrets (ctl, vigie_endpoint_get_uuid (endpoint), NULL);
      return VIGIECTL_EXIT_PARTIAL;
    }
  if (!vigie_endpoint_store_add (ctl->store, endpoint, &error) ||
      !vigie_endpoint_store_save (ctl->store, &error))
    {
      vigiectl_error (_("%s was not added: %s"), name, error->message);
      clear_secrets (ctl, vigie_endpoint_get_uuid (endpoint), NULL);
      return VIGIECTL_EXIT_USAGE;
    }

  /* Translators: "Added NAME (KIND, URL)" */
  g_print (_("Added %s (%s, %s)\n"), name, vigie_kind_to_string (kind), url);
  return VIGIECTL_EXIT_OK;
}

/* Output */

static gboolean
parse_format (const char  *format,
              gboolean    *json)
{
  if (format == NULL || g_str_equal (format, "table"))
    *json = FALSE;
  else if (g_str_equal (format, "json"))
    *json = TRUE;
  else
    {
      vigiectl_error (_("unknown format “%s” (table or json)"), format);
      return FALSE;
    }
  return TRUE;
}

static void
add_nullable (JsonBuilder *builder,
              const char  *member,
              const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
build_endpoint_json (JsonBuilder   *builder,
                     VigieEndpoint *endpoint,
                     const char    *schema)
{
  g_autofree char *fingerprint = vigie_fingerprint_format (vigie_endpoint_get_fingerprint (endpoint));
  g_auto(GStrv) options = vigie_endpoint_list_options (endpoint);

  json_builder_begin_object (builder);
  if (schema != NULL)
    {
      json_builder_set_member_name (builder, "schema");
      json_builder_add_string_value (builder, schema);
    }
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, vigie_endpoint_get_name (endpoint));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, vigie_endpoint_get_uuid (endpoint));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, vigie_kind_to_string (vigie_endpoint_get_kind (endpoint)));
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, vigie_endpoint_get_url (endpoint));
  add_nullable (builder, "user", vigie_endpoint_get_user (endpoint));
  add_nullable (builder, "token_id", vigie_endpoint_get_token_id (endpoint));
  add_nullable (builder, "fingerprint", fingerprint);
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  for (guint i = 0; options[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, options[i]);
      json_builder_add_string_value (builder, vigie_endpoint_get_option (endpoint, options[i]));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static gboolean
parse_format_option (int          *argc,
                     char       ***argv,
                     const char   *parameter,
                     gboolean     *json)
{
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("table or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, argc, argv, &error))
    {
      vigiectl_error ("%s", error->message);
      return FALSE;
    }
  return parse_format (format, json);
}

static int
endpoint_list (Vigiectl  *ctl,
               int        argc,
               char     **argv)
{
  gboolean json = FALSE;
  guint n;

  if (!parse_format_option (&argc, &argv, "", &json))
    return VIGIECTL_EXIT_USAGE;
  if (argc != 1)
    {
      vigiectl_error (_("endpoint list takes no argument"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (!vigiectl_load_store (ctl))
    return VIGIECTL_EXIT_USAGE;

  n = g_list_model_get_n_items (G_LIST_MODEL (ctl->store));
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "schema");
      json_builder_add_string_value (builder, "vigie.endpoints/1");
      json_builder_set_member_name (builder, "endpoints");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieEndpoint) endpoint = g_list_model_get_item (G_LIST_MODEL (ctl->store), i);
          build_endpoint_json (builder, endpoint, NULL);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      int width = 4;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieEndpoint) endpoint = g_list_model_get_item (G_LIST_MODEL (ctl->store), i);
          width = MAX (width, (int) g_utf8_strlen (vigie_endpoint_get_name (endpoint), -1));
        }
      /* Column headers stay in English: scripts parse them. */
      g_print ("%-*s  %-8s  %-6s  %s\n", width, "NAME", "KIND", "PINNED", "URL");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieEndpoint) endpoint = g_list_model_get_item (G_LIST_MODEL (ctl->store), i);
          const char *endpoint_name = vigie_endpoint_get_name (endpoint);
          int pad = width - (int) g_utf8_strlen (endpoint_name, -1);

          g_print ("%s%*s  %-8s  %-6s  %s\n", endpoint_name, pad, "",
                   vigie_kind_to_string (vigie_endpoint_get_kind (endpoint)),
                   vigie_endpoint_get_fingerprint (endpoint) != NULL ? "yes" : "no",
                   vigie_endpoint_get_url (endpoint));
        }
    }
  return VIGIECTL_EXIT_OK;
}

static VigieEndpoint *
find_endpoint (Vigiectl   *ctl,
               const char *name)
{
  VigieEndpoint *endpoint = vigie_endpoint_store_find_by_name (ctl->store, name);

  if (endpoint == NULL)
    vigiectl_error (_("no endpoint named “%s”"), name);
  return endpoint;
}

static void
print_field (const char *label,
             const char *value)
{
  g_print ("%-14s %s\n", label, value != NULL ? value : "—");
}

static int
endpoint_show (Vigiectl  *ctl,
               int        argc,
               char     **argv)
{
  VigieEndpoint *endpoint;
  gboolean json = FALSE;

  if (!parse_format_option (&argc, &argv, "NAME", &json))
    return VIGIECTL_EXIT_USAGE;
  if (argc != 2)
    {
      vigiectl_error (_("endpoint show takes one NAME"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (!vigiectl_load_store (ctl))
    return VIGIECTL_EXIT_USAGE;
  endpoint = find_endpoint (ctl, argv[1]);
  if (endpoint == NULL)
    return VIGIECTL_EXIT_USAGE;

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      build_endpoint_json (builder, endpoint, "vigie.endpoint/1");
      print_json (builder);
    }
  else
    {
      g_autofree char *fingerprint =
        vigie_fingerprint_format (vigie_endpoint_get_fingerprint (endpoint));
      g_autofree char *kind = g_strdup_printf ("%s (%s)",
                                               vigie_kind_to_string (vigie_endpoint_get_kind (endpoint)),
                                               vigie_kind_get_product_name (vigie_endpoint_get_kind (endpoint)));
      g_auto(GStrv) options = vigie_endpoint_list_options (endpoint);

      print_field (_("Name:"), vigie_endpoint_get_name (endpoint));
      print_field (_("Kind:"), kind);
      print_field (_("URL:"), vigie_endpoint_get_url (endpoint));
      print_field (_("UUID:"), vigie_endpoint_get_uuid (endpoint));
      print_field (_("User:"), vigie_endpoint_get_user (endpoint));
      print_field (_("Token ID:"), vigie_endpoint_get_token_id (endpoint));
      print_field (_("Fingerprint:"), fingerprint != NULL ? fingerprint
                                                          : _("none (the system’s CAs decide)"));
      for (guint i = 0; options[i] != NULL; i++)
        {
          const char *value = vigie_endpoint_get_option (endpoint, options[i]);
          g_autofree char *label = g_strdup_printf ("%s:", options[i]);

          /* A PEM certificate is public but long: say what it is. */
          if (strstr (value, "-----BEGIN") != NULL)
            {
              g_autofree char *summary = g_strdup_printf (_("(PEM, %u bytes)"),
                                                          (guint) strlen (value));
              print_field (label, summary);
            }
          else
            print_field (label, value);
        }
    }
  return VIGIECTL_EXIT_OK;
}

static int
endpoint_remove (Vigiectl  *ctl,
                 int        argc,
                 char     **argv)
{
  g_autoptr(VigieEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;
  int status = VIGIECTL_EXIT_OK;

  if (argc != 2)
    {
      vigiectl_error (_("endpoint remove takes one NAME"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (!vigiectl_load_store (ctl))
    return VIGIECTL_EXIT_USAGE;
  endpoint = find_endpoint (ctl, argv[1]);
  if (endpoint == NULL)
    return VIGIECTL_EXIT_USAGE;
  g_object_ref (endpoint);

  if (!clear_secrets (ctl, vigie_endpoint_get_uuid (endpoint), &error))
    {
      vigiectl_error (_("the secrets of %s could not be cleared: %s"), argv[1], error->message);
      g_clear_error (&error);
      status = VIGIECTL_EXIT_PARTIAL;
    }
  vigie_endpoint_store_remove (ctl->store, endpoint);
  if (!vigie_endpoint_store_save (ctl->store, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  g_print (_("Removed %s\n"), argv[1]);
  return status;
}

static int
endpoint_export (Vigiectl  *ctl,
                 int        argc,
                 char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (argc != 2)
    {
      vigiectl_error (_("endpoint export takes one FILE (- for standard output)"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (!vigiectl_load_store (ctl))
    return VIGIECTL_EXIT_USAGE;
  data = vigie_endpoint_store_export_to_data (ctl->store, &length);
  if (g_str_equal (argv[1], "-"))
    {
      fwrite (data, 1, length, stdout);
      return VIGIECTL_EXIT_OK;
    }
  /* It names the servers a person administers: created 0600 (a temporary
   * file renamed into place), never readable by others even for a moment. */
  if (!g_file_set_contents_full (argv[1], data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  return VIGIECTL_EXIT_OK;
}

static int
endpoint_import (Vigiectl  *ctl,
                 int        argc,
                 char     **argv)
{
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  int added;

  if (argc != 2)
    {
      vigiectl_error (_("endpoint import takes one FILE (- for standard input)"));
      return VIGIECTL_EXIT_USAGE;
    }
  if (!vigiectl_load_store (ctl))
    return VIGIECTL_EXIT_USAGE;
  if (g_str_equal (argv[1], "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL,
                                  &error) < 0)
        {
          vigiectl_error ("%s", error->message);
          return VIGIECTL_EXIT_USAGE;
        }
      length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
      data = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
    }
  else if (!g_file_get_contents (argv[1], &data, &length, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }

  added = vigie_endpoint_store_import_from_data (ctl->store, data != NULL ? data : "", length,
                                                 skipped, &error);
  if (added < 0)
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  if (added > 0 && !vigie_endpoint_store_save (ctl->store, &error))
    {
      vigiectl_error ("%s", error->message);
      return VIGIECTL_EXIT_USAGE;
    }
  for (guint i = 0; i < skipped->len; i++)
    vigiectl_error (_("skipped %s: an endpoint of that name exists"),
                    (char *) g_ptr_array_index (skipped, i));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %d endpoint; its secrets are asked for "
                        "when it is first used\n",
                        "Imported %d endpoints; their secrets are asked for when they are "
                        "first used\n", added), added);
  return VIGIECTL_EXIT_OK;
}

/* remove, export and import take a NAME or a FILE: `--help` is help, not
 * a file to write, and any other option is a mistake. `--` ends the
 * options, for a file whose name starts with a dash. */
static gboolean
plain_arguments (int   *argc,
                 char **argv,
                 int   *status)
{
  for (int i = 2; i < *argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        {
          memmove (argv + i, argv + i + 1, (*argc - i) * sizeof (char *));
          (*argc)--;
          return TRUE;
        }
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_endpoint_usage (stdout);
          *status = VIGIECTL_EXIT_OK;
          return FALSE;
        }
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          vigiectl_error (_("unknown option “%s” (a file name starting with - goes after --)"),
                          argv[i]);
          *status = VIGIECTL_EXIT_USAGE;
          return FALSE;
        }
    }
  return TRUE;
}

int
vigiectl_endpoint (Vigiectl  *ctl,
                   int        argc,
                   char     **argv)
{
  static const struct {
    const char      *name;
    VigiectlCommand  run;
    gboolean         plain;   /* no GOptionContext: options handled below */
  } subcommands[] = {
    { "add", endpoint_add, FALSE },
    { "list", endpoint_list, FALSE },
    { "show", endpoint_show, FALSE },
    { "remove", endpoint_remove, TRUE },
    { "export", endpoint_export, TRUE },
    { "import", endpoint_import, TRUE },
  };

  /* GOptionContext would name the program after the subcommand. */
  if (g_get_prgname () == NULL)
    g_set_prgname ("vigiectl");
  if (argc < 2)
    {
      print_endpoint_usage (stderr);
      return VIGIECTL_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_endpoint_usage (stdout);
      return VIGIECTL_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      {
        int status;

        if (subcommands[i].plain && !plain_arguments (&argc, argv, &status))
          return status;
        return subcommands[i].run (ctl, argc - 1, argv + 1);
      }

  vigiectl_error (_("unknown endpoint command “%s”"), argv[1]);
  print_endpoint_usage (stderr);
  return VIGIECTL_EXIT_USAGE;
}
