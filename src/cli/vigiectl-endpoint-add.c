/* vigiectl-endpoint-add.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vigiectl endpoint add, per the contract. Secrets come from standard
 * input or files, go to the keyring only after the endpoint answered, and
 * are never printed.
 */

#define G_LOG_DOMAIN "vigiectl"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "vigie-backends.h"
#include "vigie-endpoint-check.h"
#include "vigie-error.h"
#include "vigie-tls.h"
#include "vigie-url-policy.h"
#include "vigiectl.h"

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
  g_autoptr(GAsyncResult) result = NULL;

  vigie_endpoint_check_async (endpoint, ctl->context, secrets, FALSE, NULL, vigiectl_result_cb,
                              &result);
  return vigie_endpoint_check_finish (endpoint, vigiectl_wait_result (&result), presented,
                                      error);
}

gboolean
vigiectl_clear_secrets (Vigiectl    *ctl,
                        const char  *uuid,
                        GError     **error)
{
  VigieSecretStore *store = vigie_context_get_secret_store (ctl->context);
  g_autoptr(GAsyncResult) result = NULL;

  vigie_secret_store_clear_async (store, uuid, NULL, vigiectl_result_cb, &result);
  return vigie_secret_store_clear_finish (store, vigiectl_wait_result (&result), error);
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
      g_autoptr(GAsyncResult) result = NULL;

      vigie_secret_store_store_async (store, vigie_endpoint_get_uuid (endpoint),
                                      GPOINTER_TO_INT (key), label, value, NULL,
                                      vigiectl_result_cb, &result);
      if (!vigie_secret_store_store_finish (store, vigiectl_wait_result (&result), error))
        return FALSE;
    }
  return TRUE;
}

int
vigiectl_endpoint_add (Vigiectl  *ctl,
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
      if (uses[i].given && !vigie_backend_kind_has_field (kind, uses[i].field))
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
      vigiectl_clear_secrets (ctl, vigie_endpoint_get_uuid (endpoint), NULL);
      return VIGIECTL_EXIT_PARTIAL;
    }
  if (!vigie_endpoint_store_add (ctl->store, endpoint, &error) ||
      !vigie_endpoint_store_save (ctl->store, &error))
    {
      vigiectl_error (_("%s was not added: %s"), name, error->message);
      vigiectl_clear_secrets (ctl, vigie_endpoint_get_uuid (endpoint), NULL);
      return VIGIECTL_EXIT_USAGE;
    }

  /* Translators: "Added NAME (KIND, URL)" */
  g_print (_("Added %s (%s, %s)\n"), name, vigie_kind_to_string (kind), url);
  return VIGIECTL_EXIT_OK;
}
