/* vigie-lab-esxi.c
 *
 * Copyright 2026 The Vigie developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A demo standalone ESXi host speaking enough vim25 SOAP at /sdk for the
 * ESXi backend: RetrieveServiceContent, Login/Logout with the
 * vmware_soap_session cookie, CreateContainerView/DestroyView,
 * RetrievePropertiesEx (paged when maxObjects asks for it) and
 * ContinueRetrievePropertiesEx, power and snapshot methods whose tasks
 * change the demo state, and AcquireCloneTicket.
 *
 * Written apart from the backend on purpose: requests are read with
 * libxml2 by local name, replies are written with GString.
 */

#define G_LOG_DOMAIN "vigie-lab"

#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "vigie-lab.h"

#define SESSION_COOKIE "vmware_soap_session"
#define HOST_MOREF     "ha-host"
#define GIB            (G_GINT64_CONSTANT (1024) * 1024 * 1024)

typedef struct _LabSnapshot LabSnapshot;
struct _LabSnapshot
{
  int        id;
  char      *name;
  char      *description;
  gint64     created;
  GPtrArray *children;   /* LabSnapshot* */
};

typedef struct {
  char       *moref;
  char       *name;
  char       *power;     /* poweredOn, poweredOff, suspended */
  char       *guest;
  int         cpus;
  int         memory_mb;
  gint64      committed;
  char       *ip;
  gboolean    tools;
  gboolean    template_;
  char       *uuid;
  char       *instance_uuid;
  GPtrArray  *snapshots; /* roots */
  LabSnapshot *current;
} LabVm;

typedef struct {
  char *state;
  char *error;           /* localizedMessage when state is "error" */
  char *result_type;
  char *result;
} LabTask;

typedef struct {
  GPtrArray  *objects;   /* char* "Type\tmoref" */
  GPtrArray  *paths;     /* GStrv per type: "Type\tpath" pairs */
  guint       offset;
  guint       page;
} LabPending;

typedef struct {
  char       *user;
  char       *password;
  gint64      now;
  GHashTable *sessions;  /* id → user */
  GPtrArray  *vms;       /* LabVm* */
  GHashTable *tasks;     /* moref → LabTask* */
  GHashTable *pending;   /* token → LabPending* */
  guint       next_task;
  int         next_snapshot;
  guint       next_view;
  guint       next_token;
} LabEsxi;

static void
snapshot_free (LabSnapshot *snapshot)
{
  g_free (snapshot->name);
  g_free (snapshot->description);
  g_ptr_array_unref (snapshot->children);
  g_free (snapshot);
}

static void
vm_free (LabVm *vm)
{
  g_free (vm->moref);
  g_free (vm->name);
  g_free (vm->power);
  g_free (vm->guest);
  g_free (vm->ip);
  g_free (vm->uuid);
  g_free (vm->instance_uuid);
  g_ptr_array_unref (vm->snapshots);
  g_free (vm);
}

static void
task_free (LabTask *task)
{
  g_free (task->state);
  g_free (task->error);
  g_free (task->result_type);
  g_free (task->result);
  g_free (task);
}

static void
pending_free (LabPending *pending)
{
  g_ptr_array_unref (pending->objects);
  g_ptr_array_unref (pending->paths);
  g_free (pending);
}

static void
lab_free (LabEsxi *lab)
{
  g_free (lab->user);
  g_free (lab->password);
  g_hash_table_unref (lab->sessions);
  g_ptr_array_unref (lab->vms);
  g_hash_table_unref (lab->tasks);
  g_hash_table_unref (lab->pending);
  g_free (lab);
}

/* demo data */

static LabSnapshot *
snapshot_new (LabEsxi     *lab,
              const char  *name,
              const char  *description,
              gint64       created)
{
  LabSnapshot *snapshot = g_new0 (LabSnapshot, 1);

  snapshot->id = ++lab->next_snapshot;
  snapshot->name = g_strdup (name);
  snapshot->description = g_strdup (description);
  snapshot->created = created;
  snapshot->children = g_ptr_array_new_with_free_func ((GDestroyNotify) snapshot_free);
  return snapshot;
}

static LabVm *
vm_add (LabEsxi    *lab,
        const char *name,
        const char *power,
        const char *guest,
        int         cpus,
        int         memory_mb,
        int         disk_gib,
        gboolean    tools)
{
  LabVm *vm = g_new0 (LabVm, 1);
  guint n = lab->vms->len + 1;

  /* Standalone ESXi names its VMs with small integers. */
  vm->moref = g_strdup_printf ("%u", n);
  vm->name = g_strdup (name);
  vm->power = g_strdup (power);
  vm->guest = g_strdup (guest);
  vm->cpus = cpus;
  vm->memory_mb = memory_mb;
  vm->committed = disk_gib * GIB;
  vm->tools = tools;
  if (g_str_equal (power, "poweredOn") && tools)
    vm->ip = g_strdup_printf ("192.168.50.%u", 10 + n % 240);
  vm->uuid = g_strdup_printf ("564d%04x-1a2b-3c4d-5e6f-%012x", n, n * 7919);
  vm->instance_uuid = g_strdup_printf ("5212%04x-aa00-bb11-cc22-%012x", n, n * 104729);
  vm->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) snapshot_free);
  g_ptr_array_add (lab->vms, vm);
  return vm;
}

