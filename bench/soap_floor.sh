#!/usr/bin/env bash
# The raw SOAP floor of `vigiectl inventory` on an ESXi host or a vCenter:
# the same requests, with the same property paths, sent by curl, with no
# parsing beyond what the next request needs (the service content's
# morefs, the view's). Three curl runs (each reuses its connection):
# service content; login, licence, view; infrastructure, VMs, view freed.
# The reply is not paged by govmomi's simulator; a real vCenter's
# ContinueRetrievePropertiesEx pages are not followed here.
# Usage: bench/soap_floor.sh URL USER PASSWORD   (prints the VMs' reply size)
set -euo pipefail
url=$1 user=$2 pass=$3
jar=$(mktemp) out=$(mktemp) d=$(mktemp -d)
trap 'rm -rf "$jar" "$out" "$d"' EXIT
env() { # body...
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vim25="urn:vim25"><soapenv:Body>%s</soapenv:Body></soapenv:Envelope>' "$1"
}
run() { # OUT1 BODY1 OUT2 BODY2 …: one curl run, one connection
  local args=() first=1
  while [ $# -gt 0 ]; do
    [ $first = 1 ] || args+=(--next)
    first=0
    args+=(-sk -b "$jar" -c "$jar" -H 'SOAPAction: "urn:vim25/6.5"'
           -H 'Content-Type: text/xml; charset=utf-8' --data-binary "@$2" -o "$1" "$url")
    shift 2
  done
  curl "${args[@]}"
}
tag() { sed -n "s|.*<$1[^>]*>\([^<]*\)</$1>.*|\1|p" "$2" | head -n1; }

env '<vim25:RetrieveServiceContent><vim25:_this type="ServiceInstance">ServiceInstance</vim25:_this></vim25:RetrieveServiceContent>' > "$d/sc"
curl -sk -H 'SOAPAction: "urn:vim25"' -H 'Content-Type: text/xml; charset=utf-8' --data-binary @"$d/sc" "$url" > "$out"
pc=$(tag propertyCollector "$out") vm=$(tag viewManager "$out") sm=$(tag sessionManager "$out")
root=$(tag rootFolder "$out") lm=$(tag licenseManager "$out")

env "<vim25:Login><vim25:_this type=\"SessionManager\">$sm</vim25:_this><vim25:userName>$user</vim25:userName><vim25:password>$pass</vim25:password></vim25:Login>" > "$d/login"
env "<vim25:RetrievePropertiesEx><vim25:_this type=\"PropertyCollector\">$pc</vim25:_this><vim25:specSet><vim25:propSet><vim25:type>LicenseManager</vim25:type><vim25:all>false</vim25:all><vim25:pathSet>licenses</vim25:pathSet></vim25:propSet><vim25:objectSet><vim25:obj type=\"LicenseManager\">$lm</vim25:obj></vim25:objectSet></vim25:specSet><vim25:options/></vim25:RetrievePropertiesEx>" > "$d/lic"
types=""; for t in VirtualMachine HostSystem Datastore Network ClusterComputeResource; do types="$types<vim25:type>$t</vim25:type>"; done
env "<vim25:CreateContainerView><vim25:_this type=\"ViewManager\">$vm</vim25:_this><vim25:container type=\"Folder\">$root</vim25:container>$types<vim25:recursive>true</vim25:recursive></vim25:CreateContainerView>" > "$d/view"
run /dev/null "$d/login" /dev/null "$d/lic" "$out" "$d/view"
view=$(tag returnval "$out")

spec() { # type paths...
  local t=$1; shift
  printf '<vim25:propSet><vim25:type>%s</vim25:type><vim25:all>false</vim25:all>' "$t"
  for p in "$@"; do printf '<vim25:pathSet>%s</vim25:pathSet>' "$p"; done
  printf '</vim25:propSet>'
}
retrieve() { # specs
  env "<vim25:RetrievePropertiesEx><vim25:_this type=\"PropertyCollector\">$pc</vim25:_this><vim25:specSet>$1<vim25:objectSet><vim25:obj type=\"ContainerView\">$view</vim25:obj><vim25:skip>true</vim25:skip><vim25:selectSet xsi:type=\"vim25:TraversalSpec\"><vim25:name>traverseView</vim25:name><vim25:type>ContainerView</vim25:type><vim25:path>view</vim25:path><vim25:skip>false</vim25:skip></vim25:selectSet></vim25:objectSet></vim25:specSet><vim25:options><vim25:maxObjects>500</vim25:maxObjects></vim25:options></vim25:RetrievePropertiesEx>"
}
retrieve "$(spec HostSystem name parent summary.config.product.version summary.config.product.build \
  summary.hardware.numCpuCores summary.hardware.numCpuThreads summary.hardware.cpuMhz \
  summary.hardware.numCpuPkgs summary.hardware.cpuModel summary.hardware.memorySize \
  summary.quickStats.overallCpuUsage summary.quickStats.overallMemoryUsage summary.quickStats.uptime \
  runtime.connectionState runtime.inMaintenanceMode)$(spec Datastore name summary.type summary.capacity \
  summary.freeSpace summary.multipleHostAccess summary.accessible summary.url host)$(spec Network name)$(spec ClusterComputeResource name)" > "$d/infra"
retrieve "$(spec VirtualMachine name runtime.powerState runtime.host config.guestFullName guest.guestFullName \
  config.hardware.numCPU config.hardware.memoryMB config.template config.uuid config.instanceUuid \
  summary.storage.committed summary.quickStats.overallCpuUsage summary.quickStats.guestMemoryUsage \
  snapshot guest.ipAddress guest.net guest.toolsRunningStatus config.firmware config.bootOptions \
  config.changeTrackingEnabled config.hardware.device datastore summary.storage.uncommitted)" > "$d/vms"
env "<vim25:DestroyView><vim25:_this type=\"ContainerView\">$view</vim25:_this></vim25:DestroyView>" > "$d/destroy"
run /dev/null "$d/infra" "$out" "$d/vms" /dev/null "$d/destroy"
wc -c < "$out"
