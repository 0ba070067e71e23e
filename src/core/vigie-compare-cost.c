/* vigie-compare-cost.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The yearly licence cost of the estate on each compared platform: count
 * hosts, sockets, cores and instances, then price them with the knowledge
 * base's dated prices (or the user's overrides), one line per step and per
 * vendor minimum. See docs/compare.md, "Cost model".
 */

#define G_LOG_DOMAIN "vigie-compare"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "vigie-compare-private.h"
#include "vigie-error.h"
#include "vigie-json.h"
#include "vigie-kind.h"

/* Without endpoint and without a profile: one small host. */
#define INSTANCES_PER_HOST 10

static const char * const units[] = {
  "core-year", "socket-year", "server-year", "instance-year", NULL
};

void
vigie_compare_cost_line_free (VigieCompareCostLine *line)
{
  if (line == NULL)
    return;
  g_free (line->column);
  g_free (line->item);
  g_free (line->currency);
  g_free (line->source);
  g_free (line->checked);
  g_free (line);
}

char *
vigie_compare_format_amount (double      amount,
                             const char *currency)
{
  g_autofree char *number = NULL;

  if (amount < 0)
    return NULL;
  /* For people: the locale's decimal separator (“1 234,50” in French).
   * Machine output (JSON, CSV) never goes through here. */
  number = g_strdup_printf (amount == floor (amount) ? "%.0f" : "%.2f", amount);
  return currency != NULL ? g_strdup_printf ("%s %s", number, currency) : g_steal_pointer (&number);
}

static gboolean
is_hypervisor (VigieKind kind)
{
  return vigie_kind_has_role (kind, VIGIE_ROLE_COMPUTE);
}

void
vigie_compare_count_estate (VigieComparison *self)
{
  VigieCompareCounted *counted = &self->counted;

  g_array_set_size (self->hosts, 0);
  memset (counted, 0, sizeof *counted);

  if (!self->have_profile)
    for (guint i = 0; i < self->inventories->len; i++)
      {
        VigieInventory *inv = g_ptr_array_index (self->inventories, i);
        guint n_hosts = g_list_model_get_n_items (G_LIST_MODEL (inv->hosts));
        guint n_instances = g_list_model_get_n_items (G_LIST_MODEL (inv->instances));

        if (!is_hypervisor (inv->kind) || inv->status != VIGIE_STATUS_OK)
          continue;
        for (guint h = 0; h < n_hosts; h++)
          {
            g_autoptr(VigieHost) host = g_list_model_get_item (G_LIST_MODEL (inv->hosts), h);
            VigieCompareHostCount count = { host->cpu_sockets, host->cpu_cores };

            /* An offline node reports no CPU: it is left out of the counts and
             * said so in the cost lines, not guessed. */
            if (host->cpu_sockets <= 0 || host->cpu_cores <= 0)
              counted->unreported++;
            else
              {
                counted->sockets += host->cpu_sockets;
                counted->cores += host->cpu_cores;
              }
            g_array_append_val (self->hosts, count);
          }
        for (guint n = 0; n < n_instances; n++)
          {
            g_autoptr(VigieInstance) instance =
              g_list_model_get_item (G_LIST_MODEL (inv->instances), n);

            if (!instance->template)
              counted->instances++;
          }
      }

  if (self->hosts->len > 0)
    {
      counted->hosts = self->hosts->len;
      return;
    }

  /* No live host: the user's hardware profile, else the default one. */
  {
    VigieHardwareProfile profile;

    vigie_hardware_profile_init_default (&profile);
    if (self->have_profile)
      profile = self->profile;
    counted->from_profile = TRUE;
    counted->hosts = MAX (profile.hosts, 0);
    counted->sockets = counted->hosts * MAX (profile.sockets, 0);
    counted->cores = counted->sockets * MAX (profile.cores, 0);
    counted->instances = profile.instances >= 0 ? profile.instances
                                                : counted->hosts * INSTANCES_PER_HOST;
    for (gint64 h = 0; h < counted->hosts; h++)
      {
        VigieCompareHostCount count = { profile.sockets, profile.sockets * profile.cores };

        g_array_append_val (self->hosts, count);
      }
  }
}