static void
lab_populate (LabEsxi *lab,
              guint    scale)
{
  LabVm *vm;
  LabSnapshot *a, *b;
  gint64 day = 24 * 3600;

  vm = vm_add (lab, "web-01", "poweredOn", "Ubuntu Linux (64-bit)", 2, 4096, 40, TRUE);
  a = snapshot_new (lab, "before-upgrade", "Before the 24.04 upgrade", lab->now - 30 * day);
  b = snapshot_new (lab, "after-upgrade", "Upgrade done", lab->now - 29 * day);
  g_ptr_array_add (a->children, b);
  g_ptr_array_add (vm->snapshots, a);
  vm->current = b;

  vm_add (lab, "web-02", "poweredOn", "Ubuntu Linux (64-bit)", 2, 4096, 40, TRUE);

  vm = vm_add (lab, "db-01", "poweredOn", "Debian GNU/Linux 12 (64-bit)", 4, 16384, 200, TRUE);
  a = snapshot_new (lab, "base", "Fresh install", lab->now - 90 * day);
  b = snapshot_new (lab, "pg15", "PostgreSQL 15", lab->now - 60 * day);
  g_ptr_array_add (a->children, b);
  g_ptr_array_add (b->children, snapshot_new (lab, "pg16", "PostgreSQL 16", lab->now - 5 * day));
  g_ptr_array_add (a->children, snapshot_new (lab, "test-restore", NULL, lab->now - 40 * day));
  g_ptr_array_add (vm->snapshots, a);
  vm->current = b;

  vm_add (lab, "mail-01", "poweredOff", "Rocky Linux (64-bit)", 2, 8192, 120, FALSE);
  vm_add (lab, "backup-proxy", "suspended", "Microsoft Windows Server 2019 (64-bit)", 4, 8192,
          80, FALSE);
  vm_add (lab, "win-ad-01", "poweredOn", "Microsoft Windows Server 2022 (64-bit)", 2, 8192, 60,
          TRUE);

  vm = vm_add (lab, "legacy-app", "poweredOff", "CentOS 7 (64-bit)", 1, 2048, 30, FALSE);
  g_ptr_array_add (vm->snapshots, snapshot_new (lab, "last-known-good", NULL,
                                                lab->now - 400 * day));
  vm->current = g_ptr_array_index (vm->snapshots, 0);

  vm = vm_add (lab, "tmpl-debian-12", "poweredOff", "Debian GNU/Linux 12 (64-bit)", 2, 2048, 16,
               FALSE);
  vm->template_ = TRUE;

  for (guint i = lab->vms->len; i < scale; i++)
    {
      g_autofree char *name = g_strdup_printf ("gen-%04u", i + 1);

      vm_add (lab, name, i % 4 == 0 ? "poweredOff" : "poweredOn", "Other Linux (64-bit)",
              1 + i % 4, 1024 * (1 + i % 8), 10 + i % 50, i % 3 != 0);
    }
}

/* XML output */

static void
esc (GString    *out,
     const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

static void
begin_envelope (GString *out)
{
  g_string_append (out,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<soapenv:Envelope xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\""
                   " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                   " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
                   " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n<soapenv:Body>\n");
}

static void
end_envelope (GString *out)
{
  g_string_append (out, "\n</soapenv:Body>\n</soapenv:Envelope>\n");
}

static void
send_xml (SoupServerMessage *msg,
          guint              status,
          GString           *out)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/xml; charset=utf-8", SOUP_MEMORY_COPY,
                                    out->str, out->len);
}

static void
send_fault (SoupServerMessage *msg,
            const char        *type,
            const char        *message,
            const char        *inner)
{
  g_autoptr(GString) out = g_string_new (NULL);

  begin_envelope (out);
  g_string_append (out, "<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>");
  esc (out, message);
  g_string_append_printf (out, "</faultstring><detail><%sFault xmlns=\"urn:vim25\" "
                          "xsi:type=\"%s\">%s</%sFault></detail></soapenv:Fault>",
                          type, type, inner != NULL ? inner : "", type);
  end_envelope (out);
  send_xml (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, out);
}

static void
send_response (SoupServerMessage *msg,
               const char        *method,
               const char        *returnval)
{
  g_autoptr(GString) out = g_string_new (NULL);

  begin_envelope (out);
  g_string_append_printf (out, "<%sResponse xmlns=\"urn:vim25\">%s</%sResponse>", method,
                          returnval != NULL ? returnval : "", method);
  end_envelope (out);
  send_xml (msg, SOUP_STATUS_OK, out);
}

static char *
iso_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* request reading: by local name, the lab is lenient */

/* The first child element called name; with name NULL, the first child. */
static xmlNode *
elem (xmlNode    *parent,
      const char *name)
{
  for (xmlNode *c = parent != NULL ? parent->children : NULL; c != NULL; c = c->next)
    {
      if (name == NULL)
        return c;
      if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, name))
        return c;
    }
  return NULL;
}

