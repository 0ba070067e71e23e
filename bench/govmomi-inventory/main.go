// govmomi-inventory: the govmomi peer of `vigiectl inventory` for the
// benchmarks — log in, one recursive ContainerView of VirtualMachine, and
// retrieve the same properties Vigie reads. Prints the VM count.
//
// Built in GOPATH mode from Debian's golang-github-vmware-govmomi-dev by
// bench/run.sh; not part of the product.
package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"net/url"
	"os"

	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: govmomi-inventory URL USER PASSWORD")
		os.Exit(1)
	}
	ctx := context.Background()
	u, err := url.Parse(os.Args[1])
	if err != nil {
		panic(err)
	}
	// Loopback simulator with a throwaway certificate: the benchmark measures
	// the protocol work, as Vigie does with its pinned fingerprint.
	sc := soap.NewClient(u, true)
	sc.DefaultTransport().TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	_ = http.DefaultTransport
	c, err := vim25.NewClient(ctx, sc)
	if err != nil {
		panic(err)
	}
	m := session.NewManager(c)
	if err := m.Login(ctx, url.UserPassword(os.Args[2], os.Args[3])); err != nil {
		panic(err)
	}
	defer m.Logout(ctx)
	v, err := view.NewManager(c).CreateContainerView(ctx, c.ServiceContent.RootFolder,
		[]string{"VirtualMachine"}, true)
	if err != nil {
		panic(err)
	}
	defer v.Destroy(ctx)
	var vms []mo.VirtualMachine
	// The VM properties vigiectl reads (src/backends/esxi/vigie-esxi-fetch.c).
	err = v.Retrieve(ctx, []string{"VirtualMachine"}, []string{
		"name", "runtime.powerState", "runtime.host", "config.guestFullName",
		"guest.guestFullName", "config.hardware.numCPU", "config.hardware.memoryMB", "config.template",
		"config.uuid", "config.instanceUuid", "summary.storage.committed", "summary.quickStats.overallCpuUsage",
		"summary.quickStats.guestMemoryUsage", "snapshot", "guest.ipAddress", "guest.net",
		"guest.toolsRunningStatus", "config.firmware", "config.bootOptions", "config.changeTrackingEnabled",
		"config.hardware.device", "datastore", "summary.storage.uncommitted"}, &vms)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(vms))
}