static JsonObject *
override_for (VigieComparison        *self,
              VigieCompareColumnInfo *info)
{
  JsonObject *products;
  JsonObject *found;
  const char *line_id;
  const char *product_id;

  if (self->prices == NULL)
    return NULL;
  products = vigie_json_get_object (json_node_get_object (self->prices), "products");
  line_id = vigie_json_get_string (info->line, "id");
  product_id = vigie_json_get_string (info->product, "id");
  found = line_id ? vigie_json_get_object (products, line_id) : NULL;
  if (found == NULL && product_id != NULL)
    found = vigie_json_get_object (products, product_id);
  return found;
}

gboolean
vigie_compare_check_prices (JsonObject  *overrides,
                            GError     **error)
{
  JsonObject *products = vigie_json_get_object (overrides, "products");
  g_autoptr(GList) names = NULL;

  if (products == NULL)
    {
      g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                   _("the prices need a “products” object"));
      return FALSE;
    }
  names = json_object_get_members (products);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *entry = vigie_json_get_object (products, l->data);
      const char *unit = vigie_json_get_string (entry, "unit");
      const char *currency = vigie_json_get_string (entry, "currency");
      JsonNode *amount = entry ? json_object_get_member (entry, "amount") : NULL;
      JsonNode *subscribe = entry ? json_object_get_member (entry, "subscribe") : NULL;
      double value;

      if (entry == NULL ||
          (amount != NULL && !JSON_NODE_HOLDS_NULL (amount) &&
           (!vigie_json_get_number (entry, "amount", &value) || value < 0 || !isfinite (value))) ||
          (unit != NULL && !g_strv_contains (units, unit)) ||
          (json_object_has_member (entry, "unit") && unit == NULL) ||
          (currency != NULL && strlen (currency) != 3) ||
          (subscribe != NULL && (!JSON_NODE_HOLDS_VALUE (subscribe) ||
                                 json_node_get_value_type (subscribe) != G_TYPE_BOOLEAN)))
        {
          g_set_error (error, VIGIE_ERROR, VIGIE_ERROR_INVALID,
                       _("the price of “%s” is not valid: it takes “plan” (text), “amount” "
                         "(a number of 0 or more), “currency” (3 letters), “unit” "
                         "(core-year, socket-year, server-year or instance-year) and "
                         "“subscribe” (true or false)"), (const char *) l->data);
          return FALSE;
        }
    }
  return TRUE;
}

static JsonArray *
prices_of (JsonObject *product,
           JsonObject *line)
{
  JsonArray *prices = vigie_json_get_array (vigie_json_get_object (line, "facts"), "prices");

  return prices ? prices : vigie_json_get_array (vigie_json_get_object (product, "facts"),
                                                 "prices");
}

/* The plan counted: the one the user named, else the cheapest with a known
 * price, else the first. */
static JsonObject *
choose_plan (JsonArray  *prices,
             const char *wanted)
{
  JsonObject *best = NULL;
  double best_amount = INFINITY;

  for (guint i = 0; prices != NULL && i < json_array_get_length (prices); i++)
    {
      JsonObject *fact = vigie_json_node_object (json_array_get_element (prices, i));
      JsonObject *value = vigie_json_get_object (fact, "value");
      const char *item = vigie_json_get_string (vigie_json_get_object (value, "item"), "en");
      double amount;

      if (value == NULL)
        continue;
      if (wanted != NULL)
        {
          g_autofree char *a = item ? g_utf8_casefold (item, -1) : NULL;
          g_autofree char *b = g_utf8_casefold (wanted, -1);

          if (a != NULL && strstr (a, b) != NULL)
            return fact;
          continue;
        }
      if (best == NULL)
        best = fact;
      if (vigie_json_get_number (value, "amount", &amount) && amount < best_amount)
        {
          best = fact;
          best_amount = amount;
        }
    }
  return best;
}