static char *
elem_text (xmlNode    *parent,
           const char *name)
{
  xmlNode *node = elem (parent, name);
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = g_strdup ((const char *) content);
  xmlFree (content);
  return text;
}

static char *
attr (xmlNode    *node,
      const char *name)
{
  xmlChar *value = node != NULL ? xmlGetProp (node, (const xmlChar *) name) : NULL;
  char *text = g_strdup ((const char *) value);

  if (value != NULL)
    xmlFree (value);
  return text;
}

/* properties */

static gint64
host_used_mhz (LabEsxi *lab)
{
  gint64 used = 0;

  for (guint i = 0; i < lab->vms->len; i++)
    {
      LabVm *vm = g_ptr_array_index (lab->vms, i);

      if (g_str_equal (vm->power, "poweredOn"))
        used += 300 * vm->cpus;
    }
  return used;
}

static gint64
host_used_mb (LabEsxi *lab)
{
  gint64 used = 2048;

  for (guint i = 0; i < lab->vms->len; i++)
    {
      LabVm *vm = g_ptr_array_index (lab->vms, i);

      if (g_str_equal (vm->power, "poweredOn"))
        used += vm->memory_mb;
    }
  return used;
}

static void
prop (GString    *out,
      const char *path,
      const char *type,
      const char *value_xml)
{
  g_string_append_printf (out, "<propSet><name>%s</name><val xsi:type=\"%s\">%s</val></propSet>",
                          path, type, value_xml);
}

static void
prop_str (GString    *out,
          const char *path,
          const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  prop (out, path, "xsd:string", escaped);
}

static void
prop_int (GString    *out,
          const char *path,
          const char *type,
          gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  prop (out, path, type, text);
}

static void
write_snapshot (GString     *out,
                const char  *element,
                LabVm       *vm,
                LabSnapshot *snapshot)
{
  g_autofree char *created = iso_time (snapshot->created);

  g_string_append_printf (out, "<%s><snapshot type=\"VirtualMachineSnapshot\">%s-snapshot-%d"
                          "</snapshot><vm type=\"VirtualMachine\">%s</vm><name>", element,
                          vm->moref, snapshot->id, vm->moref);
  esc (out, snapshot->name);
  g_string_append (out, "</name>");
  if (snapshot->description != NULL)
    {
      g_string_append (out, "<description>");
      esc (out, snapshot->description);
      g_string_append (out, "</description>");
    }
  g_string_append_printf (out, "<id>%d</id><createTime>%s</createTime><state>poweredOff</state>"
                          "<quiesced>false</quiesced>", snapshot->id, created);
  for (guint i = 0; i < snapshot->children->len; i++)
    write_snapshot (out, "childSnapshotList", vm, g_ptr_array_index (snapshot->children, i));
  g_string_append_printf (out, "</%s>", element);
}

static void
vm_prop (LabEsxi    *lab,
         GString    *out,
         LabVm      *vm,
         const char *path)
{
  gboolean on = g_str_equal (vm->power, "poweredOn");

  if (g_str_equal (path, "name"))
    prop_str (out, path, vm->name);
  else if (g_str_equal (path, "runtime.powerState"))
    prop (out, path, "VirtualMachinePowerState", vm->power);
  else if (g_str_equal (path, "runtime.host"))
    g_string_append_printf (out, "<propSet><name>%s</name><val xsi:type=\"ManagedObjectReference\""
                            " type=\"HostSystem\">" HOST_MOREF "</val></propSet>", path);
  else if (g_str_equal (path, "config.guestFullName"))
    prop_str (out, path, vm->guest);
  else if (g_str_equal (path, "guest.guestFullName") && on && vm->tools)
    prop_str (out, path, vm->guest);
  else if (g_str_equal (path, "config.hardware.numCPU"))
    prop_int (out, path, "xsd:int", vm->cpus);
  else if (g_str_equal (path, "config.hardware.memoryMB"))
    prop_int (out, path, "xsd:int", vm->memory_mb);
  else if (g_str_equal (path, "config.template"))
    prop (out, path, "xsd:boolean", vm->template_ ? "true" : "false");
  else if (g_str_equal (path, "config.uuid"))
    prop_str (out, path, vm->uuid);
  else if (g_str_equal (path, "config.instanceUuid"))
    prop_str (out, path, vm->instance_uuid);
  else if (g_str_equal (path, "summary.storage.committed"))
    prop_int (out, path, "xsd:long", vm->committed);
  else if (g_str_equal (path, "summary.quickStats.overallCpuUsage"))
    prop_int (out, path, "xsd:int", on ? 300 * vm->cpus : 0);
  else if (g_str_equal (path, "summary.quickStats.guestMemoryUsage"))
    prop_int (out, path, "xsd:int", on ? vm->memory_mb / 3 : 0);
  else if (g_str_equal (path, "snapshot") && vm->snapshots->len > 0)
    {
      g_string_append_printf (out, "<propSet><name>snapshot</name>"
                              "<val xsi:type=\"VirtualMachineSnapshotInfo\">");
      if (vm->current != NULL)
        g_string_append_printf (out, "<currentSnapshot type=\"VirtualMachineSnapshot\">"
                                "%s-snapshot-%d</currentSnapshot>", vm->moref, vm->current->id);
      for (guint i = 0; i < vm->snapshots->len; i++)
        write_snapshot (out, "rootSnapshotList", vm, g_ptr_array_index (vm->snapshots, i));
      g_string_append (out, "</val></propSet>");
    }
  else if (g_str_equal (path, "guest.ipAddress") && on && vm->ip != NULL)
    prop_str (out, path, vm->ip);
  else if (g_str_equal (path, "guest.net") && on && vm->ip != NULL)
    g_string_append_printf (out, "<propSet><name>guest.net</name>"
                            "<val xsi:type=\"ArrayOfGuestNicInfo\"><GuestNicInfo>"
                            "<network>VM Network</network><ipAddress>%s</ipAddress>"
                            "<macAddress>00:0c:29:00:00:%02x</macAddress><connected>true"
                            "</connected><deviceConfigId>4000</deviceConfigId></GuestNicInfo>"
                            "</val></propSet>", vm->ip, (guint) lab->vms->len & 0xff);
  else if (g_str_equal (path, "guest.toolsRunningStatus"))
    prop_str (out, path, on && vm->tools ? "guestToolsRunning" : "guestToolsNotRunning");
  /* Anything else is unset: left out, as a real host does. */
}

