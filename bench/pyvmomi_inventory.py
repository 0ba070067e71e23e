#!/usr/bin/python3
"""pyvmomi peer of `vigiectl inventory` for the benchmarks: log in, one
recursive ContainerView of VirtualMachine, the same properties Vigie reads
through the PropertyCollector. Prints the VM count."""
import ssl
import sys
from urllib.parse import urlparse

from pyVim.connect import SmartConnect, Disconnect
from pyVmomi import vim, vmodl

url, user, password = sys.argv[1:4]
u = urlparse(url)
# Loopback simulator with a throwaway certificate (see bench/README.md).
context = ssl._create_unverified_context()
si = SmartConnect(host=u.hostname, port=u.port or 443, user=user, pwd=password,
                  sslContext=context)
try:
    content = si.RetrieveContent()
    view = content.viewManager.CreateContainerView(content.rootFolder,
                                                   [vim.VirtualMachine], True)
    traversal = vmodl.query.PropertyCollector.TraversalSpec(
        name="view", path="view", skip=False, type=vim.view.ContainerView)
    obj_spec = vmodl.query.PropertyCollector.ObjectSpec(obj=view, skip=True,
                                                        selectSet=[traversal])
    prop_spec = vmodl.query.PropertyCollector.PropertySpec(
        type=vim.VirtualMachine,
        # The VM properties vigiectl reads (src/backends/esxi/vigie-esxi-fetch.c).
        pathSet=[
            "name", "runtime.powerState", "runtime.host",
            "config.guestFullName", "guest.guestFullName", "config.hardware.numCPU",
            "config.hardware.memoryMB", "config.template", "config.uuid",
            "config.instanceUuid", "summary.storage.committed", "summary.quickStats.overallCpuUsage",
            "summary.quickStats.guestMemoryUsage", "snapshot", "guest.ipAddress",
            "guest.net", "guest.toolsRunningStatus", "config.firmware",
            "config.bootOptions", "config.changeTrackingEnabled", "config.hardware.device",
            "datastore", "summary.storage.uncommitted"])
    spec = vmodl.query.PropertyCollector.FilterSpec(objectSet=[obj_spec],
                                                    propSet=[prop_spec])
    collector = content.propertyCollector
    result = collector.RetrievePropertiesEx([spec], vmodl.query.PropertyCollector.RetrieveOptions())
    count = 0
    while result is not None:
        count += len(result.objects)
        result = collector.ContinueRetrievePropertiesEx(result.token) if result.token else None
    view.Destroy()
    print(count)
finally:
    Disconnect(si)