static VigieCompareCostLine *
add_line (VigieComparison        *self,
          VigieCompareColumnInfo *info,
          char                   *item,
          double                  quantity,
          double                  unit_price,
          const char             *currency,
          const char             *source,
          const char             *checked,
          gboolean                optional)
{
  VigieCompareCostLine *line = g_new0 (VigieCompareCostLine, 1);

  line->column = g_strdup (info->pub.key);
  line->item = item;
  line->quantity = MAX (quantity, 0);
  line->unit_price = unit_price;
  line->currency = g_strdup (currency);
  line->total = unit_price >= 0 && quantity >= 0 ? quantity * unit_price : -1;
  line->source = g_strdup (source);
  line->checked = g_strdup (checked);
  line->optional = optional;
  g_ptr_array_add (self->cost_lines, line);
  return line;
}

/* Hosts that did not report their CPUs cannot be priced per core or socket. */
static void
add_unreported_line (VigieComparison        *self,
                     VigieCompareColumnInfo *info,
                     const char             *unit,
                     gboolean                optional)
{
  if (self->counted.unreported <= 0 ||
      (g_strcmp0 (unit, "core-year") != 0 && g_strcmp0 (unit, "socket-year") != 0))
    return;
  add_line (self, info,
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%d host did not report its CPUs: not priced",
                                          "%d hosts did not report their CPUs: not priced",
                                          self->counted.unreported),
                             (int) self->counted.unreported),
            self->counted.unreported, -1, NULL, "live", NULL, optional);
}

static gboolean
is_backup_tool_of_hypervisor (VigieComparison        *self,
                              VigieCompareColumnInfo *info)
{
  return self->mode == VIGIE_COMPARE_BACKUP &&
         g_strcmp0 (vigie_json_get_string (info->product, "category"), "hypervisor") == 0;
}

/* How many units of the plan the estate needs; -1 when unknown. */
static double
plan_quantity (VigieComparison        *self,
               VigieCompareColumnInfo *info,
               const char             *unit)
{
  const VigieCompareCounted *counted = &self->counted;

  if (g_strcmp0 (unit, "core-year") == 0)
    return counted->cores;
  if (g_strcmp0 (unit, "socket-year") == 0)
    return counted->sockets;
  if (g_strcmp0 (unit, "instance-year") == 0)
    return counted->instances;
  /* A backup server is one server; a hypervisor has one per host. */
  if (g_strcmp0 (unit, "server-year") == 0)
    return self->mode == VIGIE_COMPARE_BACKUP ? 1 : counted->hosts;
  return -1;
}