static void
host_prop (LabEsxi    *lab,
           GString    *out,
           const char *path)
{
  if (g_str_equal (path, "name"))
    prop_str (out, path, "esxi-lab.vigie.test");
  else if (g_str_equal (path, "parent"))
    g_string_append (out, "<propSet><name>parent</name>"
                     "<val xsi:type=\"ManagedObjectReference\" type=\"ComputeResource\">"
                     "ha-compute-res</val></propSet>");
  else if (g_str_equal (path, "summary.config.product.version"))
    prop_str (out, path, "8.0.3");
  else if (g_str_equal (path, "summary.config.product.build"))
    prop_str (out, path, "24022510");
  else if (g_str_equal (path, "summary.hardware.numCpuCores"))
    prop_int (out, path, "xsd:short", 16);
  else if (g_str_equal (path, "summary.hardware.numCpuThreads"))
    prop_int (out, path, "xsd:short", 32);
  else if (g_str_equal (path, "summary.hardware.cpuMhz"))
    prop_int (out, path, "xsd:int", 2400);
  else if (g_str_equal (path, "summary.hardware.cpuModel"))
    prop_str (out, path, "Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz");
  else if (g_str_equal (path, "summary.hardware.memorySize"))
    prop_int (out, path, "xsd:long", 128 * GIB);
  else if (g_str_equal (path, "summary.quickStats.overallCpuUsage"))
    prop_int (out, path, "xsd:int", host_used_mhz (lab));
  else if (g_str_equal (path, "summary.quickStats.overallMemoryUsage"))
    prop_int (out, path, "xsd:int", host_used_mb (lab));
  else if (g_str_equal (path, "summary.quickStats.uptime"))
    prop_int (out, path, "xsd:int", 41 * 24 * 3600 + 3 * 3600);
  else if (g_str_equal (path, "runtime.connectionState"))
    prop (out, path, "HostSystemConnectionState", "connected");
  else if (g_str_equal (path, "runtime.inMaintenanceMode"))
    prop (out, path, "xsd:boolean", "false");
}

static void
datastore_prop (GString    *out,
                guint       index,
                const char *path)
{
  static const struct {
    const char *name, *type, *url;
    gint64 capacity_gib, free_gib;
  } stores[] = {
    { "datastore1", "VMFS", "ds:///vmfs/volumes/6512a3f1-0c0ffee0/", 1800, 1130 },
    { "nas-iso", "NFS", "ds:///vmfs/volumes/8c2a11be-4e5c1d00/", 4000, 3100 },
  };

  if (g_str_equal (path, "name"))
    prop_str (out, path, stores[index].name);
  else if (g_str_equal (path, "summary.type"))
    prop_str (out, path, stores[index].type);
  else if (g_str_equal (path, "summary.url"))
    prop_str (out, path, stores[index].url);
  else if (g_str_equal (path, "summary.capacity"))
    prop_int (out, path, "xsd:long", stores[index].capacity_gib * GIB);
  else if (g_str_equal (path, "summary.freeSpace"))
    prop_int (out, path, "xsd:long", stores[index].free_gib * GIB);
  else if (g_str_equal (path, "summary.multipleHostAccess"))
    prop (out, path, "xsd:boolean", index == 1 ? "true" : "false");
  else if (g_str_equal (path, "summary.accessible"))
    prop (out, path, "xsd:boolean", "true");
  else if (g_str_equal (path, "host"))
    g_string_append_printf (out, "<propSet><name>host</name>"
                            "<val xsi:type=\"ArrayOfDatastoreHostMount\"><DatastoreHostMount>"
                            "<key type=\"HostSystem\">" HOST_MOREF "</key>"
                            "<mountInfo><accessMode>readWrite</accessMode><mounted>true</mounted>"
                            "</mountInfo></DatastoreHostMount></val></propSet>");
}

