// Command vcsim starts govmomi's in-memory vSphere API simulator for Vigie's
// integration tests (tests/lab/vcsim-up.sh builds it).
//
// Debian ships govmomi's library (golang-github-vmware-govmomi-dev) but not the
// upstream vcsim command, so this small launcher is built on the library's
// public API (simulator.VPX/ESX, Model.Create, Service.NewServer). Flag names
// follow upstream vcsim. It only listens where -l says; vcsim-up.sh always
// passes a 127.0.0.1 address.
package main

import (
	"crypto/sha256"
	"crypto/tls"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/esx"
)

func colonHex(sum []byte) string {
	s := make([]string, len(sum))
	for i, b := range sum {
		s[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(s, ":")
}

// writeEnv writes the file atomically so a poller never sees half of it.
func writeEnv(path, text string) {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		log.Fatal(err)
	}
}

func main() {
	m := simulator.VPX()
	var listenAddr, cert, key, envFile, user, pass string
	var esxMode bool

	flag.IntVar(&m.Datacenter, "dc", m.Datacenter, "datacenters")
	flag.IntVar(&m.Cluster, "cluster", m.Cluster, "clusters per datacenter")
	flag.IntVar(&m.ClusterHost, "host", m.ClusterHost, "hosts per cluster")
	flag.IntVar(&m.Host, "standalone-host", m.Host, "standalone hosts per datacenter")
	flag.IntVar(&m.Datastore, "ds", m.Datastore, "local datastores")
	flag.IntVar(&m.Machine, "vm", m.Machine, "VMs per resource pool")
	flag.BoolVar(&esxMode, "esx", false, "simulate a standalone ESXi host")
	flag.StringVar(&listenAddr, "l", "127.0.0.1:0", "listen address")
	flag.StringVar(&cert, "tlscert", "", "PEM certificate")
	flag.StringVar(&key, "tlskey", "", "PEM private key")
	flag.StringVar(&user, "username", "", "only accept this user name")
	flag.StringVar(&pass, "password", "", "only accept this password")
	flag.StringVar(&envFile, "E", "", "write URL, PID and certificate fingerprint here")
	flag.DurationVar(&simulator.SessionIdleTimeout, "session-idle-timeout", 0, "expire idle sessions")
	flag.Parse()

	host, _, err := net.SplitHostPort(listenAddr)
	if err != nil {
		log.Fatalf("-l: %v", err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		log.Fatalf("-l: %s is not a loopback address", host)
	}
	esx.HostSystem.Summary.ManagementServerIp = host

	if esxMode {
		shape := m
		m = simulator.ESX()
		m.Datastore, m.Machine = shape.Datastore, shape.Machine
	}
	if err := m.Create(); err != nil {
		log.Fatal(err)
	}
	defer m.Remove()

	listen := &url.URL{Host: listenAddr}
	if user != "" {
		listen.User = url.UserPassword(user, pass)
	}
	m.Service.Listen = listen
	m.Service.ServeMux = http.NewServeMux()
	m.Service.TLS = new(tls.Config)
	if cert != "" {
		pair, err := tls.LoadX509KeyPair(cert, key)
		if err != nil {
			log.Fatal(err)
		}
		m.Service.TLS.Certificates = []tls.Certificate{pair}
	}

	srv := m.Service.NewServer()
	defer srv.Close()

	u := *srv.URL
	u.User = nil
	sum := sha256.Sum256(srv.Certificate().Raw)
	env := fmt.Sprintf("URL=%s\nPID=%d\nSHA256=%s\n", u.String(), os.Getpid(), colonHex(sum[:]))
	if envFile != "" {
		writeEnv(envFile, env)
	} else {
		fmt.Print(env)
	}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
}