void
vigie_compare_cost_column (VigieComparison        *self,
                           VigieCompareColumnInfo *info)
{
  const char *lang = vigie_compare_lang (self);
  JsonObject *cost_model = vigie_knowledge_get_fact (info->product, info->line, "cost_model");
  JsonObject *licence = vigie_knowledge_get_fact (info->product, info->line, "licence");
  JsonObject *model = vigie_json_get_object (cost_model, "value");
  JsonObject *override = override_for (self, info);
  JsonArray *prices = prices_of (info->product, info->line);
  JsonNode *required_node = model ? json_object_get_member (model, "licence_required") : NULL;
  gboolean required = required_node != NULL && JSON_NODE_HOLDS_VALUE (required_node) &&
                      json_node_get_boolean (required_node);
  gboolean subscribe = FALSE;
  const char *override_source;
  JsonObject *plan_fact;
  JsonObject *plan;
  const char *unit;
  const char *currency;
  double unit_price = -1;
  double amount = 0;
  gboolean counted_any = FALSE;
  gboolean known = TRUE;
  guint first_line = self->cost_lines->len;

  g_clear_pointer (&info->currency, g_free);
  g_clear_pointer (&info->plan, g_free);
  info->overridden = FALSE;
  info->amount = -1;
  if (info->product == NULL)
    return;

  if (is_backup_tool_of_hypervisor (self, info))
    {
      add_line (self, info,
                g_strdup_printf (_("Included with %s, no fee"),
                                 vigie_json_get_string (info->product, "name")),
                1, 0, NULL, vigie_json_get_string (licence, "source"),
                vigie_json_get_string (licence, "checked"), FALSE);
      info->amount = 0;
      return;
    }

  if (override != NULL && json_object_has_member (override, "subscribe"))
    subscribe = json_object_get_boolean_member (override, "subscribe");
  override_source = self->prices != NULL
                    ? vigie_json_get_string (json_node_get_object (self->prices), "source")
                    : NULL;
  if (override_source == NULL)
    override_source = self->prices_origin;

  if (!required)
    add_line (self, info,
              g_strdup_printf (_("Licence %s: no fee"),
                               vigie_json_get_string (licence, "value") ?: "-"),
              self->mode == VIGIE_COMPARE_BACKUP ? 1 : self->counted.hosts, 0, NULL,
              vigie_json_get_string (licence ? licence : cost_model, "source"),
              vigie_json_get_string (licence ? licence : cost_model, "checked"), FALSE);

  plan_fact = choose_plan (prices, override ? vigie_json_get_string (override, "plan") : NULL);
  plan = vigie_json_get_object (plan_fact, "value");
  unit = vigie_json_get_string (plan, "unit");
  currency = vigie_json_get_string (plan, "currency");
  vigie_json_get_number (plan, "amount", &unit_price);
  if (override != NULL)
    {
      double value;

      if (vigie_json_get_string (override, "unit") != NULL)
        unit = vigie_json_get_string (override, "unit");
      if (vigie_json_get_string (override, "currency") != NULL)
        currency = vigie_json_get_string (override, "currency");
      if (vigie_json_get_number (override, "amount", &value))
        {
          unit_price = value;
          info->overridden = TRUE;
        }
    }

  /* Not counted and not priced: the other plans are shown as options. */
  if (!required && !subscribe)
    {
      for (guint i = 0; prices != NULL && i < json_array_get_length (prices); i++)
        {
          JsonObject *fact = vigie_json_node_object (json_array_get_element (prices, i));
          JsonObject *value = vigie_json_get_object (fact, "value");
          const char *item = vigie_knowledge_text (vigie_json_get_object (value, "item"), lang);
          double price = -1;

          vigie_json_get_number (value, "amount", &price);
          add_line (self, info, g_strdup_printf (_("Optional: %s"), item ? item : "-"),
                    plan_quantity (self, info, vigie_json_get_string (value, "unit")), price,
                    vigie_json_get_string (value, "currency"),
                    vigie_json_get_string (fact, "source"),
                    vigie_json_get_string (fact, "checked"), TRUE);
          if (i == 0)
            add_unreported_line (self, info, vigie_json_get_string (value, "unit"), TRUE);
        }
      info->amount = 0;
      return;
    }

  if (plan != NULL || unit != NULL)
    {
      const char *item = vigie_knowledge_text (vigie_json_get_object (plan, "item"), lang);
      const char *source = info->overridden ? override_source
                                            : vigie_json_get_string (plan_fact, "source");
      const char *checked = info->overridden ? NULL : vigie_json_get_string (plan_fact,
                                                                             "checked");
      JsonObject *minimum = vigie_json_get_object (plan, "minimum");
      double min_quantity = 0;
      const char *min_per = vigie_json_get_string (minimum, "per");
      double quantity = plan_quantity (self, info, unit);
      VigieCompareCostLine *line;

      vigie_json_get_number (minimum, "quantity", &min_quantity);
      info->plan = g_strdup (item ? item : unit);
      info->currency = g_strdup (currency);
      line = add_line (self, info, g_strdup (info->plan), quantity, unit_price, currency,
                       source, checked, FALSE);
      line->overridden = info->overridden;

      /* A vendor minimum is a line of its own: the cores counted beyond the
       * physical ones, or the instances that fill the last pack. */
      if (g_strcmp0 (min_per, "cpu") == 0 && min_quantity > 0 && self->hosts->len > 0)
        {
          double extra = 0;

          for (guint h = 0; h < self->hosts->len; h++)
            {
              VigieCompareHostCount *count = &g_array_index (self->hosts, VigieCompareHostCount, h);

              if (count->sockets > 0 && count->cores > 0)
                extra += MAX (0, count->sockets * min_quantity - count->cores);
            }
          if (extra > 0)
            {
              line = add_line (self, info,
                               g_strdup_printf (_("Minimum of %.0f cores per CPU: cores counted "
                                                  "beyond the physical ones"), min_quantity),
                               extra, unit_price, currency,
                               vigie_json_get_string (cost_model, "source"),
                               vigie_json_get_string (cost_model, "checked"), FALSE);
              line->overridden = info->overridden;
            }
        }
      else if (g_strcmp0 (min_per, "pack") == 0 && min_quantity > 0 && quantity >= 0)
        {
          double packs = ceil (MAX (quantity, 1) / min_quantity);
          double extra = packs * min_quantity - quantity;

          if (extra > 0)
            {
              line = add_line (self, info,
                               g_strdup_printf (_("Sold in packs of %.0f: instances counted to "
                                                  "fill the last pack"), min_quantity),
                               extra, unit_price, currency,
                               vigie_json_get_string (plan_fact, "source"),
                               vigie_json_get_string (plan_fact, "checked"), FALSE);
              line->overridden = info->overridden;
            }
        }
      add_unreported_line (self, info, unit, TRUE);
    }
  else if (required)
    {
      /* A licence is needed but nobody knows its price. */
      add_line (self, info, g_strdup (_("Licence: no published price")), 0, -1, NULL,
                vigie_json_get_string (cost_model, "source"),
                vigie_json_get_string (cost_model, "checked"), FALSE);
    }

  for (guint i = first_line; i < self->cost_lines->len; i++)
    {
      VigieCompareCostLine *line = g_ptr_array_index (self->cost_lines, i);

      if (line->optional)
        continue;
      counted_any = TRUE;
      if (line->total < 0)
        known = FALSE;
      else
        amount += line->total;
    }
  info->amount = known || !counted_any ? amount : -1;
}