static const char *networks[] = { "VM Network", "Management Network", "Backup" };

static LabVm *
find_vm (LabEsxi    *lab,
         const char *moref)
{
  for (guint i = 0; i < lab->vms->len; i++)
    {
      LabVm *vm = g_ptr_array_index (lab->vms, i);

      if (g_strcmp0 (vm->moref, moref) == 0)
        return vm;
    }
  return NULL;
}

/* Writes one ObjectContent with the paths asked for its type. */
static void
write_object (LabEsxi    *lab,
              GString    *out,
              const char *type,
              const char *moref,
              GPtrArray  *paths)
{
  g_string_append_printf (out, "<objects><obj type=\"%s\">", type);
  esc (out, moref);
  g_string_append (out, "</obj>");
  for (guint i = 0; i < paths->len; i++)
    {
      char **pair = g_ptr_array_index (paths, i);
      const char *path = pair[1];

      if (!g_str_equal (pair[0], type))
        continue;
      if (g_str_equal (type, "VirtualMachine"))
        {
          LabVm *vm = find_vm (lab, moref);

          if (vm != NULL)
            vm_prop (lab, out, vm, path);
        }
      else if (g_str_equal (type, "HostSystem"))
        host_prop (lab, out, path);
      else if (g_str_equal (type, "Datastore"))
        datastore_prop (out, g_str_equal (moref, "datastore1") ? 0 : 1, path);
      else if (g_str_equal (type, "Network") && g_str_equal (path, "name"))
        {
          guint n = (guint) g_ascii_strtoull (moref + strlen ("HaNetwork-"), NULL, 10);

          prop_str (out, path, networks[MIN (n, G_N_ELEMENTS (networks) - 1)]);
        }
      else if (g_str_equal (type, "LicenseManager") && g_str_equal (path, "licenses"))
        g_string_append (out, "<propSet><name>licenses</name>"
                         "<val xsi:type=\"ArrayOfLicenseManagerLicenseInfo\">"
                         "<LicenseManagerLicenseInfo><licenseKey>00000-00000-00000-00000-00000"
                         "</licenseKey><editionKey>eval</editionKey><name>Evaluation Mode</name>"
                         "<total>0</total></LicenseManagerLicenseInfo></val></propSet>");
      else if (g_str_equal (type, "Task"))
        {
          LabTask *task = g_hash_table_lookup (lab->tasks, moref);

          if (task == NULL)
            continue;
          if (g_str_equal (path, "info.state"))
            prop (out, path, "TaskInfoState", task->state);
          else if (g_str_equal (path, "info.error") && task->error != NULL)
            {
              g_string_append (out, "<propSet><name>info.error</name>"
                               "<val xsi:type=\"LocalizedMethodFault\">"
                               "<fault xsi:type=\"InvalidPowerState\"></fault><localizedMessage>");
              esc (out, task->error);
              g_string_append (out, "</localizedMessage></val></propSet>");
            }
          else if (g_str_equal (path, "info.result") && task->result != NULL)
            g_string_append_printf (out, "<propSet><name>info.result</name>"
                                    "<val xsi:type=\"ManagedObjectReference\" type=\"%s\">%s"
                                    "</val></propSet>", task->result_type, task->result);
        }
    }
  g_string_append (out, "</objects>");
}

static void
send_page (LabEsxi           *lab,
           SoupServerMessage *msg,
           const char        *method,
           LabPending        *pending)
{
  g_autoptr(GString) ret = g_string_new ("<returnval>");
  guint end = pending->page > 0 ? MIN (pending->offset + pending->page, pending->objects->len)
                                : pending->objects->len;

  if (end < pending->objects->len)
    {
      g_autofree char *token = g_strdup_printf ("%u", ++lab->next_token);
      LabPending *rest = g_new0 (LabPending, 1);

      rest->objects = g_ptr_array_ref (pending->objects);
      rest->paths = g_ptr_array_ref (pending->paths);
      rest->offset = end;
      rest->page = pending->page;
      g_hash_table_replace (lab->pending, g_strdup (token), rest);
      g_string_append_printf (ret, "<token>%s</token>", token);
    }
  for (guint i = pending->offset; i < end; i++)
    {
      g_auto(GStrv) ref = g_strsplit (g_ptr_array_index (pending->objects, i), "\t", 2);

      write_object (lab, ret, ref[0], ref[1], pending->paths);
    }
  g_string_append (ret, "</returnval>");
  send_response (msg, method, pending->objects->len > 0 ? ret->str : NULL);
}

static void
add_objects_of_type (LabEsxi    *lab,
                     GPtrArray  *objects,
                     const char *type)
{
  if (g_str_equal (type, "VirtualMachine"))
    for (guint i = 0; i < lab->vms->len; i++)
      {
        LabVm *vm = g_ptr_array_index (lab->vms, i);

        g_ptr_array_add (objects, g_strdup_printf ("VirtualMachine\t%s", vm->moref));
      }
  else if (g_str_equal (type, "HostSystem"))
    g_ptr_array_add (objects, g_strdup ("HostSystem\t" HOST_MOREF));
  else if (g_str_equal (type, "Datastore"))
    {
      g_ptr_array_add (objects, g_strdup ("Datastore\tdatastore1"));
      g_ptr_array_add (objects, g_strdup ("Datastore\tnas-iso"));
    }
  else if (g_str_equal (type, "Network"))
    for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
      g_ptr_array_add (objects, g_strdup_printf ("Network\tHaNetwork-%u", i));
}

