#!/usr/bin/python3
"""pylxd peer of `vigiectl inventory` on LXD/Incus for the benchmarks: every
instance of every project, with its state (what `lxc list` shows). Prints
the instance count.

Debian 12's pylxd (2.2.10) knows neither projects nor `client.instances`:
its `client.containers.all()` lists the default project only. So this does
what `containers.all()` and `Container.state()` do — the list of URLs, then
one state request per instance — through pylxd's own API object, with the
`project` parameter those versions cannot pass themselves.
"""
import os
import sys
import warnings

import pylxd

url, cert, key = sys.argv[1:4]
# Loopback daemon with a throwaway certificate (see bench/README.md).
warnings.filterwarnings("ignore")
# requests lets these variables override a session's verify=False.
for variable in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
    os.environ.pop(variable, None)
client = pylxd.Client(endpoint=url, cert=(cert, key), verify=False)
count = 0
for project_url in client.api.projects.get().json()["metadata"]:
    project = project_url.split("/")[-1]
    listing = client.api.instances.get(params={"project": project}).json()["metadata"]
    for instance_url in listing:
        name = instance_url.split("/")[-1].split("?")[0]
        client.api.instances[name].state.get(params={"project": project}).json()
        count += 1
print(count)