void
vigie_compare_cost_cell (VigieComparison        *self,
                         VigieCompareColumnInfo *info,
                         VigieCompareCell       *cell)
{
  JsonObject *cost_model = vigie_knowledge_get_fact (info->product, info->line, "cost_model");
  const char *lang = vigie_compare_lang (self);

  cell->amount = info->amount;
  cell->currency = g_strdup (info->currency);
  cell->score = vigie_compare_score_cost (info->amount, self->counted.hosts);
  cell->detail = g_strdup (vigie_knowledge_text (vigie_json_get_object (cost_model, "text"),
                                                 lang));
  cell->checked = g_strdup (vigie_json_get_string (cost_model, "checked"));
  cell->confidence = g_strdup (vigie_json_get_string (cost_model, "confidence"));
  cell->source = g_strdup (vigie_json_get_string (cost_model, "source"));
  for (guint i = 0; i < self->cost_lines->len; i++)
    {
      VigieCompareCostLine *line = g_ptr_array_index (self->cost_lines, i);

      /* The price's own source when one was counted. */
      if (g_str_equal (line->column, info->pub.key) && !line->optional && line->unit_price > 0 &&
          line->source != NULL)
        {
          g_free (cell->source);
          cell->source = g_strdup (line->source);
          g_free (cell->checked);
          cell->checked = g_strdup (line->checked);
          break;
        }
    }

  if (info->product == NULL)
    {
      cell->explanation = g_strdup (_("The product is not in the knowledge base: its cost is "
                                      "unknown."));
      return;
    }
  if (info->amount < 0)
    {
      cell->value = g_strdup (_("unknown (no published price)"));
      cell->explanation = g_strdup (_("No price is known for what this estate needs, so there "
                                      "is no score; see the cost lines."));
      return;
    }
  if (info->amount == 0)
    cell->value = g_strdup (_("free"));
  else
    {
      g_autofree char *money = vigie_compare_format_amount (info->amount, info->currency);

      /* Translators: a yearly cost, e.g. "4320 USD per year" */
      cell->value = g_strdup_printf (_("%s per year"), money);
    }
  cell->explanation =
    g_strdup_printf (_("Yearly cost per host of the estate (%d hosts): 0 scores 5, up to 500 "
                       "scores 4, 1500 scores 3, 3000 scores 2, 6000 scores 1, more scores 0."),
                     (int) MAX (self->counted.hosts, 1));
}