static void
retrieve_properties (LabEsxi           *lab,
                     SoupServerMessage *msg,
                     xmlNode           *call)
{
  xmlNode *spec = elem (call, "specSet");
  xmlNode *object_set = elem (spec, "objectSet");
  xmlNode *obj = elem (object_set, "obj");
  g_autofree char *obj_type = attr (obj, "type");
  g_autofree char *obj_ref = elem_text (object_set, "obj");
  g_autofree char *max = elem_text (elem (call, "options"), "maxObjects");
  LabPending pending = { 0 };

  pending.objects = g_ptr_array_new_with_free_func (g_free);
  pending.paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  pending.page = max != NULL ? (guint) g_ascii_strtoull (max, NULL, 10) : 0;

  for (xmlNode *p = spec != NULL ? spec->children : NULL; p != NULL; p = p->next)
    {
      g_autofree char *type = NULL;

      if (p->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) p->name, "propSet"))
        continue;
      type = elem_text (p, "type");
      for (xmlNode *path = p->children; path != NULL; path = path->next)
        if (path->type == XML_ELEMENT_NODE && g_str_equal ((const char *) path->name, "pathSet"))
          {
            xmlChar *text = xmlNodeGetContent (path);
            char **pair = g_new0 (char *, 3);

            pair[0] = g_strdup (type);
            pair[1] = g_strdup ((const char *) text);
            xmlFree (text);
            g_ptr_array_add (pending.paths, pair);
          }
      if (g_strcmp0 (obj_type, "ContainerView") == 0 && type != NULL)
        add_objects_of_type (lab, pending.objects, type);
    }
  if (g_strcmp0 (obj_type, "ContainerView") != 0 && obj_type != NULL && obj_ref != NULL)
    {
      if (g_str_equal (obj_type, "Task") && !g_hash_table_contains (lab->tasks, obj_ref))
        {
          send_fault (msg, "ManagedObjectNotFound", "The object has already been deleted or "
                      "has not been completely created", NULL);
          goto out;
        }
      g_ptr_array_add (pending.objects, g_strdup_printf ("%s\t%s", obj_type, obj_ref));
    }
  send_page (lab, msg, "RetrievePropertiesEx", &pending);
out:
  g_ptr_array_unref (pending.objects);
  g_ptr_array_unref (pending.paths);
}

/* actions */

static char *
new_task (LabEsxi    *lab,
          const char *error,
          const char *result_type,
          const char *result)
{
  LabTask *task = g_new0 (LabTask, 1);
  char *moref = g_strdup_printf ("haTask-%u", ++lab->next_task);

  task->state = g_strdup (error != NULL ? "error" : "success");
  task->error = g_strdup (error);
  task->result_type = g_strdup (result_type);
  task->result = g_strdup (result);
  g_hash_table_replace (lab->tasks, g_strdup (moref), task);
  return moref;
}

static void
reply_task (SoupServerMessage *msg,
            const char        *method,
            char              *moref)
{
  g_autofree char *ret = g_strdup_printf ("<returnval type=\"Task\">%s</returnval>", moref);

  g_free (moref);
  send_response (msg, method, ret);
}

static void
vm_method (LabEsxi           *lab,
           SoupServerMessage *msg,
           const char        *method,
           xmlNode           *call)
{
  g_autofree char *this = elem_text (call, "_this");
  LabVm *vm = find_vm (lab, this);
  gboolean on;

  if (vm == NULL)
    {
      send_fault (msg, "ManagedObjectNotFound", "The object has already been deleted", NULL);
      return;
    }
  on = g_str_equal (vm->power, "poweredOn");

  if (g_str_equal (method, "PowerOnVM_Task"))
    {
      if (on || vm->template_)
        {
          reply_task (msg, method, new_task (lab, vm->template_ ? "Templates cannot be powered on."
                                             : "The attempted operation cannot be performed in "
                                               "the current state (Powered on).", NULL, NULL));
          return;
        }
      g_free (vm->power);
      vm->power = g_strdup ("poweredOn");
      if (vm->tools && vm->ip == NULL)
        vm->ip = g_strdup_printf ("192.168.50.%s", vm->moref);
      reply_task (msg, method, new_task (lab, NULL, NULL, NULL));
    }
  else if (g_str_equal (method, "PowerOffVM_Task") || g_str_equal (method, "SuspendVM_Task"))
    {
      gboolean suspend = g_str_equal (method, "SuspendVM_Task");

      if (suspend ? !on : g_str_equal (vm->power, "poweredOff"))
        {
          reply_task (msg, method, new_task (lab, "The attempted operation cannot be performed "
                                             "in the current state.", NULL, NULL));
          return;
        }
      g_free (vm->power);
      vm->power = g_strdup (suspend ? "suspended" : "poweredOff");
      reply_task (msg, method, new_task (lab, NULL, NULL, NULL));
    }
  else if (g_str_equal (method, "ShutdownGuest") || g_str_equal (method, "RebootGuest"))
    {
      if (!on)
        {
          send_fault (msg, "InvalidPowerState", "The attempted operation cannot be performed in "
                      "the current state (Powered off).", NULL);
          return;
        }
      if (!vm->tools)
        {
          send_fault (msg, "ToolsUnavailable", "Cannot complete operation because VMware Tools "
                      "is not running in this virtual machine.", NULL);
          return;
        }
      if (g_str_equal (method, "ShutdownGuest"))
        {
          g_free (vm->power);
          vm->power = g_strdup ("poweredOff");
        }
      send_response (msg, method, NULL);
    }
  else if (g_str_equal (method, "CreateSnapshot_Task"))
    {
      g_autofree char *name = elem_text (call, "name");
      g_autofree char *description = elem_text (call, "description");
      g_autofree char *ref = NULL;
      LabSnapshot *snapshot;

      if (name == NULL || *name == '\0')
        {
          send_fault (msg, "InvalidArgument", "A specified parameter was not correct: name", NULL);
          return;
        }
      snapshot = snapshot_new (lab, name, description, g_get_real_time () / G_USEC_PER_SEC);
      if (vm->current != NULL)
        g_ptr_array_add (vm->current->children, snapshot);
      else
        g_ptr_array_add (vm->snapshots, snapshot);
      vm->current = snapshot;
      ref = g_strdup_printf ("%s-snapshot-%d", vm->moref, snapshot->id);
      reply_task (msg, method, new_task (lab, NULL, "VirtualMachineSnapshot", ref));
    }
}

