#!/usr/bin/python3
"""pylxd peer of `vigiectl inventory` on LXD/Incus for the benchmarks: every
instance of every project, with its state (what `lxc list` shows). Prints
the instance count."""
import sys
import warnings

import pylxd

url, cert, key = sys.argv[1:4]
# Loopback daemon with a throwaway certificate (see bench/README.md).
warnings.filterwarnings("ignore")
client = pylxd.Client(endpoint=url, cert=(cert, key), verify=False)
count = 0
for project in client.projects.all():
    scoped = pylxd.Client(endpoint=url, cert=(cert, key), verify=False, project=project.name)
    for instance in scoped.instances.all():
        instance.state()
        count += 1
print(count)