/* the handler */

static char *
session_of (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Cookie");
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return NULL;
  parts = g_strsplit (header, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);

      if (g_str_has_prefix (part, SESSION_COOKIE "="))
        {
          const char *value = part + strlen (SESSION_COOKIE "=");
          gsize len = strlen (value);

          if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
            return g_strndup (value + 1, len - 2);
          return g_strdup (value);
        }
    }
  return NULL;
}

static const char service_content[] =
  "<returnval>"
  "<rootFolder type=\"Folder\">ha-folder-root</rootFolder>"
  "<propertyCollector type=\"PropertyCollector\">ha-property-collector</propertyCollector>"
  "<viewManager type=\"ViewManager\">ViewManager</viewManager>"
  "<about><name>VMware ESXi</name><fullName>VMware ESXi 8.0.3 build-24022510</fullName>"
  "<vendor>VMware, Inc.</vendor><version>8.0.3</version><build>24022510</build>"
  "<localeVersion>INTL</localeVersion><localeBuild>000</localeBuild><osType>vmnix-x86</osType>"
  "<productLineId>embeddedEsx</productLineId><apiType>HostAgent</apiType>"
  "<apiVersion>8.0.3.0</apiVersion><licenseProductName>VMware ESX Server</licenseProductName>"
  "<licenseProductVersion>8.0</licenseProductVersion></about>"
  "<setting type=\"OptionManager\">HostAgentSettings</setting>"
  "<userDirectory type=\"UserDirectory\">ha-user-directory</userDirectory>"
  "<sessionManager type=\"SessionManager\">ha-sessionmgr</sessionManager>"
  "<authorizationManager type=\"AuthorizationManager\">ha-authmgr</authorizationManager>"
  "<perfManager type=\"PerformanceManager\">ha-perfmgr</perfManager>"
  "<eventManager type=\"EventManager\">ha-eventmgr</eventManager>"
  "<taskManager type=\"TaskManager\">ha-taskmgr</taskManager>"
  "<licenseManager type=\"LicenseManager\">ha-license-manager</licenseManager>"
  "<searchIndex type=\"SearchIndex\">ha-searchindex</searchIndex>"
  "</returnval>";

static void
handle_sdk (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  LabEsxi *lab = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *session = NULL;
  const char *method;
  xmlDoc *doc;
  xmlNode *call = NULL;

  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  doc = xmlReadMemory (g_bytes_get_data (body, NULL), (int) g_bytes_get_size (body), "request.xml",
                       NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  for (xmlNode *c = doc != NULL ? elem (elem (xmlDocGetRootElement (doc), "Body"), NULL) : NULL;
       c != NULL && call == NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      call = c;
  if (call == NULL)
    {
      send_fault (msg, "InvalidRequest", "Unable to parse the request", NULL);
      g_clear_pointer (&doc, xmlFreeDoc);
      return;
    }
  method = (const char *) call->name;
  session = session_of (msg);

  if (g_str_equal (method, "RetrieveServiceContent"))
    send_response (msg, method, service_content);
  else if (g_str_equal (method, "Login"))
    {
      g_autofree char *user = elem_text (call, "userName");
      g_autofree char *password = elem_text (call, "password");

      if (g_strcmp0 (user, lab->user) == 0 && g_strcmp0 (password, lab->password) == 0)
        {
          g_autofree char *id = g_uuid_string_random ();
          /* Quoted like a real host's; not Secure, so plain-HTTP tests work. */
          g_autofree char *cookie = g_strdup_printf (SESSION_COOKIE "=\"%s\"; Path=/; HttpOnly",
                                                     id);
          g_autofree char *login_time = iso_time (g_get_real_time () / G_USEC_PER_SEC);
          g_autofree char *ret = g_strdup_printf ("<returnval><key>%s</key><userName>%s"
                                                  "</userName><fullName>Administrator</fullName>"
                                                  "<loginTime>%s</loginTime><locale>en</locale>"
                                                  "<messageLocale>en</messageLocale>"
                                                  "<extensionSession>false</extensionSession>"
                                                  "</returnval>", id, lab->user, login_time);

          g_hash_table_replace (lab->sessions, g_strdup (id), g_strdup (user));
          soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                       "Set-Cookie", cookie);
          send_response (msg, method, ret);
        }
      else
        send_fault (msg, "InvalidLogin", "Cannot complete login due to an incorrect user name "
                    "or password.", NULL);
    }
  else if (session == NULL || !g_hash_table_contains (lab->sessions, session))
    send_fault (msg, "NotAuthenticated", "",
                "<object type=\"Folder\">ha-folder-root</object><privilegeId>System.View"
                "</privilegeId>");
  else if (g_str_equal (method, "Logout"))
    {
      g_hash_table_remove (lab->sessions, session);
      send_response (msg, method, NULL);
    }
  else if (g_str_equal (method, "TerminateSession"))
    {
      for (xmlNode *c = call->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, "sessionId"))
          {
            xmlChar *id = xmlNodeGetContent (c);

            g_hash_table_remove (lab->sessions, (const char *) id);
            xmlFree (id);
          }
      send_response (msg, method, NULL);
    }
  else if (g_str_equal (method, "CurrentTime"))
    {
      g_autofree char *now = iso_time (g_get_real_time () / G_USEC_PER_SEC);
      g_autofree char *ret = g_strdup_printf ("<returnval>%s</returnval>", now);

      send_response (msg, method, ret);
    }
  else if (g_str_equal (method, "CreateContainerView"))
    {
      g_autofree char *ret = g_strdup_printf ("<returnval type=\"ContainerView\">session[%s]%u"
                                              "</returnval>", session, ++lab->next_view);

      send_response (msg, method, ret);
    }
  else if (g_str_equal (method, "DestroyView"))
    send_response (msg, method, NULL);
  else if (g_str_equal (method, "RetrievePropertiesEx"))
    retrieve_properties (lab, msg, call);
  else if (g_str_equal (method, "ContinueRetrievePropertiesEx"))
    {
      g_autofree char *token = elem_text (call, "token");
      LabPending *pending = token != NULL ? g_hash_table_lookup (lab->pending, token) : NULL;

      if (pending == NULL)
        send_fault (msg, "InvalidArgument", "A specified parameter was not correct: token", NULL);
      else
        {
          send_page (lab, msg, method, pending);
          g_hash_table_remove (lab->pending, token);
        }
    }
  else if (g_str_equal (method, "AcquireCloneTicket"))
    {
      g_autofree char *ticket = g_uuid_string_random ();
      g_autofree char *ret = g_strdup_printf ("<returnval>cst-%s</returnval>", ticket);

      send_response (msg, method, ret);
    }
  else if (g_str_has_suffix (method, "VM_Task") || g_str_equal (method, "ShutdownGuest") ||
           g_str_equal (method, "RebootGuest") || g_str_equal (method, "CreateSnapshot_Task"))
    vm_method (lab, msg, method, call);
  else
    {
      g_autofree char *text = g_strdup_printf ("Method %s is not implemented by the lab", method);

      send_fault (msg, "MethodNotFound", text, NULL);
    }
  xmlFreeDoc (doc);
}

static void
handle_versions (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  static const char versions[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<namespaces version=\"1.0\"><namespace>"
    "<name>urn:vim25</name><version>8.0.3.0</version><priorVersions><version>8.0.2.0</version>"
    "<version>7.0.3.0</version></priorVersions></namespace></namespaces>\n";

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_STATIC, versions,
                                    strlen (versions));
}

gboolean
vigie_lab_esxi_setup (VigieLabService *service,
                      GError         **error)
{
  LabEsxi *lab = g_new0 (LabEsxi, 1);

  lab->user = g_strdup ("root");
  lab->password = g_strdup ("vigie-lab");
  lab->now = service->now > 0 ? service->now : g_get_real_time () / G_USEC_PER_SEC;
  lab->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lab->vms = g_ptr_array_new_with_free_func ((GDestroyNotify) vm_free);
  lab->tasks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) task_free);
  lab->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) pending_free);
  lab_populate (lab, service->scale);

  service->path = g_strdup ("/sdk");
  service->user = g_strdup (lab->user);
  service->secret = g_strdup (lab->password);
  service->secret_purpose = VIGIE_SECRET_PASSWORD;
  service->state = lab;
  service->state_free = (GDestroyNotify) lab_free;
  soup_server_add_handler (service->server, "/sdk/vimServiceVersions.xml", handle_versions,
                           NULL, NULL);
  soup_server_add_handler (service->server, "/sdk", handle_sdk, lab, NULL);
  return TRUE;
}
